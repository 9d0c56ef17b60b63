import type { Identifier, Patient } from 'fhir/r4';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { FhirClient } from '../fhir/client.js';
import { formatHumanName } from '../format/name.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { actingForBarName } from '../portal-session/acting-for.js';
import { SessionController } from '../session-controller.js';
import { themeStyles } from '../theme.js';
import { renderDataText, renderSentenceWithData } from '../views/data-text.js';
import { renderError, renderSkeleton } from '../views/states.js';
import { stateStyles } from '../views/states.styles.js';
import { patientBannerStyles } from './patient-banner.styles.js';

const MRN_TYPE = 'MR';

/** The medical record number: an identifier typed MR, else one with use `usual`/`official`. */
export function medicalRecordNumber(patient: Patient | undefined): Identifier | undefined {
  const identifiers = patient?.identifier ?? [];
  return (
    identifiers.find((i) => i.type?.coding?.some((c) => c.code === MRN_TYPE)) ??
    identifiers.find((i) => i.use === 'usual' || i.use === 'official') ??
    identifiers[0]
  );
}

/**
 * Shows whose record is open: the patient's name, date of birth and age, and medical record number,
 * and, when the signed-in person acts for someone else (proxy access), a way to switch. Inside a
 * `portal-session`, the session's bar says "You are viewing …'s record"; the banner says it only when
 * that bar cannot (the session could not read the patient but the banner shows one).
 *
 * @summary Whose record is open, with a switch for proxies.
 *
 * @csspart banner - The whole banner.
 * @csspart name - The patient's name.
 * @csspart details - The date of birth and MRN list.
 * @csspart switch-button - The "Switch patient" button.
 */
export class PatientBanner extends LitElement {
  /** The SMART scopes it needs (`portal-session` asks for them). */
  static readonly scopes = ['patient/Patient.r'] as const;
  static override styles = [themeStyles, stateStyles, patientBannerStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController(this, { locale: () => this.session.locale });

  /**
   * Reads the patient only when the banner is given its own `client` or another `patient-id` than the
   * session's: the session's patient is read once, by the session, and shown from `session.patient`.
   */
  private readonly ownPatient = new Task(this, {
    task: async ([client, patientId, given], { signal }) => {
      if (given || !client || !patientId) return undefined;
      return client.read('Patient', patientId, { signal });
    },
    args: () => [this.session.client, this.readsOwnPatient ? this.session.patientId : undefined, this.patient] as const,
  });

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient to show without a portal-session. */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The patient resource to show, when the host already has it (no request is made). */
  @property({ attribute: false }) patient?: Patient;

  /** Not the session's patient (that one the session reads): the banner's own client, or another patient id. */
  private get readsOwnPatient(): boolean {
    return !!this.client || !this.session.session || this.session.patientId !== this.session.session.patientId;
  }

  private get shownPatient(): Patient | undefined {
    const sessionPatient = this.session.session?.patient;
    if (this.patient) return this.patient;
    if (this.ownPatient.value) return this.ownPatient.value;
    return sessionPatient && (!this.session.patientId || sessionPatient.id === this.session.patientId) ? sessionPatient : undefined;
  }

  protected override render() {
    const context = this.session.session;
    const patient = this.shownPatient;
    if (!patient) {
      // The session says once that the sign-in ended, with its "Sign in again": no second message and no retry here.
      if (this.session.expired) return nothing;
      if (this.ownPatient.status === TaskStatus.ERROR) {
        return renderError({ message: this.localize.errorMessage(this.ownPatient.error), onRetry: () => void this.ownPatient.run(), retryLabel: this.localize.term('retry') });
      }
      if (!this.readsOwnPatient && context?.patientError !== undefined) {
        return renderError({ message: this.localize.errorMessage(context.patientError), onRetry: () => context.reloadPatient(), retryLabel: this.localize.term('retry') });
      }
      if (!this.session.client && context && context.status !== 'signed-in') return nothing;
      return renderSkeleton({ label: this.localize.term('loading'), lines: 1 });
    }
    const name = formatHumanName(patient.name) || this.localize.term('patient');
    const mrn = medicalRecordNumber(patient);
    // Someone else's record: said once, by the session's bar above the elements when it shows one, else here.
    const saysWhoseRecord = !!context?.actingForOther && patient.id === context.patientId && !actingForBarName(context);
    return html`<section class="banner" part="banner" aria-label=${this.localize.term('patient')}>
      <div class="who">
        <p class="name" part="name">${renderDataText(name)}</p>
        ${saysWhoseRecord ? html`<p class="proxy">${renderSentenceWithData((who) => this.localize.term('actingFor', who), name)}</p>` : nothing}
      </div>
      <dl part="details">
        ${patient.birthDate
          ? html`<div>
              <dt>${this.localize.term('dateOfBirth')}</dt>
              <dd>${this.localize.fhirDate(patient.birthDate, { style: 'medium' })}${this.renderAge(patient.birthDate)}</dd>
            </div>`
          : nothing}
        ${mrn?.value
          ? html`<div>
              <dt>${this.localize.term('medicalRecordNumber')}</dt>
              <dd>${renderDataText(mrn.value)}</dd>
            </div>`
          : nothing}
      </dl>
      ${context?.canSwitchPatient
        ? html`<button part="switch-button" @click=${() => context.switchPatient()}>${this.localize.term('switchPatient')}</button>`
        : nothing}
    </section>`;
  }

  private renderAge(birthDate: string) {
    const age = this.localize.ageFromBirthDate(birthDate);
    return age ? html` (${age})` : nothing;
  }
}
