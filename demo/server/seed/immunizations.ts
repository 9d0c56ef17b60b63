/** The immunizations: each patient's vaccines by the schedule for their age, flu seasons, and those declined. */
import type { Immunization } from 'fhir/r4';
import { addDays, addMonths, ageOn, daysBetween, isoDate, yearsBefore, zonedDateTime, type LocalDate } from './calendar.js';
import type { ClinicalContext } from './clinical.js';
import { LOCATION_NAMES } from './organizations.js';
import { patientRef, type PatientId, type PatientProfile } from './patients.js';
import { practitionerRef } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import { SYSTEM, coding, concept, ucum } from './terminology.js';

/** An immunization as the documents need it (the printable immunization record). */
export interface ImmunizationSummary {
  readonly patient: PatientId;
  readonly date: LocalDate;
  readonly vaccine: string;
  readonly dose?: number;
  readonly lotNumber?: string;
}

interface Vaccine {
  /** Used in ids: imm-leo-dtap-3. */
  readonly slug: string;
  readonly cvx: string;
  readonly display: string;
  readonly text: string;
  readonly route: 'IM' | 'PO' | 'SQ';
  readonly doseMl: number;
}

const VACCINES = {
  hepB: { slug: 'hepb', cvx: '08', display: 'Hep B, adolescent or pediatric', text: 'Hepatitis B', route: 'IM', doseMl: 0.5 },
  rotavirus: { slug: 'rotavirus', cvx: '119', display: 'rotavirus, monovalent', text: 'Rotavirus', route: 'PO', doseMl: 1 },
  dtap: { slug: 'dtap', cvx: '20', display: 'DTaP', text: 'DTaP (diphtheria, tetanus, pertussis)', route: 'IM', doseMl: 0.5 },
  hib: { slug: 'hib', cvx: '49', display: 'Hib (PRP-OMP)', text: 'Hib', route: 'IM', doseMl: 0.5 },
  pcv13: { slug: 'pcv13', cvx: '133', display: 'Pneumococcal conjugate PCV 13', text: 'Pneumococcal (PCV13)', route: 'IM', doseMl: 0.5 },
  ipv: { slug: 'ipv', cvx: '10', display: 'IPV', text: 'Polio (IPV)', route: 'IM', doseMl: 0.5 },
  mmr: { slug: 'mmr', cvx: '03', display: 'MMR', text: 'MMR (measles, mumps, rubella)', route: 'SQ', doseMl: 0.5 },
  varicella: { slug: 'varicella', cvx: '21', display: 'varicella', text: 'Varicella (chickenpox)', route: 'SQ', doseMl: 0.5 },
  hepA: { slug: 'hepa', cvx: '83', display: 'Hep A, ped/adol, 2 dose', text: 'Hepatitis A', route: 'IM', doseMl: 0.5 },
  dtapIpv: { slug: 'dtap-ipv', cvx: '130', display: 'DTaP-IPV', text: 'DTaP-IPV (Kinrix)', route: 'IM', doseMl: 0.5 },
  fluQuadrivalent: { slug: 'flu', cvx: '150', display: 'Influenza, injectable, quadrivalent, preservative free', text: 'Flu shot', route: 'IM', doseMl: 0.5 },
  fluSeasonal: { slug: 'flu', cvx: '140', display: 'Influenza, seasonal, injectable, preservative free', text: 'Flu shot', route: 'IM', doseMl: 0.5 },
  tdap: { slug: 'tdap', cvx: '115', display: 'Tdap', text: 'Tdap (tetanus, diphtheria, pertussis)', route: 'IM', doseMl: 0.5 },
  covid: { slug: 'covid19', cvx: '208', display: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', text: 'COVID-19 (Pfizer-BioNTech)', route: 'IM', doseMl: 0.3 },
  shingles: { slug: 'zoster', cvx: '187', display: 'zoster vaccine recombinant', text: 'Shingles (Shingrix)', route: 'IM', doseMl: 0.5 },
  ppsv23: { slug: 'ppsv23', cvx: '33', display: 'pneumococcal polysaccharide vaccine, 23 valent', text: 'Pneumococcal (PPSV23)', route: 'IM', doseMl: 0.5 },
  hpv: { slug: 'hpv', cvx: '165', display: 'HPV9', text: 'HPV (Gardasil 9)', route: 'IM', doseMl: 0.5 },
} as const satisfies Record<string, Vaccine>;

/** A vaccine offered and not given, with why (v3-ActReason). */
interface Declined {
  readonly patient: PatientId;
  readonly vaccine: Vaccine;
  /** The visit it was offered at. */
  readonly visitKey: string;
  readonly reason: readonly [string, string, string];
  readonly note: string;
}

const DECLINED: readonly Declined[] = [
  { patient: 'leo', vaccine: VACCINES.covid, visitKey: 'leo-wellchild-365', reason: ['PATOBJ', 'patient objection', 'Declined by parent'],
    note: 'James would like to talk it over first; offer again at the next well-child visit.' },
];

interface Dose {
  readonly vaccine: Vaccine;
  readonly date: LocalDate;
  readonly doseNumber?: number;
  /** Given elsewhere and transcribed: no lot number, not a primary source. */
  readonly historical?: string;
}

const ROUTE_DISPLAY = { IM: 'Injection, intramuscular', PO: 'Swallow, oral', SQ: 'Injection, subcutaneous' } as const;

/** The US childhood schedule, by age in months. */
const CHILDHOOD_SCHEDULE: readonly (readonly [Vaccine, readonly number[]])[] = [
  [VACCINES.hepB, [0, 2, 6]],
  [VACCINES.rotavirus, [2, 4]],
  [VACCINES.dtap, [2, 4, 6, 15]],
  [VACCINES.hib, [2, 4, 12]],
  [VACCINES.pcv13, [2, 4, 6, 12]],
  [VACCINES.ipv, [2, 4, 6]],
  [VACCINES.mmr, [12, 54]],
  [VACCINES.varicella, [12, 54]],
  [VACCINES.hepA, [12, 18]],
  [VACCINES.dtapIpv, [54]],
];

function fluSeasons(today: LocalDate, seasons: number, random: Random, startAfter?: LocalDate): Dose[] {
  const doses: Dose[] = [];
  for (let i = seasons; i >= 0; i--) {
    const year = today.year - i;
    const date = { year, month: 10, day: 3 + random.int(0, 24) };
    if (daysBetween(date, today) < 1) continue;
    if (startAfter && daysBetween(startAfter, date) < 0) continue;
    doses.push({ vaccine: year >= 2024 ? VACCINES.fluSeasonal : VACCINES.fluQuadrivalent, date });
  }
  return doses;
}

function dosesFor(p: PatientProfile, today: LocalDate, random: Random): Dose[] {
  switch (p.id) {
    case 'leo': {
      const doses: Dose[] = [];
      for (const [vaccine, months] of CHILDHOOD_SCHEDULE) {
        months.forEach((m, i) => doses.push({ vaccine, date: addDays(addMonths(p.birthDate, m), m === 0 ? 1 : random.int(0, 9)), doseNumber: i + 1 }));
      }
      doses.push(...fluSeasons(today, 7, random, addMonths(p.birthDate, 6)));
      return doses;
    }
    case 'maria':
      return [
        ...fluSeasons(today, 4, random),
        { vaccine: VACCINES.covid, date: yearsBefore(today, 4, 4, 12), doseNumber: 1 },
        { vaccine: VACCINES.covid, date: yearsBefore(today, 4, 5, 3), doseNumber: 2 },
        { vaccine: VACCINES.tdap, date: yearsBefore(today, 6, 8, 21) },
        { vaccine: VACCINES.shingles, date: yearsBefore(today, 3, 2, 8), doseNumber: 1 },
        { vaccine: VACCINES.shingles, date: yearsBefore(today, 3, 5, 10), doseNumber: 2 },
        { vaccine: VACCINES.ppsv23, date: yearsBefore(today, 2, 3, 15) },
      ];
    case 'james':
      return [...fluSeasons(today, 2, random), { vaccine: VACCINES.tdap, date: yearsBefore(today, 4, 6, 14) }];
    case 'aisha': {
      const school = 'Transcribed from her school immunization record';
      return [
        { vaccine: VACCINES.hpv, date: addMonths(p.birthDate, 12 * 12 + 1), doseNumber: 1, historical: school },
        { vaccine: VACCINES.hpv, date: addMonths(p.birthDate, 12 * 12 + 8), doseNumber: 2, historical: school },
        { vaccine: VACCINES.tdap, date: yearsBefore(today, 3, 9, 9) },
        ...fluSeasons(today, 1, random),
      ];
    }
    case 'large':
      return [...fluSeasons(today, 3, random), { vaccine: VACCINES.ppsv23, date: yearsBefore(today, 2, 11, 4) }];
  }
}

export function buildImmunizations(ctx: ClinicalContext): { resources: Immunization[]; summaries: ImmunizationSummary[] } {
  const resources: Immunization[] = [];
  const summaries: ImmunizationSummary[] = [];
  const random = ctx.random.fork('immunizations');
  for (const p of ctx.profiles) {
    const doses = dosesFor(p, ctx.today, random)
      .filter((d) => daysBetween(d.date, ctx.today) > 0)
      .sort((a, b) => daysBetween(b.date, a.date));
    const counters = new Map<string, number>();
    for (const dose of doses) {
      const slug = dose.vaccine.slug;
      const n = (counters.get(slug) ?? 0) + 1;
      counters.set(slug, n);
      const id = `imm-${p.id}-${slug}-${n}`;
      const young = ageOn(p.birthDate, dose.date) < 3;
      const site = dose.vaccine.route === 'PO' ? undefined : young ? (n % 2 ? ['LT', 'left thigh'] : ['RT', 'right thigh']) : n % 2 ? ['LD', 'left deltoid'] : ['RD', 'right deltoid'];
      const lotNumber = dose.historical ? undefined : `${random.code(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${random.code(4, '0123456789')}`;
      const immunization: Immunization = {
        resourceType: 'Immunization',
        id,
        status: 'completed',
        vaccineCode: { coding: [coding(SYSTEM.cvx, dose.vaccine.cvx, dose.vaccine.display)], text: dose.vaccine.text },
        patient: patientRef(p),
        occurrenceDateTime: dose.historical ? isoDate(dose.date) : zonedDateTime(dose.date, 10, random.int(0, 50)),
        recorded: isoDate(dose.historical ? addDays(ctx.today, -400) : dose.date),
        primarySource: !dose.historical,
        ...(dose.historical
          ? { reportOrigin: { coding: [coding('http://terminology.hl7.org/CodeSystem/immunization-origin', 'school', 'School Record')], text: dose.historical } }
          : {
              location: ref('Location', p.homeLocation, LOCATION_NAMES[p.homeLocation]),
              lotNumber,
              expirationDate: isoDate(addMonths(dose.date, 14)),
              performer: [
                {
                  function: concept('http://terminology.hl7.org/CodeSystem/v2-0443', 'AP', 'Administering Provider'),
                  actor: practitionerRef(p.id === 'leo' ? 'dr-patel' : 'rn-brooks'),
                },
              ],
            }),
        ...(site ? { site: concept(SYSTEM.v3ActSite, site[0]!, site[1]!) } : {}),
        route: concept(SYSTEM.v3Route, dose.vaccine.route, ROUTE_DISPLAY[dose.vaccine.route]),
        doseQuantity: ucum(dose.vaccine.doseMl, 'mL'),
        ...(dose.doseNumber ? { protocolApplied: [{ doseNumberPositiveInt: dose.doseNumber }] } : {}),
      };
      resources.push(immunization);
      summaries.push({
        patient: p.id,
        date: dose.date,
        vaccine: dose.vaccine.text,
        ...(dose.doseNumber ? { dose: dose.doseNumber } : {}),
        ...(lotNumber ? { lotNumber } : {}),
      });
    }
    // Not given: in the record with the reason, not in the printable record of doses.
    for (const declined of DECLINED.filter((d) => d.patient === p.id)) {
      const visit = ctx.visits.find((v) => v.key === declined.visitKey && v.encounterId);
      if (!visit?.encounterId) continue;
      resources.push({
        resourceType: 'Immunization',
        id: `imm-${p.id}-${declined.vaccine.slug}-not-done`,
        status: 'not-done',
        statusReason: concept(SYSTEM.v3ActReason, declined.reason[0], declined.reason[1], declined.reason[2]),
        vaccineCode: { coding: [coding(SYSTEM.cvx, declined.vaccine.cvx, declined.vaccine.display)], text: declined.vaccine.text },
        patient: patientRef(p),
        encounter: ref('Encounter', visit.encounterId),
        occurrenceDateTime: visit.start,
        recorded: isoDate(visit.date),
        primarySource: true,
        location: ref('Location', visit.location, LOCATION_NAMES[visit.location]),
        note: [{ text: declined.note }],
      });
    }
  }
  return { resources, summaries };
}

