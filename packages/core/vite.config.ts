import { packageConfig } from '../../tools/vite/package-config.js';

/** @portico/core as an npm package; the sign-in libraries stay the consumer's dependencies. */
export default packageConfig({ external: [/^fhirclient/, /^oidc-client-ts/] });
