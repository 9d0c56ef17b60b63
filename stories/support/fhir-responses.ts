import type { OperationOutcome } from 'fhir/r4';

/** Responses of the stories' stand-in FHIR server (`demo-fhir.ts`, `demo-scheduling.ts`). */

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': FHIR_JSON, ...headers } });
}

/** An OperationOutcome with one error issue. */
export function outcome(status: number, code: OperationOutcome['issue'][number]['code'], diagnostics: string, headers?: Record<string, string>): Response {
  const body: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
  return json(body, status, headers);
}
