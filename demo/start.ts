import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { operationOptions, operationSettingsOfArgs } from './server/features/options.js';
import { startPorticoServer } from './server/server.js';

/**
 * `npm start`: the embedded FHIR + sign-in backend and the demo hospital site, together.
 * `npm start -- --data ../shared/fhir-samples/synthea` loads a folder of FHIR Bundles instead of the demo data.
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: process.env.PORTICO_PORT ?? '8100' },
    'site-port': { type: 'string', default: process.env.PORTICO_SITE_PORT ?? '5173' },
    'large-patient': { type: 'boolean', default: false },
    ...operationOptions(),
  },
});

const backend = await startPorticoServer({ port: Number(values.port), dataFolder: values.data, largePatient: values['large-patient'], ...operationSettingsOfArgs(values) });
process.env.VITE_FHIR_BASE_URL = backend.fhirBaseUrl;
process.env.VITE_AUTH_ISSUER = backend.authIssuer;
const site = await createServer({
  configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
  server: { port: Number(values['site-port']) },
  logLevel: 'warn',
});
await site.listen();
const siteUrl = site.resolvedUrls?.local[0] ?? `http://localhost:${values['site-port']}/`;

console.log(`
Portico demo is running.

  Hospital website:  ${siteUrl}
  My health page:    ${siteUrl}my-health.html
  FHIR R4 server:    ${backend.fhirBaseUrl}
  Sign-in server:    ${backend.authIssuer}
  Demo payments:     ${backend.processorUrl} (test card 4242 4242 4242 4242; see docs/embedded-backend.md)
  Storybook:         npm run storybook

Demo users (sign in on the My health page):`);
for (const a of backend.accounts) console.log(`  ${a.username.padEnd(10)} password ${a.password.padEnd(14)} ${a.displayName}: ${a.description}`);
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all([site.close(), backend.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
