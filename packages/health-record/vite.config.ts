import { packageConfig } from '../../tools/vite/package-config.js';

/** @portico/health-record as an npm package; @portico/core stays the consumer's dependency. Each element also registers alone. */
export default packageConfig({
  external: [/^@portico\/core/],
  extraEntries: { scopes: 'src/scopes.ts', 'health-record': 'src/health-record/define.ts', 'health-reminders': 'src/reminders/define.ts' },
});
