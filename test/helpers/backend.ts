import type { BookAnswer } from '../../demo/server/fhir/scheduling-operations.js';
import type { FhirClientOptions } from '../../packages/core/src/fhir/client.js';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { fixtureCleanup } from '@open-wc/testing';

declare global {
  interface Window {
    __PORTICO_TEST__: { origin: string };
  }
}

/** A request a test client sent (see `Sandbox.recordingClient`). */
export interface SentRequest {
  method: string;
  /** The path after the FHIR base: `DiagnosticReport`, `Observation`, `Binary/…`. */
  path: string;
  params: URLSearchParams;
}

/** Fault rules for the embedded server (see demo/server/fhir/faults.ts). */
export interface FaultRule {
  method?: string;
  path?: string;
  times?: number;
  status?: number;
  retryAfter?: number;
  diagnostics?: string;
  delayMs?: number;
  drop?: 'before' | 'after';
}

/** The scopes the Portico elements ask for by default (kept in step with portal-session). */
export const TEST_SCOPE = 'patient/*.rs patient/Appointment.cu patient/Communication.cu patient/Binary.c patient/Slot.u patient/Task.cu';

const origin = () => window.__PORTICO_TEST__.origin;

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${origin()}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A fresh copy of the seeded demo data on the real embedded FHIR server, for one test file. */
export class Sandbox {
  private constructor(
    readonly id: string,
    readonly fhirBaseUrl: string,
  ) {}

  /** `paymentSettleMs`: how long the demo processor's slow test card stays processing here (ms, or 'manual': until `settlePayments()`). */
  static async create(options: { largePatient?: boolean; schedulingOperations?: boolean; everythingOperation?: boolean; recordOperations?: boolean; bookAnswer?: BookAnswer; paymentSettleMs?: number | 'manual' } = {}): Promise<Sandbox> {
    const { id, fhirBaseUrl } = await admin<{ id: string; fhirBaseUrl: string }>('POST', 'sandboxes', options);
    return new Sandbox(id, fhirBaseUrl);
  }

  /** A real access token from the embedded authorization server for a demo user. */
  async token(username = 'maria', scope = TEST_SCOPE, patient?: string): Promise<{ access_token: string; patient: string }> {
    return admin('POST', 'token', { username, scope, patient });
  }

  /** A FhirClient signed in as a demo user. */
  async client(username = 'maria', options: Partial<FhirClientOptions> & { scope?: string; patient?: string } = {}): Promise<FhirClient> {
    const { access_token } = await this.token(username, options.scope, options.patient);
    return new FhirClient({ baseUrl: this.fhirBaseUrl, getAccessToken: () => access_token, retry: { baseDelayMs: 20 }, grantedScope: options.scope ?? TEST_SCOPE, ...options });
  }

  /**
   * A FhirClient signed in as a demo user, with its patient, that tells `onRequest` of each request
   * before sending it: the method, the path after the FHIR base (`DiagnosticReport`, `Binary/…`) and
   * the search parameters.
   */
  async recordingClient(username: string, onRequest: (request: SentRequest) => void): Promise<{ client: FhirClient; patient: string }> {
    const { patient } = await this.token(username);
    const client = await this.client(username, {
      fetch: (input, init) => {
        const url = new URL(String(input instanceof Request ? input.url : input));
        onRequest({ method: init?.method ?? 'GET', path: url.pathname.split('/fhir/')[1] ?? '', params: url.searchParams });
        return fetch(input, init);
      },
    });
    return { client, patient };
  }

  /**
   * A new patient in this sandbox with nothing on record but their Patient resource, and a client
   * signed in for them (as `username`, who is not linked to them: a test-only token): empty states.
   */
  async newPatientClient(username = 'maria', patient: { id?: string; given?: string; family?: string } = {}): Promise<{ client: FhirClient; patient: string }> {
    const id = patient.id ?? `new-${crypto.randomUUID().slice(0, 8)}`;
    await this.load([{ resourceType: 'Patient', id, active: true, name: [{ given: [patient.given ?? 'Noor'], family: patient.family ?? 'Haddad' }], birthDate: '1990-04-02', gender: 'female' }]);
    const { access_token } = await admin<{ access_token: string }>('POST', 'token', { username, scope: TEST_SCOPE, patient: id, unlisted: true });
    return { client: new FhirClient({ baseUrl: this.fhirBaseUrl, getAccessToken: () => access_token, retry: { baseDelayMs: 20 }, grantedScope: TEST_SCOPE }), patient: id };
  }

  /** Writes resources into this sandbox as they are (ids kept, replacing any with the same id; no validation): fixtures such as hostile data. */
  async load(resources: object[]): Promise<void> {
    await admin('POST', `sandboxes/${this.id}/resources`, resources);
  }

  async injectFaults(rules: FaultRule[]): Promise<void> {
    await admin('POST', `sandboxes/${this.id}/faults`, rules);
  }

  async clearFaults(): Promise<void> {
    await admin('DELETE', `sandboxes/${this.id}/faults`);
  }

  /** The demo payment processor (`POST <processorUrl>/checkout-sessions`, its hosted pages), the same for every sandbox. */
  get processorUrl(): string {
    return `${origin()}/processor`;
  }

  /** Settles every payment the demo processor still has processing (the slow test card), now. */
  async settlePayments(): Promise<number> {
    return (await admin<{ settled: number }>('POST', 'processor/settle')).settled;
  }

  async dispose(): Promise<void> {
    await admin('DELETE', `sandboxes/${this.id}`);
  }
}

/**
 * Gives each test of the describe block a sandbox of its own (a writing test gets its own data, in any
 * order): the returned function is the current test's. Afterwards the elements go first, so none
 * saves a draft after the tab's storage is cleared, then the sandbox.
 */
export function sandboxPerTest(options: Parameters<typeof Sandbox.create>[0] = {}): () => Sandbox {
  let current: Sandbox | undefined;
  beforeEach(async () => {
    current = await Sandbox.create(options);
  });
  afterEach(async () => {
    fixtureCleanup();
    sessionStorage.clear();
    await current?.dispose();
    current = undefined;
  });
  return () => current!;
}

