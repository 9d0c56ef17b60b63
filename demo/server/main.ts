import { parseArgs } from 'node:util';
import { operationOptions, operationSettingsOfArgs } from './features/options.js';
import { startPorticoServer } from './server.js';

/** `npm run server -- [--port 8100] [--data <folder>] [--large-patient] [--test-admin] [--scheduling-operations]` */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORTICO_PORT ?? '8100' },
    data: { type: 'string' },
    'large-patient': { type: 'boolean', default: false },
    'test-admin': { type: 'boolean', default: false },
    ...operationOptions(),
  },
});

const server = await startPorticoServer({
  port: Number(values.port),
  dataFolder: values.data,
  largePatient: values['large-patient'],
  testAdmin: values['test-admin'],
  ...operationSettingsOfArgs(values),
});
console.log(`FHIR R4 server:       ${server.fhirBaseUrl}`);
console.log(`Authorization server: ${server.authIssuer}`);
console.log('Demo users (username / password):');
for (const a of server.accounts) console.log(`  ${a.username.padEnd(10)} ${a.password.padEnd(14)} ${a.displayName}: ${a.description}`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
