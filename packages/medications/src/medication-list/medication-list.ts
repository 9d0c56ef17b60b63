import type { Organization, Task as FhirTask } from 'fhir/r4';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  controlStyles,
  LocalizeController,
  localToday,
  renderEmpty,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  resolveHostService,
  SessionController,
  stateStyles,
  offscreenStyles, themeStyles,
  type FhirClient,
  type HostService,
  type Navigable,
  type NavigationParams,
} from '@portico/core';
import { MEDICATION_LIST_TERMS, type MedicationListTerms } from '../i18n/terms.js';
import { medicinesOf, type Medicine, type RefillRequest } from '../model/medicines.js';
import { newRequestId, TASK_ID_SYSTEM } from '../model/refill-request.js';
import { loadMedicines, type MedicineRecords } from '../refills/read-medicines.js';
import { prescriberMessagesFor, refillServiceFor, type PrescriberMessages, type RefillService } from '../refills/refill-service.js';
import { requestDrafts, type RequestDraft, type RequestRoute } from '../request/request-draft.js';
import { MEDICATION_LIST_SCOPES } from '../scopes.js';
import { renderMedicineList } from '../views/medicine-list.js';
import { medicationListStyles } from './medication-list.styles.js';

/** How the patient can ask for more of a medicine here: a request, a message to the prescriber, the hospital's page, or a call. */
interface AskRoutes {
  refills: RefillService;
  messages?: PrescriberMessages;
}

/**
 * The patient's medicines: current ones first, then past ones (stopped or finished, and why), each with
 * how to take it, who prescribed it, when it started, when it was last filled, the refills left and the
 * pharmacy. One button asks for more: a refill while refills are left and the prescription is valid,
 * else a renewal, recorded once as a Task for the prescriber; pending and answered requests are shown
 * with their medicine, and a pending one can be withdrawn. Where the server takes no requests, the
 * patient messages the prescriber (topic prescription) or follows `help-href`. Never writes a
 * prescription. Three requests side by side for the first screen.
 *
 * @summary Medicines, current and past, with refill and renewal requests.
 *
 * @csspart medicines - A list of medicines (see also `current`, `past`).
 * @csspart current - The current medicines.
 * @csspart past - The past medicines.
 * @csspart no-current - "You have no current prescriptions", above the past ones.
 * @csspart medicine - One medicine (see also `medicine-current`, `medicine-past`).
 * @csspart medicine-current - A current medicine.
 * @csspart medicine-past - A past medicine.
 * @csspart medicine-name - Its name as the patient knows it.
 * @csspart medicine-status - A medicine not active: stopped, finished, on hold, and why.
 * @csspart dose - How to take it (the prescription's words, else worded from its timing).
 * @csspart details - Prescribed by, started, last filled, refills left, pharmacy.
 * @csspart requests - The refill and renewal requests about a medicine.
 * @csspart request - One request (see also `request-pending`, `request-answered`).
 * @csspart request-pending - A request still waiting for the prescriber.
 * @csspart request-answered - A request answered, withdrawn or declined.
 * @csspart request-status - A request's status in words.
 * @csspart withdraw-button - "Withdraw request" on a pending request.
 * @csspart ask - Where a current medicine says how to ask for more.
 * @csspart ask-button - "Ask for a refill" or "Ask for a renewal" (or "… by message" where requests cannot be recorded).
 * @csspart ask-reason - Why it is a refill or a renewal ("2 refills left.", "No refills left…", "This prescription expired…").
 * @csspart ask-link - The hospital's page for refills (`help-href`), where neither a request nor a message can be sent.
 * @csspart ask-offline - How to ask where nothing can be sent online.
 * @csspart request-form - The form: a note and the pharmacy.
 * @csspart note-input - The note for the prescriber.
 * @csspart pharmacy-choice - The pharmacy to fill it.
 * @csspart send-button - "Send refill request", "Send renewal request" or "Send message".
 * @csspart cancel-button - Closes the form.
 * @csspart request-error - Why it was not sent (the note stays).
 * @csspart sent - "Refill request sent…", "Message sent…", "Request withdrawn."
 *
 * Opened preset by another element (`navigate(this, 'medication-list', { medication, reason })`): see `open()`.
 */
export class MedicationList extends LitElement implements Navigable {
  /** The SMART scopes it needs (`portal-session` asks for them). */
  static readonly scopes = MEDICATION_LIST_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, medicationListStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<MedicationListTerms>(this, { locale: () => this.session.locale, terms: MEDICATION_LIST_TERMS });

  /** The prescriptions, fills and requests (three requests side by side). */
  private readonly records = new Task(this, {
    task: async ([client, patientId], { signal }) => (client && patientId ? loadMedicines(client, { patientId, signal }) : undefined),
    args: () => [this.session.client, this.session.patientId] as const,
  });

  /** How requests reach the prescriber: the host's refill service or the FHIR Task one, and messages where it takes none. */
  private readonly routes = new Task(this, {
    task: async ([client, own, messages]): Promise<AskRoutes | undefined> => {
      if (!client) return undefined;
      const refills = (await resolveHostService(own, client)) ?? (await refillServiceFor(client));
      if (refills.canAsk) return { refills };
      return { refills, messages: (await resolveHostService(messages, client)) ?? (await prescriberMessagesFor(client)) };
    },
    args: () => [this.session.client, this.refills ?? this.session.service<RefillService>('refills'), this.session.service<PrescriberMessages>('messages')] as const,
  });

  /** What the form needs (`request/request-part.ts`), loaded the first time the patient asks. */
  private requestPart?: typeof import('../request/request-part.js');
  private pharmacyRequest?: AbortController;
  /** The patient whose drafts were restored from the tab. */
  private restoredFor?: string;

  /** The pharmacies a request may name, read when the form first opens. */
  @state() private pharmacies: readonly Organization[] = [];
  /** The request being written for each medicine, by prescription id. */
  @state() private drafts: ReadonlyMap<string, RequestDraft> = new Map();
  /** What was just done for a medicine ("Refill request sent…"), by prescription id. */
  @state() private notices: ReadonlyMap<string, string> = new Map();
  /** Requests written or withdrawn here, as the server answered, by id. */
  @state() private written: ReadonlyMap<string, FhirTask> = new Map();
  /** The request being withdrawn, and why the last withdrawal failed. */
  @state() private withdrawing?: string;
  @state() private withdrawError?: { medicine: string; message: string };

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose medicines to show, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The hospital's page for refills, where the server takes neither a request nor a message from the patient. */
  @property({ attribute: 'help-href' }) helpHref = '';

  /**
   * The host's own refill service (`canAsk`, `canWithdraw`, `ask`, `withdraw`), or a function making one
   * for the signed-in client; also read from the session's `services.refills`. This property wins.
   */
  @property({ attribute: false }) refills?: HostService<RefillService>;

  private setIn<T>(map: ReadonlyMap<string, T>, key: string, value: T | undefined): ReadonlyMap<string, T> {
    const next = new Map(map);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    return next;
  }

  /** Changes the draft of a medicine's request, and keeps what was typed in the tab. */
  private changeDraft(id: string, draft: RequestDraft | undefined): void {
    this.drafts = this.setIn(this.drafts, id, draft);
    const patientId = this.session.patientId;
    if (!patientId) return;
    const kept = Object.fromEntries([...this.drafts].map(([key, { requestId, kind, route, note, pharmacy }]) => [key, { requestId, kind, route, note, pharmacy }]));
    requestDrafts.write(patientId, Object.keys(kept).length ? kept : undefined);
  }

  protected override updated(): void {
    // The patient's drafts kept in the tab (a reload, signing in again) come back once the list is there.
    const patientId = this.session.patientId;
    if (!patientId || !this.records.value || this.restoredFor === patientId) return;
    this.restoredFor = patientId;
    // A draft whose request reached the server (its answer lost with the page) is done: the request is listed.
    const recorded = new Set((this.records.value.tasks ?? []).flatMap((t) => t.identifier?.filter((i) => i.system === TASK_ID_SYSTEM).map((i) => i.value) ?? []));
    const kept = Object.entries(requestDrafts.read(patientId) ?? {}).filter(([, draft]) => !recorded.has(draft.requestId));
    requestDrafts.write(patientId, kept.length ? Object.fromEntries(kept) : undefined);
    if (!kept.length) return;
    void import('../request/request-part.js').then((part) => {
      this.requestPart = part;
      this.drafts = new Map(kept.map(([id, draft]) => [id, { ...draft, busy: false }]));
    });
  }

  /** Opens the form for a medicine, with a new request id, and puts focus on its heading. */
  private async openForm(medicine: Medicine, route: RequestRoute): Promise<void> {
    this.requestPart ??= await import('../request/request-part.js');
    this.notices = this.setIn(this.notices, medicine.id, undefined);
    this.changeDraft(medicine.id, { requestId: newRequestId(), kind: medicine.ask!, route, note: '', pharmacy: '', busy: false });
    const client = this.session.client;
    if (route === 'task' && client && !this.pharmacyRequest) {
      this.pharmacyRequest = new AbortController();
      this.requestPart
        .loadPharmacies(client, { signal: this.pharmacyRequest.signal })
        .then((found) => (this.pharmacies = found))
        .catch(() => (this.pharmacyRequest = undefined));
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-medication-request-id="${CSS.escape(medicine.id)}"] [data-focus-target]`)?.focus();
  }

  private closeForm(medicine: Medicine): void {
    this.changeDraft(medicine.id, undefined);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-medication-request-id="${CSS.escape(medicine.id)}"] [part~="ask-button"]`)?.focus());
  }

  /** Sends the form's request (or message), once: a second click while it sends does nothing, a retry sends the same id. */
  private async send(medicine: Medicine): Promise<void> {
    const draft = this.drafts.get(medicine.id);
    const routes = this.routes.value;
    const patientId = this.session.patientId;
    if (!draft || draft.busy || !routes || !patientId) return;
    this.changeDraft(medicine.id, { ...draft, busy: true, error: undefined });
    try {
      const requester = await this.session.actingPerson();
      const prescriber = medicine.prescriberRef ?? {};
      if (draft.route === 'task') {
        const task = await routes.refills.ask({
          requestId: draft.requestId,
          kind: draft.kind,
          patientId,
          prescription: { reference: `MedicationRequest/${medicine.id}`, display: medicine.name },
          requester,
          prescriber,
          note: draft.note,
          pharmacy: draft.pharmacy ? { reference: draft.pharmacy, display: this.pharmacies.find((p) => `Organization/${p.id}` === draft.pharmacy)?.name } : undefined,
        });
        if (task.id) this.written = this.setIn(this.written, task.id, task);
        this.notices = this.setIn(this.notices, medicine.id, this.localize.term('sent', draft.kind));
      } else {
        const { localize } = this;
        await routes.messages!.send({
          messageId: draft.requestId,
          patientId,
          sender: requester,
          recipients: [prescriber],
          subject: localize.term('messageSubject', draft.kind, medicine.name),
          text: [localize.term('messageBody', draft.kind, medicine.name), draft.note.trim()].filter(Boolean).join('\n\n'),
          attachments: [],
          topic: 'prescription',
        });
        this.notices = this.setIn(this.notices, medicine.id, localize.term('prescriberMessageSent'));
      }
      this.changeDraft(medicine.id, undefined);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-medication-request-id="${CSS.escape(medicine.id)}"] [part~="sent"]`)?.focus();
    } catch (error) {
      // The note stays; a 401 is the session's to answer ("Sign in again"), and the form is still here after.
      const current = this.drafts.get(medicine.id) ?? draft;
      this.changeDraft(medicine.id, { ...current, busy: false, error: this.localize.errorMessage(error) });
    }
  }

  private async withdraw(medicine: Medicine, request: RefillRequest): Promise<void> {
    const routes = this.routes.value;
    if (!routes?.refills.canWithdraw || this.withdrawing) return;
    this.withdrawing = request.id;
    this.withdrawError = undefined;
    try {
      const task = await routes.refills.withdraw(request.task);
      if (task.id) this.written = this.setIn(this.written, task.id, task);
      this.notices = this.setIn(this.notices, medicine.id, this.localize.term('withdrawn'));
    } catch (error) {
      this.withdrawError = { medicine: medicine.id, message: this.localize.errorMessage(error) };
    } finally {
      this.withdrawing = undefined;
    }
  }

  /** How a request for this medicine reaches its prescriber here, if it can: a request, else a message; none without a prescriber to send it to. */
  private routeFor(medicine: Medicine): RequestRoute | undefined {
    const routes = this.routes.value;
    if (!routes || !medicine.prescriberRef?.reference) return undefined;
    return routes.refills.canAsk ? 'task' : routes.messages?.canSend ? 'message' : undefined;
  }

  /**
   * Opens the list preset (another element's "Ask for a refill online instead"): with `medication` (a
   * MedicationRequest id) that medicine's request form, the note begun with `reason`; else focus on the heading.
   */
  async open(params: NavigationParams = {}): Promise<void> {
    await this.updateComplete;
    const records = this.records.value ?? (await this.records.taskComplete.catch(() => undefined));
    await this.routes.taskComplete.catch(() => undefined);
    const id = params.medication?.replace(/^MedicationRequest\//, '');
    const medicine = id && records ? this.medicines(records).find((m) => m.id === id) : undefined;
    const route = medicine && this.routeFor(medicine);
    if (medicine?.ask && route && !medicine.requests.some((r) => r.pending)) {
      await this.openForm(medicine, route);
      if (params.reason) this.changeDraft(medicine.id, { ...this.drafts.get(medicine.id)!, note: params.reason });
      return;
    }
    await this.updateComplete;
    const target = medicine ? this.renderRoot.querySelector<HTMLElement>(`[data-medication-request-id="${CSS.escape(medicine.id)}"] [part~="medicine-name"]`) : undefined;
    (target ?? this.renderRoot.querySelector<HTMLElement>('#medications-heading'))?.focus();
  }

  /** How to ask for more of a current medicine, its form, or what was just done. */
  private renderActions(medicine: Medicine) {
    const { localize } = this;
    const notice = this.notices.get(medicine.id);
    const failed = this.withdrawError?.medicine === medicine.id ? html`<p class="request-error" role="alert">${this.withdrawError.message}</p>` : nothing;
    const sent = notice ? html`<p class="sent" part="sent" role="status" tabindex="-1">${notice}</p>` : nothing;
    const kind = medicine.ask;
    if (!kind) return html`${failed}${sent}`;
    // A request already waiting: it is listed above with where it stands; no second one.
    if (medicine.requests.some((r) => r.pending)) return html`${failed}${sent}`;
    const reason =
      kind === 'refill'
        ? localize.term('refillBecause', medicine.refillsLeft ?? 0)
        : medicine.expired && medicine.validUntil
          ? localize.term('renewalExpired', localize.fhirDate(medicine.validUntil))
          : localize.term('renewalNoRefills');
    const draft = this.drafts.get(medicine.id);
    if (draft && this.requestPart) {
      return html`<p class="hint" part="ask-reason">${reason}</p>${this.requestPart.renderRequestForm(localize, medicine, draft, {
        pharmacies: this.pharmacies,
        onChange: (changes) => this.changeDraft(medicine.id, { ...this.drafts.get(medicine.id)!, ...changes }),
        onSend: () => void this.send(medicine),
        onCancel: () => this.closeForm(medicine),
      })}`;
    }
    const routes = this.routes.value;
    if (!routes) return sent;
    const route = this.routeFor(medicine);
    const ask = route
      ? html`<button type="button" part="ask-button" @click=${() => void this.openForm(medicine, route)}>${route === 'task' ? localize.term('askFor', kind) : localize.term('askByMessage', kind)}</button>`
      : this.helpHref
        ? html`<a class="action-link" part="ask-link" href=${this.helpHref}>${localize.term('askOnline', kind)}</a>`
        : html`<p part="ask-offline">${localize.term('askOffline')}</p>`;
    return html`${failed}${sent}<div class="ask" part="ask">${ask}<p class="hint" part="ask-reason">${reason}</p></div>`;
  }

  protected override render() {
    const { localize } = this;
    const gate = renderUntilReady(this.session, { message: localize.term('signInToSeeMedications'), signInLabel: localize.term('signIn'), loadingLabel: localize.term('loadingMedications') });
    if (gate) return gate;
    const loading = () => renderSkeleton({ label: localize.term('loadingMedications'), lines: 4 });
    return html`<section class="medication-list" dir=${localize.dir()} aria-labelledby="medications-heading">
      <h2 id="medications-heading" tabindex="-1">${localize.term('medications')}${renderViewingFor(localize, this.session.actingForName)}</h2>
      ${this.records.render({
        initial: loading,
        pending: () => (this.records.value ? this.renderList(this.records.value) : loading()),
        error: (error) =>
          this.session.expired ? nothing : renderError({ message: localize.errorMessage(error), onRetry: () => void this.records.run(), retryLabel: localize.term('retry') }),
        complete: (records) => (records ? this.renderList(records) : loading()),
      })}
    </section>`;
  }

  /** The medicines from what was read, with the requests written or withdrawn here since. */
  private medicines(records: MedicineRecords): Medicine[] {
    const tasks = new Map((records.tasks ?? []).map((t) => [t.id, t]));
    for (const [id, task] of this.written) tasks.set(id, task);
    return medicinesOf({ ...records, tasks: [...tasks.values()], today: localToday(), locale: this.localize.lang() });
  }

  private renderList(records: MedicineRecords) {
    const medicines = this.medicines(records);
    if (!medicines.length) return renderEmpty({ heading: this.localize.term('noMedicines'), message: this.localize.term('noMedicinesMessage'), headingLevel: 3 });
    return renderMedicineList(this.localize, medicines, {
      actions: (medicine) => this.renderActions(medicine),
      onWithdraw: this.routes.value?.refills.canWithdraw ? (medicine, request) => void this.withdraw(medicine, request) : undefined,
      withdrawing: this.withdrawing,
    });
  }
}
