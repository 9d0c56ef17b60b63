/**
 * The performance patient: about ten years of labs — some 600 reports and 5,000 results — with slow
 * trends (kidney function declining, A1c wandering), for testing long lists, paging and trend charts.
 */
import type { Resource } from 'fhir/r4';
import { addDays, type LocalDate } from './calendar.js';
import type { IdAllocator } from './ids.js';
import type { PanelKey } from './lab-catalog.js';
import { buildLabDraw } from './lab-reports.js';
import { labDay } from './labs.js';
import type { PatientProfile } from './patients.js';
import type { Random } from './random.js';

const YEARS = 10;
const DRAWS = 300;

const PANEL_WEIGHTS: readonly (readonly [PanelKey, number])[] = [
  ['cbc-diff', 0.3],
  ['bmp', 0.35],
  ['ua', 0.15],
  ['lipid', 0.1],
  ['a1c', 0.05],
  ['tsh', 0.05],
];

export function buildLargePatientLabs(patient: PatientProfile, today: LocalDate, ids: IdAllocator, random: Random): Resource[] {
  const resources: Resource[] = [];
  const spanDays = YEARS * 365;
  let a1c = 7.4;
  for (let i = 0; i < DRAWS; i++) {
    const t = i / (DRAWS - 1);
    const date = labDay(addDays(today, -Math.round(spanDays * (1 - t)) - 3));
    const first = random.weighted(PANEL_WEIGHTS);
    const second = random.weighted(PANEL_WEIGHTS.filter(([key]) => key !== first));
    a1c = Math.min(9.5, Math.max(6.2, a1c + random.normal(0, 0.12)));
    resources.push(
      ...buildLabDraw(
        {
          patient,
          interpreter: 'dr-chen',
          date,
          hour: 7,
          minute: random.int(0, 50),
          panels: [first, second],
          values: { a1c: Number(a1c.toFixed(1)) },
          baselines: {
            creat: 1.0 + 0.7 * t,
            egfr: 82 - 38 * t,
            bun: 16 + 10 * t,
            k: 4.3 + 0.4 * t,
            hgb: 14.6 - 2.2 * t,
            hct: 43 - 6 * t,
            glucose: 28.7 * a1c - 46.7,
            ldl: 128 - 40 * t,
            trig: 175 - 30 * t,
            hdl: 41,
          },
        },
        ids,
        random,
      ),
    );
  }
  return resources;
}
