/**
 * The Health card view: a SMART Health Card of the patient's vaccinations, or of their test results
 * (the infectious-disease tests a card may carry), when the server offers `$health-cards-issue`;
 * checked before it is shown (signature against the issuer's published key), as one QR code large
 * enough to scan from a phone and as a `.smart-health-card` file; who issued it, whose it is and what
 * is in it. A card that fails the check is not shown.
 */
import { Task } from '@lit/task';
import type { Bitmap2D } from 'lean-qr';
import type { Immunization, Observation } from 'fhir/r4';
import { css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { renderDataText, renderEmpty, renderError, renderSkeleton, saveFile, type FhirClient } from '@portico/core';
import type { RecordLocalize } from '../i18n/terms.js';
import type { PanelContext, RecordPanel } from '../record-download/panel.js';
import { HEALTH_CARD_KINDS, healthCardFile, issueHealthCard, issuerKeys, offersHealthCards, type HealthCardKind } from '../model/health-card-issue.js';
import { healthCardQr, HealthCardTooLarge } from '../model/health-card-qr.js';
import { HealthCardRefused, verifyHealthCard, type HealthCardRefusalReason, type VerifiedHealthCard } from '../model/health-card-verify.js';

/** A line of the card: a vaccine (with its lot) or a test (with its result), named from the patient's record when the server links it. */
interface CardItem {
  name: string;
  date?: string;
  lot?: string;
  result?: string;
}

/** What the view shows: the card (with its QR code, or none when it is too large), a refusal, no card, or no health cards on this server. */
type CardState =
  | { state: 'card'; kind: HealthCardKind; card: VerifiedHealthCard; items: CardItem[]; qr?: Bitmap2D }
  | { state: 'refused'; reason: HealthCardRefusalReason }
  | { state: 'none'; kind: HealthCardKind }
  | { state: 'not-offered' };

const REFUSAL_TERMS = {
  format: 'healthCardRefusedFormat',
  algorithm: 'healthCardRefusedFormat',
  keys: 'healthCardRefusedKeys',
  signature: 'healthCardRefusedSignature',
} as const satisfies Record<HealthCardRefusalReason, string>;

const KIND_TERMS = {
  immunization: { choice: 'healthCardKindVaccines', items: 'healthCardVaccines', none: 'healthCardNone', noneHint: 'healthCardNoneHint' },
  laboratory: { choice: 'healthCardKindResults', items: 'healthCardResults', none: 'healthCardResultsNone', noneHint: 'healthCardResultsNoneHint' },
} as const satisfies Record<HealthCardKind, Record<string, string>>;

/** The id of the resource a card's `resource:N` links to on the server. */
function linkedId(card: VerifiedHealthCard, links: Map<string, string>, resource: object, type: string): string | undefined {
  const fullUrl = card.bundle.entry?.find((e) => e.resource === resource)?.fullUrl ?? '';
  return new RegExp(`${type}/([^/?#]+)`).exec(links.get(fullUrl) ?? '')?.[1];
}

/** The vaccines of the card in its order, named by the Immunization each `resource:N` links to (else by its code). */
function cardVaccines(card: VerifiedHealthCard, links: Map<string, string>, records: Immunization[], localize: RecordLocalize): CardItem[] {
  const named = new Map(records.map((i) => [i.id ?? '', localize.concept(i.vaccineCode)]));
  return card.immunizations.map((immunization) => {
    const id = linkedId(card, links, immunization, 'Immunization');
    const coding = immunization.vaccineCode?.coding?.[0];
    const name = (id && named.get(id)) || localize.concept(immunization.vaccineCode) || (coding?.code ? `CVX ${coding.code}` : '');
    return { name, date: immunization.occurrenceDateTime, lot: immunization.lotNumber };
  });
}

/** A result in words: the coded answer ("Not detected"), a quantity or text. */
function resultText(observation: Observation | undefined, localize: RecordLocalize): string {
  if (!observation) return '';
  if (observation.valueCodeableConcept) return localize.concept(observation.valueCodeableConcept);
  if (observation.valueQuantity) return localize.quantity(observation.valueQuantity);
  return observation.valueString ?? '';
}

/** The tests of the card in its order, named (and their results worded) from the Observation each links to, else from the card. */
function cardResults(card: VerifiedHealthCard, links: Map<string, string>, records: Observation[], localize: RecordLocalize): CardItem[] {
  const byId = new Map(records.map((o) => [o.id ?? '', o]));
  return card.results.map((result) => {
    const record = byId.get(linkedId(card, links, result, 'Observation') ?? '');
    const coding = result.code?.coding?.[0];
    const name = localize.concept(record?.code) || localize.concept(result.code) || (coding?.code ? `LOINC ${coding.code}` : '');
    return { name, date: result.effectiveDateTime, result: resultText(record, localize) || resultText(result, localize) };
  });
}

/** The patient's own copies of what a card names: every Immunization (one search), or each linked Observation (read). */
async function cardRecords(client: FhirClient, patientId: string, kind: HealthCardKind, links: Map<string, string>, signal: AbortSignal): Promise<(Immunization | Observation)[]> {
  if (kind === 'immunization') return (await client.searchAll('Immunization', { patient: `Patient/${patientId}` }, { signal, max: 2000 })).resources;
  const ids = [...links.values()].map((url) => /Observation\/([^/?#]+)/.exec(url)?.[1]).filter((id): id is string => !!id);
  return Promise.all(ids.map((id) => client.read('Observation', id, { signal })));
}

async function loadCard(client: FhirClient, patientId: string, kind: HealthCardKind, localize: RecordLocalize, signal: AbortSignal): Promise<CardState> {
  if (!(await offersHealthCards(client, signal))) return { state: 'not-offered' };
  const issued = await issueHealthCard(client, patientId, kind, signal);
  if (!issued) return { state: 'none', kind };
  let card: VerifiedHealthCard;
  try {
    card = await verifyHealthCard(issued.jws, (issuer) => issuerKeys(client, issuer, signal));
  } catch (error) {
    if (error instanceof HealthCardRefused) return { state: 'refused', reason: error.reason };
    throw error;
  }
  // The names in the patient's own words come from their record; the card alone still shows codes.
  const records = await cardRecords(client, patientId, kind, issued.links, signal).catch(() => []);
  const items = kind === 'immunization' ? cardVaccines(card, issued.links, records as Immunization[], localize) : cardResults(card, issued.links, records as Observation[], localize);
  try {
    return { state: 'card', kind, card, items, qr: await healthCardQr(card.jws) };
  } catch (error) {
    if (error instanceof HealthCardTooLarge) return { state: 'card', kind, card, items };
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
  private readonly card: Task<readonly [FhirClient | undefined, string | undefined, HealthCardKind], CardState | undefined>;
  private kind: HealthCardKind = 'immunization';
  /** Whether the server issues cards (known after the first answer): the choice of card shows from then on, loading or not. */
  private offered = false;
  private saved = '';
  private saveProblem = '';

  constructor(private readonly context: PanelContext) {
    this.card = new Task(context.host, {
      args: () => [context.client(), context.patientId(), this.kind] as const,
      task: async ([client, patientId, kind], { signal }) => {
        if (!client || !patientId) return undefined;
        const state = await loadCard(client, patientId, kind, context.localize, signal);
        this.offered = state.state !== 'not-offered';
        return state;
      },
    });
  }

  private choose(kind: HealthCardKind): void {
    this.kind = kind;
    this.saved = '';
    this.saveProblem = '';
    this.context.host.requestUpdate();
  }

  /** Which card: vaccinations or test results (shown once the server is known to issue cards). */
  private renderKinds() {
    const { localize } = this.context;
    return html`<fieldset class="card-kinds" part="health-card-kind">
      <legend>${localize.term('healthCardKind')}</legend>
      ${HEALTH_CARD_KINDS.map(
        (kind) => html`<label class="check"
          ><input type="radio" name="health-card-kind" value=${kind} .checked=${this.kind === kind} @change=${() => this.choose(kind)} />${localize.term(KIND_TERMS[kind].choice)}</label
        >`,
      )}
    </fieldset>`;
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
    const { card, items, qr, kind } = state;
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
        <h4 id="card-items-heading">${localize.term(KIND_TERMS[kind].items)}</h4>
        <ul class="card-items" part=${kind === 'immunization' ? 'health-card-vaccines' : 'health-card-results'} aria-labelledby="card-items-heading">
          ${items.map(
            (item) =>
              html`<li>
                ${renderDataText(item.name || localize.term(kind === 'immunization' ? 'vaccineUnnamed' : 'testUnnamed'))}${item.result ? html`: <strong>${renderDataText(item.result)}</strong>` : nothing}${item.date
                  ? html` · ${localize.fhirDate(item.date)}`
                  : nothing}${item.lot ? html` · ${localize.term('vaccineLot')} ${renderDataText(item.lot)}` : nothing}
              </li>`,
          )}
        </ul>
      </div>
    </div>`;
  }

  render() {
    const { localize } = this.context;
    return html`<section class="health-card-view" part="health-card" aria-labelledby="health-card-heading">
      <h3 id="health-card-heading">${localize.term('healthCardHeading')}</h3>
      <p class="hint">${localize.term('healthCardIntro')}</p>
      ${this.offered ? this.renderKinds() : nothing}
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
              return renderEmpty({ heading: localize.term(KIND_TERMS[state.kind].none), message: localize.term(KIND_TERMS[state.kind].noneHint) });
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
  .health-card-view .card-kinds {
    margin-block-end: var(--_space-md);
  }
  .health-card-view .card-items {
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
