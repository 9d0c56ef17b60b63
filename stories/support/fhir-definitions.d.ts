declare module 'virtual:portico-fhir-definitions' {
  import type { FhirDefinitions } from '../../demo/server/fhir/definition-index.js';

  /** The FHIR R4 definitions for the in-browser demo server (.storybook/fhir-definitions.ts). */
  const definitions: FhirDefinitions;
  export default definitions;
}
