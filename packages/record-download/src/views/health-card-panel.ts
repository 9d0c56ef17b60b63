/**
 * The Health card view: a SMART Health Card of the patient's immunizations when the server offers
 * `$health-cards-issue`, checked before it is shown (signature against the issuer's published key),
 * as one QR code large enough to scan from a phone and as a `.smart-health-card` file; who issued it,
 * whose it is and the vaccines in it. A card that fails the check is not shown.
 */
import { Task } from '@lit/task';
import type { Bitmap2D } from 'lean-qr';
import type { Immunization } from 'fhir/r4';
import { css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { renderDataText, renderEmpty, renderError, renderSkeleton, saveFile, type FhirClient } from '@portico/core';
import type { RecordLocalize } from '../i18n/terms.js';
import type { PanelContext, RecordPanel } from '../record-download/panel.js';
import { healthCardFile, issueHealthCard, issuerKeys, offersHealthCards } from '../model/health-card-issue.js';
import { healthCardQr, HealthCardTooLarge } from '../model/health-card-qr.js';
import { HealthCardRefused, verifyHealthCard, type HealthCardRefusalReason, type VerifiedHealthCard } from '../model/health-card-verify.js';

/** A vaccine in the card, named from the patient's record when the server links it. */
interface CardVaccine {
  name: string;
  date?: string;
  lot?: string;
}

/** What the view shows: the card (with its QR code, or none when it is too large), a refusal, no card, or no health cards on this server. */
type CardState =
  | { state: 'card'; card: VerifiedHealthCard; vaccines: CardVaccine[]; qr?: Bitmap2D }
  | { state: 'refused'; reason: HealthCardRefusalReason }
  | { state: 'none' }
  | { state: 'not-offered' };

const REFUSAL_TERMS = {
  format: 'healthCardRefusedFormat',
  algorithm: 'healthCardRefusedFormat',
  keys: 'healthCardRefusedKeys',
  signature: 'healthCardRefusedSignature',
} as const satisfies Record<HealthCardRefusalReason, string>;

/** The vaccines of the card in its order, named by the Immunization each `resource:N` links to (else by its code). */
function cardVaccines(card: VerifiedHealthCard, links: Map<string, string>, named: Map<string, string>, localize: RecordLocalize): CardVaccine[] {
  const fullUrls = new Map((card.bundle.entry ?? []).map((e) => [e.resource, e.fullUrl ?? '']));
  return card.immunizations.map((immunization) => {
    const hosted = links.get(fullUrls.get(immunization) ?? '') ?? '';
    const id = /Immunization\/([^/?#]+)/.exec(hosted)?.[1];
    const coding = immunization.vaccineCode?.coding?.[0];
    const name = (id && named.get(id)) || localize.concept(immunization.vaccineCode) || (coding?.code ? `CVX ${coding.code}` : '');
    return { name, date: immunization.occurrenceDateTime, lot: immunization.lotNumber };
  });
}

async function loadCard(client: FhirClient, patientId: string, localize: RecordLocalize, signal: AbortSignal): Promise<CardState> {
  if (!(await offersHealthCards(client, signal))) return { state: 'not-offered' };
  const [issued, immunizations] = await Promise.all([
    issueHealthCard(client, patientId, signal),
    client.searchAll('Immunization', { patient: `Patient/${patientId}` }, { signal, max: 2000 }).then(
      (r) => r.resources,
      () => [] as Immunization[],
    ),
  ]);
  if (!issued) return { state: 'none' };
  let card: VerifiedHealthCard;
  try {
    card = await verifyHealthCard(issued.jws, (issuer) => issuerKeys(client, issuer, signal));
  } catch (error) {
    if (error instanceof HealthCardRefused) return { state: 'refused', reason: error.reason };
    throw error;
  }
  const named = new Map(immunizations.map((i) => [i.id ?? '', localize.concept(i.vaccineCode)]));
  const vaccines = cardVaccines(card, issued.links, named, localize);
  try {
    return { state: 'card', card, vaccines, qr: await healthCardQr(card.jws) };
  } catch (error) {
    if (error instanceof HealthCardTooLarge) return { state: 'card', card, vaccines };
    throw error;
  }
}

/** The issuer's host name ("fhir.example-hospital.org"). */
function issuerHost(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

class HealthCardPanel implements RecordPanel {
  private readonly card: Task<readonly [FhirClient | undefined, string | undefined], CardState | undefined>;
  private saved = '';
  private saveProblem = '';

  constructor(private readonly context: PanelContext) {
    this.card = new Task(context.host, {
      args: () => [context.client(), context.patientId()] as const,
      task: async ([client, patientId], { signal }) => (client && patientId ? loadCard(client, patientId, context.localize, signal) : undefined),
    });
  }

  private save(card: VerifiedHealthCard): void {
    const { localize, host, root } = this.context;
    try {
      const name = saveFile(healthCardFile(card.jws), { title: localize.term('healthCardFileName'), fallbackName: 'health-card', container: root });
      this.saved = localize.term('documentSaved', name);
      this.saveProblem = '';
    } catch (error) {
      this.saveProblem = localize.errorMessage(error);
    }
    host.requestUpdate();
  }

  private renderCard(state: Extract<CardState, { state: 'card' }>) {
    const { localize } = this.context;
    const { card, vaccines, qr } = state;
    const name = card.patient ? localize.humanName(card.patient.name) : '';
    return html`<div class="card-layout">
      <div class="qr-block">
        ${qr
          ? html`<canvas
              class="qr"
              part="health-card-qr"
              role="img"
              aria-label=${localize.term('healthCardQrLabel')}
              ${ref((canvas) => canvas && qr.toCanvas(canvas as HTMLCanvasElement, { pad: 4, on: [0, 0, 0, 255], off: [255, 255, 255, 255] }))}
            ></canvas>`
          : html`<p class="too-large" part="health-card-too-large">${localize.term('healthCardTooLarge')}</p>`}
        <div class="card-actions">
          <button type="button" class="primary" part="health-card-download" @click=${() => this.save(card)}>${localize.term('healthCardDownload')}</button>
        </div>
        <p class="visually-hidden" role="status">${this.saved}</p>
        ${this.saveProblem ? html`<p class="problem" role="alert">${this.saveProblem}</p>` : nothing}
      </div>
      <div class="card-facts">
        <p part="health-card-issuer">${localize.term('healthCardIssuedBy')} <strong>${renderDataText(issuerHost(card.issuer))}</strong>${card.issuedAt ? html` · ${localize.fhirDate(card.issuedAt)}` : nothing}</p>
        <p class="hint">${localize.term('healthCardVerified')}</p>
        ${name ? html`<p part="health-card-patient">${localize.term('patient')}: <strong>${renderDataText(name)}</strong>${card.patient?.birthDate ? html` · ${localize.term('dateOfBirth')}: ${localize.fhirDate(card.patient.birthDate)}` : nothing}</p>` : nothing}
        <h4 id="card-vaccines-heading">${localize.term('healthCardVaccines')}</h4>
        <ul class="card-vaccines" part="health-card-vaccines" aria-labelledby="card-vaccines-heading">
          ${vaccines.map((v) => html`<li>${renderDataText(v.name || localize.term('vaccineUnnamed'))}${v.date ? html` · ${localize.fhirDate(v.date)}` : nothing}${v.lot ? html` · ${localize.term('vaccineLot')} ${renderDataText(v.lot)}` : nothing}</li>`)}
        </ul>
      </div>
    </div>`;
  }

  render() {
    const { localize } = this.context;
    return html`<section class="health-card-view" part="health-card" aria-labelledby="health-card-heading">
      <h3 id="health-card-heading">${localize.term('healthCardHeading')}</h3>
      <p class="hint">${localize.term('healthCardIntro')}</p>
      ${this.card.render({
        initial: () => renderSkeleton({ label: localize.term('loadingHealthCard'), lines: 4 }),
        pending: () => renderSkeleton({ label: localize.term('loadingHealthCard'), lines: 4 }),
        error: (error) => renderError({ message: localize.errorMessage(error), retryLabel: localize.term('retry'), onRetry: () => void this.card.run() }),
        complete: (state) => {
          if (!state) return nothing;
          switch (state.state) {
            case 'card':
              return this.renderCard(state);
            case 'refused':
              return html`<div class="refused" part="health-card-refused" role="alert">
                <p><strong>${localize.term('healthCardRefused')}</strong></p>
                <p>${localize.term(REFUSAL_TERMS[state.reason])}</p>
              </div>`;
            case 'none':
              return renderEmpty({ heading: localize.term('healthCardNone'), message: localize.term('healthCardNoneHint') });
            case 'not-offered':
              return renderEmpty({ heading: localize.term('healthCardNotOffered'), message: localize.term('healthCardNotOfferedHint'), action: { label: localize.term('openImmunizations'), onClick: () => this.openImmunizations() } });
          }
        },
      })}
    </section>`;
  }

  /** Shows the Immunizations view (to print the record instead). */
  private openImmunizations(): void {
    const host = this.context.host as HTMLElement & { view?: string };
    host.view = 'immunizations';
  }
}

/** The Health card view. */
export function createPanel(context: PanelContext): RecordPanel {
  return new HealthCardPanel(context);
}

/** The card's look: the QR code at least 300 px (or the whole width of a narrow screen), crisp, on white with its quiet zone. */
export const styles = css`
  .health-card-view .card-layout {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-md);
    align-items: flex-start;
  }
  .health-card-view .qr-block {
    display: grid;
    gap: var(--_space-sm);
    justify-items: start;
  }
  .health-card-view .qr {
    inline-size: min(100%, 22rem);
    min-inline-size: min(100%, 300px);
    block-size: auto;
    aspect-ratio: 1;
    image-rendering: pixelated;
    background: #fff;
  }
  .health-card-view .card-facts {
    flex: 1 1 16rem;
    min-inline-size: 0;
  }
  .health-card-view .card-facts p {
    margin: 0 0 var(--_space-xs);
    overflow-wrap: anywhere;
  }
  .health-card-view .card-vaccines {
    margin: 0;
    padding-inline-start: var(--_space-md);
  }
  .health-card-view .refused,
  .health-card-view .problem {
    color: var(--_color-danger);
  }
  .health-card-view .qr-block {
    inline-size: min(100%, 22rem);
  }
  @media print {
    .health-card-view .card-actions {
      display: none;
    }
  }
`;
