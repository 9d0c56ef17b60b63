import { packageConfig } from '../../tools/vite/package-config.js';

/** @portico/health-record as an npm package; @portico/core stays the consumer's dependency. */
export default packageConfig({ external: [/^@portico\/core/], extraEntries: { scopes: 'src/scopes.ts' } });
