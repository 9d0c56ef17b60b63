/**
 * The printable summary: the patient's details and one section per part of the record, names in
 * plain words (a code's text or display, never a bare code), dates in the patient's language. Render
 * functions only: the panel (summary-panel.ts) loads the data.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { conceptName, medicalRecordNumber, renderDataText } from '@portico/core';
import type { AllergyIntolerance, CareTeam, CodeableConcept, Condition, Encounter, Immunization, MedicationRequest, Observation, Resource } from 'fhir/r4';
import type { RecordLocalize, RecordTerms } from '../i18n/terms.js';
import { resourceDate, SUMMARY_SECTIONS, type RecordSummary, type SummarySectionName } from '../model/summary-record.js';

/** One line of a section: a name, and what more there is to say about it. */
interface SummaryLine {
  name: string;
  details: string[];
  date?: string;
}

const HEADING_TERMS = {
  problems: 'summaryProblems',
  allergies: 'summaryAllergies',
  medications: 'summaryMedications',
  immunizations: 'summaryImmunizations',
  results: 'summaryResults',
  visits: 'summaryVisits',
  careTeam: 'summaryCareTeam',
} as const satisfies Record<SummarySectionName, keyof RecordTerms>;

const EMPTY_TERMS = {
  problems: 'summaryNoProblems',
  allergies: 'summaryNoAllergies',
  medications: 'summaryNoMedications',
  immunizations: 'summaryNoImmunizations',
  results: 'summaryNoResults',
  visits: 'summaryNoVisits',
  careTeam: 'summaryNoCareTeam',
} as const satisfies Record<SummarySectionName, keyof RecordTerms>;

const GENDER_TERMS = { male: 'genderMale', female: 'genderFemale', other: 'genderOther', unknown: 'genderUnknown' } as const satisfies Record<string, keyof RecordTerms>;

/** Each section's lines from its resources. */
function linesOf(name: SummarySectionName, resources: readonly Resource[], localize: RecordLocalize): SummaryLine[] {
  const lang = localize.lang();
  const named = (concept: CodeableConcept | undefined) => conceptName(concept, lang) || localize.term('summaryUnnamed');
  const date = (value: string | undefined) => (value ? localize.fhirDate(value) : undefined);
  switch (name) {
    case 'problems':
      return (resources as Condition[]).map((c) => {
        const status = c.clinicalStatus?.coding?.[0]?.code;
        const since = c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate;
        return {
          name: named(c.code),
          details: [
            ...(since ? [localize.term('summarySince', localize.fhirDate(since))] : []),
            ...(status === 'resolved' || status === 'inactive' || status === 'remission' ? [localize.term('summaryResolved')] : []),
          ],
        };
      });
    case 'allergies':
      return (resources as AllergyIntolerance[]).map((a) => {
        const reactions = (a.reaction ?? []).flatMap((r) => (r.manifestation ?? []).map((m) => conceptName(m, lang))).filter(Boolean);
        return { name: named(a.code), details: reactions.length ? [localize.term('summaryReaction', reactions.join(', '))] : [] };
      });
    case 'medications':
      return (resources as MedicationRequest[]).map((m) => {
        const contained = m.medicationReference?.reference?.startsWith('#')
          ? (m.contained?.find((r) => `#${r.id}` === m.medicationReference?.reference) as { code?: CodeableConcept } | undefined)
          : undefined;
        const name = conceptName(m.medicationCodeableConcept, lang) || conceptName(contained?.code, lang) || m.medicationReference?.display || localize.term('summaryUnnamed');
        const dose = m.dosageInstruction?.map((d) => d.text).find(Boolean);
        return { name, details: dose ? [dose] : [], date: date(m.authoredOn) };
      });
    case 'immunizations':
      return (resources as Immunization[]).map((i) => ({ name: named(i.vaccineCode), details: [], date: date(i.occurrenceDateTime) }));
    case 'results':
      return (resources as Observation[]).map((o) => ({ name: named(o.code), details: [observationValue(o, localize)].filter(Boolean), date: date(resourceDate(o)) }));
    case 'visits':
      return (resources as Encounter[]).map((e) => ({
        name: e.type?.map((t) => conceptName(t, lang)).find(Boolean) || e.class?.display || localize.term('summaryUnnamed'),
        details: [e.serviceProvider?.display, e.location?.[0]?.location?.display, e.participant?.find((p) => p.individual?.display)?.individual?.display].filter((d): d is string => !!d),
        date: date(e.period?.start),
      }));
    case 'careTeam':
      return (resources as CareTeam[]).flatMap((team) =>
        (team.participant ?? []).filter((p) => !p.member?.reference?.startsWith('Patient/')).map((p) => ({
          name: p.member?.display || localize.term('summaryUnnamed'),
          details: (p.role ?? []).map((r) => conceptName(r, lang)).filter(Boolean),
        })),
      );
  }
}

function observationValue(o: Observation, localize: RecordLocalize): string {
  if (o.valueQuantity) return localize.quantity(o.valueQuantity);
  if (o.valueString) return o.valueString;
  if (o.valueCodeableConcept) return conceptName(o.valueCodeableConcept, localize.lang());
  const parts = (o.component ?? []).map((c) => (c.valueQuantity ? localize.quantity(c.valueQuantity) : '')).filter(Boolean);
  return parts.join(' / ');
}

export interface SummaryView {
  localize: RecordLocalize;
  summary: RecordSummary;
  onPrint: () => void;
}

/** The print-ready summary and its Print button (the button is not printed). */
export function renderSummary({ localize, summary, onPrint }: SummaryView): TemplateResult {
  const { patient } = summary;
  const mrn = medicalRecordNumber(patient)?.value;
  const name = localize.humanName(patient?.name);
  return html`<div class="summary-actions">
      <p class="hint">${localize.term('summaryIntro')}</p>
      <button type="button" class="primary" part="print-button" @click=${onPrint}>${localize.term('summaryPrint')}</button>
    </div>
    <article class="summary" part="summary" aria-labelledby="summary-patient-heading">
      <p class="summary-date" part="summary-date">${localize.term('summaryMadeOn', localize.fhirDate(summary.date))}</p>
      <section part="summary-patient" aria-labelledby="summary-patient-heading">
        <h3 id="summary-patient-heading">${localize.term('summaryPatient')}</h3>
        <dl class="patient-details">
          ${name ? html`<div><dt>${localize.term('summaryName')}</dt><dd>${renderDataText(name)}</dd></div>` : nothing}
          ${patient?.birthDate ? html`<div><dt>${localize.term('summaryBirthDate')}</dt><dd>${localize.fhirDate(patient.birthDate)}</dd></div>` : nothing}
          ${patient?.gender ? html`<div><dt>${localize.term('summaryGender')}</dt><dd>${localize.term(GENDER_TERMS[patient.gender])}</dd></div>` : nothing}
          ${mrn ? html`<div><dt>${localize.term('summaryRecordNumber')}</dt><dd>${renderDataText(mrn)}</dd></div>` : nothing}
        </dl>
      </section>
      ${SUMMARY_SECTIONS.map((section) => renderSection(section, summary, localize))}
    </article>`;
}

function renderSection(name: SummarySectionName, summary: RecordSummary, localize: RecordLocalize): TemplateResult {
  const section = summary.sections[name];
  const lines = linesOf(name, section.resources, localize);
  const id = `summary-${name}`;
  const empty = section.missing
    ? localize.term('summaryPartMissing')
    : name === 'allergies' && section.noneKnown
      ? localize.term('summaryNoKnownAllergies')
      : localize.term(EMPTY_TERMS[name]);
  return html`<section part=${`summary-section summary-${name === 'careTeam' ? 'care-team' : name}`} data-section=${name} aria-labelledby=${id}>
    <h3 id=${id}>${localize.term(HEADING_TERMS[name])}</h3>
    ${lines.length
      ? html`<ul class="summary-lines">
          ${lines.map(
            (line) => html`<li>
              <span class="line-name">${renderDataText(line.name)}</span>${line.details.map((d) => html`<span class="line-detail">${renderDataText(d)}</span>`)}${line.date
                ? html`<span class="line-date">${line.date}</span>`
                : nothing}
            </li>`,
          )}
        </ul>`
      : html`<p class="summary-empty">${empty}</p>`}
  </section>`;
}
