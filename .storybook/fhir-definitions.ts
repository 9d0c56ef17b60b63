import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

/**
 * `virtual:portico-fhir-definitions`: the FHIR R4 definitions the in-browser demo server indexes,
 * prepared once here rather than on every story's page (story-definitions.ts): ~3 MB of Medplum's parsed
 * schemas and per-type search parameters, for the resource types that server can hold or be asked
 * about. Stories load it with the server, on their first FHIR request.
 */
export const FHIR_DEFINITIONS_MODULE = 'virtual:portico-fhir-definitions';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PREPARE = fileURLToPath(new URL('./story-definitions.ts', import.meta.url));

/** Runs story-definitions.ts where Medplum's core can load (it needs a WebSocket global) and returns its JSON. */
async function prepareDefinitions(): Promise<string> {
  const args = ['--experimental-websocket', '--import', 'tsx', PREPARE];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export function fhirDefinitions(): Plugin {
  const resolved = `\0${FHIR_DEFINITIONS_MODULE}`;
  let definitions: Promise<string> | undefined;
  return {
    name: 'portico-fhir-definitions',
    resolveId: (source) => (source === FHIR_DEFINITIONS_MODULE ? resolved : undefined),
    async load(id) {
      if (id !== resolved) return undefined;
      definitions ??= prepareDefinitions();
      // A string for JSON.parse: parsed faster than the same data as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(await definitions)});`;
    },
  };
}
