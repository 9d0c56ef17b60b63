import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  canNavigate,
  controlStyles,
  formatClinicianName,
  LocalizeController,
  localToday,
  navigate,
  renderEmpty,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  saveFile,
  SessionController,
  stateStyles,
  offscreenStyles, themeStyles,
  type FhirClient,
  type Navigable,
} from '@portico/core';
import { healthRecordStyles } from '../health-record/health-record.styles.js';
import { HEALTH_REMINDERS_SCOPES } from '../scopes.js';
import { renderDetail } from '../views/details.js';
import { HEALTH_REMINDERS_TERMS, type HealthRemindersTerms } from './i18n/terms.js';
import { readReminders } from './read-reminders.js';
import { REMINDER_TIMINGS, remindersOf, type Reminder } from './reminders.js';
import { DEFAULT_DAYS_AHEAD } from '../scopes.js';

/** How many days ahead the reminders look by default: visits booked in that time, and what falls due in it. */
export { DEFAULT_DAYS_AHEAD };

/** The standard service type of a vaccination visit (http://terminology.hl7.org/CodeSystem/service-type). */
export const VACCINATION_SERVICE_TYPE = 'http://terminology.hl7.org/CodeSystem/service-type|57';

/** Whether the page can take the patient to the booker and to the message inbox (`canNavigate`). */
interface Reach {
  booker: boolean;
  inbox: boolean;
}

/** The booker's events after which the booked visits are read again. */
const VISIT_EVENTS = ['portico-appointment-booked', 'portico-appointment-cancelled'] as const;

/**
 * What is due for the patient and what is coming: vaccines the clinic's forecast says are due or
 * overdue (ImmunizationRecommendation), screenings and follow-ups in an active care plan not done yet
 * (CarePlan activities), tests and procedures ordered and not done (active ServiceRequests), and visits
 * booked in the next `days-ahead` days. Overdue first, then due soon, then coming up; each says why and
 * offers the next step: "Book" (a `portico-navigate` to the booker, preset with the visit type and the
 * reason), "Add to calendar" for a booked visit, and "I had this elsewhere" (a message to the care team).
 * Four requests side by side, read again when a booker on the page books, moves or cancels a visit; read-only.
 *
 * @summary Vaccines, screenings, tests and visits due or coming, with the next step for each.
 *
 * @csspart group - A group of reminders (see also `group-overdue`, `group-due`, `group-coming`).
 * @csspart reminder - One reminder (see also `reminder-overdue`, `reminder-due`, `reminder-coming`, and `reminder-vaccine`, `reminder-plan`, `reminder-order`, `reminder-visit`).
 * @csspart reminder-name - The vaccine, test or visit.
 * @csspart reminder-kind - Vaccine, care plan, ordered by the care team, visit.
 * @csspart reminder-when - When it is due ("Overdue since…", "Due by…") or when the visit is.
 * @csspart details - Why and from whom: recommended by, part of which plan, ordered by and when, with whom and where.
 * @csspart reminder-why - The care team's words about it.
 * @csspart reminder-instructions - What to do before ("Fasting: …").
 * @csspart reminder-actions - The next steps.
 * @csspart book-button - "Book", to the booker preset.
 * @csspart book-link - "How to book" (`book-href`), where nothing on the page books.
 * @csspart calendar-button - "Add to calendar" for a booked visit.
 * @csspart change-visit - "See or change", to the booker's list of visits.
 * @csspart elsewhere-button - "I had this elsewhere", to a message to the care team.
 * @csspart partial - Said when some kinds of reminder could not be read.
 *
 * @fires {PorticoNavigateEvent} portico-navigate - "Book" (`{ target: 'appointment-booker', params: { serviceType?, reason } }`), "See or change" (`{ target: 'appointment-booker', params: { view: 'appointments' } }`) or "I had this elsewhere" (`{ target: 'message-inbox', params: { topic: 'medical', subject, text, recipient? } }`). Cancel it to route the patient yourself.
 */
export class HealthReminders extends LitElement implements Navigable {
  /** The SMART scopes it needs (`portal-session` asks for them). */
  static readonly scopes = HEALTH_REMINDERS_SCOPES;
  static override styles = [
    themeStyles,
    offscreenStyles,
    stateStyles,
    controlStyles,
    healthRecordStyles,
    css`
      .health-reminders {
        container-type: inline-size;
      }
      [part~='reminder-when'] {
        margin: var(--_space-xs) 0;
        font-weight: 600;
      }
      [part~='reminder-overdue'] [part~='reminder-when'] {
        color: var(--_color-warning);
      }
      [part~='reminder-why'],
      [part~='reminder-instructions'] {
        margin: var(--_space-xs) 0;
      }
    `,
  ];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<HealthRemindersTerms>(this, { locale: () => this.session.locale, terms: HEALTH_REMINDERS_TERMS });

  /** The forecasts, plans, orders and booked visits: four requests side by side. */
  private readonly reminders = new Task(this, {
    task: async ([client, patientId, daysAhead], { signal }) => {
      if (!client || !patientId) return undefined;
      const now = new Date();
      return { ...(await readReminders(client, { patientId, today: localToday(now), now, daysAhead, signal })), now };
    },
    args: () => [this.session.client, this.session.patientId, this.daysAhead] as const,
  });

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose reminders to show, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** How far ahead to look, in days: visits booked in that time are listed, and what falls due in it is "due soon". */
  @property({ type: Number, attribute: 'days-ahead' }) daysAhead: number = DEFAULT_DAYS_AHEAD;

  /** The booker's visit type for a vaccine (`system|code` or a bare code); the standard "Immunization" service type by default. */
  @property({ attribute: 'vaccine-service-type' }) vaccineServiceType: string = VACCINATION_SERVICE_TYPE;

  /** The booker's visit type for a screening, follow-up or ordered test (`system|code` or a bare code); none by default (the patient picks). */
  @property({ attribute: 'screening-service-type' }) screeningServiceType = '';

  /** The hospital's page about booking, where no booker is on the page and the session has no `navigate-url`. */
  @property({ attribute: 'book-href' }) bookHref = '';

  /** A visit booked, moved or cancelled anywhere on the page (the booker's events bubble out of it): read again. */
  private readonly visitsChanged = () => void this.reminders.run();

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of VISIT_EVENTS) this.ownerDocument.addEventListener(type, this.visitsChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of VISIT_EVENTS) this.ownerDocument.removeEventListener(type, this.visitsChanged);
  }

  /** Opens the reminders (another element sending the patient here): focus on the heading. */
  async open(): Promise<void> {
    await this.updateComplete;
    await this.reminders.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reminders-heading')?.focus();
  }

  private nameOf(reminder: Reminder): string {
    return reminder.name || this.localize.term('unnamedReminder', reminder.kind);
  }

  private book(reminder: Reminder): void {
    const serviceType = reminder.kind === 'vaccine' ? this.vaccineServiceType : this.screeningServiceType;
    void navigate(this, 'appointment-booker', { ...(serviceType ? { serviceType } : {}), reason: this.localize.term('bookReason', reminder.kind, this.nameOf(reminder)) });
  }

  private hadElsewhere(reminder: Reminder): void {
    const name = this.nameOf(reminder);
    const { localize } = this;
    void navigate(this, 'message-inbox', {
      topic: 'medical',
      subject: localize.term('elsewhereSubject', name),
      text: localize.term('elsewhereText', name),
      ...(reminder.contact ? { recipient: reminder.contact } : {}),
    });
  }

  private async addToCalendar(reminder: Reminder): Promise<void> {
    if (!reminder.visit) return;
    // The calendar writer is loaded the first time a patient asks for a file.
    const { icsBlob, icsFileName, visitEvent } = await import('@portico/core/ics.js');
    const event = visitEvent(reminder.visit, { lang: this.localize.lang(), baseUrl: this.session.client?.baseUrl, untitled: this.localize.term('unnamedReminder', 'visit') });
    saveFile(icsBlob(event), { title: icsFileName(event), fallbackName: 'appointment', container: this.renderRoot });
  }

  protected override render() {
    const { localize } = this;
    const gate = renderUntilReady(this.session, { message: localize.term('signInToSeeReminders'), signInLabel: localize.term('signIn'), loadingLabel: localize.term('loadingReminders') });
    if (gate) return gate;
    const loading = () => renderSkeleton({ label: localize.term('loadingReminders'), lines: 4 });
    const shown = () => {
      const read = this.reminders.value;
      return read ? this.renderReminders(remindersOf(read.records, { today: localToday(read.now), now: read.now, daysAhead: this.daysAhead, locale: localize.lang() }), read.failed) : loading();
    };
    return html`<section class="health-reminders" dir=${localize.dir()} aria-labelledby="reminders-heading">
      <h2 id="reminders-heading" tabindex="-1">${localize.term('remindersHeading')}${renderViewingFor(localize, this.session.actingForName)}</h2>
      ${this.reminders.render({
        initial: loading,
        pending: shown,
        complete: shown,
        error: (error) =>
          this.session.expired ? nothing : renderError({ message: localize.errorMessage(error), onRetry: () => void this.reminders.run(), retryLabel: localize.term('retry') }),
      })}
    </section>`;
  }

  private renderReminders(reminders: readonly Reminder[], failed: unknown) {
    const { localize } = this;
    const partial = failed
      ? html`<div class="hint" part="partial" role="status">
          <p>${localize.term('someRemindersMissing')}</p>
          <button type="button" class="secondary" @click=${() => void this.reminders.run()}>${localize.term('retry')}</button>
        </div>`
      : nothing;
    if (!reminders.length) return html`${partial}${renderEmpty({ heading: localize.term('nothingDue'), message: localize.term('nothingDueMessage'), headingLevel: 3 })}`;
    // Where the next steps can go, asked once per render rather than per reminder.
    const reach: Reach = { booker: canNavigate(this, 'appointment-booker'), inbox: canNavigate(this, 'message-inbox') };
    return html`${partial}${REMINDER_TIMINGS.map((timing) => {
      const group = reminders.filter((r) => r.timing === timing);
      if (!group.length) return nothing;
      return html`<section class="group" part="group group-${timing}" aria-labelledby="reminders-${timing}">
        <h3 id="reminders-${timing}">${localize.term('reminderGroup', timing, group.length)}</h3>
        <ul class="items" role="list">
          ${group.map((reminder) => this.renderReminder(reminder, reach))}
        </ul>
      </section>`;
    })}`;
  }

  /** When, in words: a visit's day and time in the clinic's zone; a due date, a window, or a repeat. */
  private whenOf(reminder: Reminder): string {
    const { localize } = this;
    if (reminder.visit) return localize.fhirDateTime(reminder.due, { timeZone: reminder.visit.timeZone, style: 'long' });
    const date = (value: string | undefined) => (value ? localize.fhirDate(value) : undefined);
    if (reminder.every) {
      const next = reminder.due ? localize.term(reminder.lapsed ? 'lastDueAround' : 'nextAround', localize.fhirDate(reminder.due)) : '';
      return `${localize.term('repeatEvery', reminder.every.count, reminder.every.unit)}. ${next}`.trim();
    }
    return localize.term('reminderWhen', reminder.timing, date(reminder.due), reminder.timing === 'overdue' ? undefined : date(reminder.from));
  }

  private renderReminder(reminder: Reminder, reach: Reach) {
    const { localize } = this;
    const name = this.nameOf(reminder);
    const visit = reminder.visit;
    const dose = reminder.kind === 'vaccine' && (reminder.dose || reminder.series) ? localize.term('reminderDose', reminder.dose, reminder.series) : '';
    return html`<li part="reminder reminder-${reminder.timing} reminder-${reminder.kind}" data-reminder-id=${reminder.id}>
      <p class="item-name"><strong part="reminder-name"><bdi>${name}</bdi></strong> <span class="tag" part="reminder-kind">${localize.term('reminderKind', reminder.kind)}</span></p>
      <p part="reminder-when">${this.whenOf(reminder)}</p>
      ${dose ? html`<p part="reminder-why"><bdi>${dose}</bdi></p>` : nothing}
      ${reminder.why ? html`<p part="reminder-why"><bdi>${reminder.why}</bdi></p>` : nothing}
      <dl part="details">
        ${renderDetail(localize.term('partOfPlan'), reminder.plan ? html`<bdi>${reminder.plan}</bdi>` : undefined)}
        ${renderDetail(reminder.kind === 'order' ? localize.term('reminderOrderedBy') : reminder.kind === 'visit' ? localize.term('visitWith') : localize.term('recommendedBy'), reminder.by ? html`<bdi>${reminder.by}</bdi>` : undefined)}
        ${renderDetail(localize.term('orderedOn'), reminder.orderedOn ? localize.fhirDate(reminder.orderedOn) : undefined)}
        ${renderDetail(localize.term('visitWhere'), visit?.location?.name ? html`<bdi>${visit.location.name}</bdi>` : undefined)}
      </dl>
      ${reminder.instructions ? html`<p part="reminder-instructions">${localize.term('beforeYouGo')}: <bdi>${reminder.instructions}</bdi></p>` : nothing}
      ${this.renderActions(reminder, name, reach)}
    </li>`;
  }

  private renderActions(reminder: Reminder, name: string, { booker, inbox }: Reach) {
    const { localize } = this;
    if (reminder.visit) {
      const who = formatClinicianName(reminder.visit.practitioner);
      const label = who ? `${name} · ${who}` : name;
      return html`<div class="actions" part="reminder-actions">
        <button type="button" class="secondary" part="calendar-button" aria-label=${localize.term('reminderAddToCalendarNamed', label)} @click=${() => void this.addToCalendar(reminder)}>
          ${localize.term('reminderAddToCalendar')}
        </button>
        ${booker
          ? html`<button type="button" class="secondary" part="change-visit" @click=${() => void navigate(this, 'appointment-booker', { view: 'appointments' })}>${localize.term('seeOrChangeVisit')}</button>`
          : nothing}
      </div>`;
    }
    const book = booker
      ? html`<button type="button" part="book-button" aria-label=${localize.term('bookReminderNamed', name)} @click=${() => this.book(reminder)}>${localize.term('bookReminder')}</button>`
      : this.bookHref
        ? html`<a class="action-link" part="book-link" href=${this.bookHref}>${localize.term('howToBook')}</a>`
        : nothing;
    const elsewhere = inbox
      ? html`<button type="button" class="secondary" part="elsewhere-button" aria-label=${localize.term('hadElsewhereNamed', name)} @click=${() => this.hadElsewhere(reminder)}>
          ${localize.term('hadElsewhere')}
        </button>`
      : nothing;
    return book === nothing && elsewhere === nothing ? nothing : html`<div class="actions" part="reminder-actions">${book}${elsewhere}</div>`;
  }
}
