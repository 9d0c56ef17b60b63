declare module 'virtual:portico-fhir-definitions' {
  import type { PreparedFhirDefinitions } from '../../demo/server/fhir/prepared-definitions.js';

  /** The FHIR R4 definitions for the in-browser demo server, prepared when Storybook builds (.storybook/story-definitions.ts). */
  const definitions: PreparedFhirDefinitions;
  export default definitions;
}
