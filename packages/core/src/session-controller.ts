import { ContextConsumer } from '@lit/context';
import type { Reference, RelatedPerson } from 'fhir/r4';
import type { ReactiveController, ReactiveElement } from 'lit';
import { sessionContext, type SessionState } from './context.js';
import type { FhirClient } from './fhir/client.js';
import type { HostService } from './services.js';
import { formatHumanName } from './format/name.js';

/** The properties an element may be given directly, without a surrounding portal-session (hosts, tests, stories). */
export interface StandaloneSessionHost extends ReactiveElement {
  /** A FHIR client to use instead of the session's. */
  client?: FhirClient;
  /** The patient to show instead of the session's. */
  patientId?: string;
}

/**
 * Gives an element the session it lives in: `client`, `patientId`, `status`. An element's own `.client`
 * and `patient-id` win over the session's, so every element also works on its own.
 *
 * ```ts
 * private readonly session = new SessionController(this);
 * private readonly data = new Task(this, { args: () => [this.session.client, this.session.patientId], … });
 * ```
 */
export class SessionController implements ReactiveController {
  private readonly consumer: ContextConsumer<{ __context__: SessionState | undefined }, StandaloneSessionHost>;

  constructor(private readonly host: StandaloneSessionHost) {
    this.consumer = new ContextConsumer(host, { context: sessionContext, subscribe: true });
    host.addController(this);
  }

  hostConnected(): void {}

  /** The surrounding session, when there is one. */
  get session(): SessionState | undefined {
    return this.consumer.value;
  }

  get client(): FhirClient | undefined {
    return this.host.client ?? (this.session?.status === 'signed-in' || this.session?.status === 'expired' ? this.session.client : undefined);
  }

  get patientId(): string | undefined {
    return this.host.patientId ?? this.session?.patientId;
  }

  /** Signed in (or given a client directly) with a patient: the element can load data. */
  get ready(): boolean {
    return !!this.client && !!this.patientId;
  }

  /**
   * The surrounding session has ended (the server refused the token): the session shows the one
   * "Sign in again" notice, so the element shows no error or "Try again" of its own for requests that fail meanwhile.
   */
  get expired(): boolean {
    return !this.host.client && this.session?.status === 'expired';
  }

  /** What the element should show about the session when it is not ready. */
  get status(): SessionState['status'] | 'standalone' {
    if (this.host.client) return 'standalone';
    return this.session?.status ?? 'signed-out';
  }

  /**
   * The patient's name while the signed-in person is viewing someone else's record (proxy access) and
   * the element shows that record; undefined for a person's own record, an element with its own client,
   * or before the patient is loaded. Elements name the patient in their main heading with it (`renderViewingFor`).
   */
  get actingForName(): string | undefined {
    const session = this.session;
    if (this.host.client || !session?.actingForOther || !session.patient) return undefined;
    if (this.patientId !== session.patientId) return undefined;
    return formatHumanName(session.patient.name) || undefined;
  }

  get locale(): string | undefined {
    return this.session?.locale;
  }

  /**
   * The host's service of that name handed to the surrounding session (`session.services`), when there is
   * one. The element's own property for it wins; the type is the element's to state.
   */
  service<T extends object>(name: string): HostService<T> | undefined {
    return this.session?.services?.[name] as HostService<T> | undefined;
  }

  /**
   * Who acts in the patient's record (a message's sender, a document's author): the patient, or the
   * RelatedPerson that lets the signed-in person act for them (their `fhirUser`, else the patient's
   * active RelatedPerson with the signed-in person's name).
   */
  async actingPerson(signal?: AbortSignal): Promise<Reference> {
    const patient = { reference: `Patient/${this.patientId}` };
    const session = this.session;
    const user = session?.user?.fhirUser;
    if (user && /(?:^|\/)RelatedPerson\//.test(user)) return { reference: user.replace(/^.*\/(RelatedPerson\/)/, '$1') };
    if (!session?.actingForOther || !this.client) return patient;
    const { resources } = await this.client.search('RelatedPerson', { patient: patient.reference, active: true }, { signal });
    const name = session.user?.name?.trim().toLowerCase();
    const match = resources.find((r) => name && formatHumanName((r as RelatedPerson).name).toLowerCase() === name) ?? (resources.length === 1 ? resources[0] : undefined);
    return match?.id ? { reference: `RelatedPerson/${match.id}` } : patient;
  }
}
