import { packageConfig } from '../../tools/vite/package-config.js';

/** @portico/core as an npm package (with the trend chart and the calendar file as entries of their own); the sign-in libraries stay the consumer's dependencies. */
export default packageConfig({ external: [/^fhirclient/, /^oidc-client-ts/], extraEntries: { 'trend-chart': 'src/trend-chart.ts', ics: 'src/ics.ts' } });
