/**
 * Vital signs (FHIR Observation, category vital-signs → one row per measure): the latest value of each
 * (blood pressure as "128/82"), and its values over time for a trend. Grouped by LOINC code; results
 * entered in error or cancelled, and panels with no value of their own, are left out.
 */
import type { Observation, ObservationComponent, Quantity } from 'fhir/r4';
import { conceptName, displayUnit } from '@portico/core';

/** The blood pressure panel and its two parts (LOINC). */
export const BLOOD_PRESSURE_CODES = { panel: '85354-9', systolic: '8480-6', diastolic: '8462-4' } as const;

/** One value over time. */
export interface VitalPoint {
  id: string;
  at: string;
  value: number;
}

/** One line of a trend: a measure (or a part of one, such as the top number of blood pressure). */
export interface VitalSeries {
  key: string;
  title: string;
  unit: string;
  points: VitalPoint[];
}

/** One measure as shown: its latest value and its trend. */
export interface VitalRow {
  /** The measure's code (its id in the list). */
  id: string;
  name: string;
  /** The latest values: one, or two for blood pressure (systolic, diastolic). */
  latest: number[];
  unit: string;
  at: string;
  series: VitalSeries[];
}

const LOINC = 'http://loinc.org';
const loincCode = (concept: Observation['code'] | undefined) => concept?.coding?.find((c) => c.system === LOINC)?.code;
const keyOf = (o: Observation) => loincCode(o.code) ?? o.code?.text?.trim() ?? '';
const whenOf = (o: Observation) => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued ?? '';
const numberOf = (q: Quantity | undefined) => (typeof q?.value === 'number' && Number.isFinite(q.value) ? q.value : undefined);
const unitOf = (q: Quantity | undefined) => displayUnit(q?.unit ?? q?.code ?? '');
const part = (o: Observation, code: string): ObservationComponent | undefined => o.component?.find((c) => loincCode(c.code) === code);

/** The measures, in the order of their latest value (newest first), each with its trend. */
export function vitalRows(observations: readonly Observation[], locale?: string): VitalRow[] {
  const groups = new Map<string, Observation[]>();
  for (const o of observations) {
    if (o.status === 'entered-in-error' || o.status === 'cancelled' || !whenOf(o)) continue;
    const key = keyOf(o);
    const bloodPressure = key === BLOOD_PRESSURE_CODES.panel;
    if (!key || (bloodPressure ? numberOf(part(o, BLOOD_PRESSURE_CODES.systolic)?.valueQuantity) === undefined : numberOf(o.valueQuantity) === undefined)) continue;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const rows: VitalRow[] = [];
  for (const [key, group] of groups) {
    const sorted = [...group].sort((a, b) => whenOf(b).localeCompare(whenOf(a)));
    const newest = sorted[0]!;
    const name = conceptName(newest.code, locale);
    if (key === BLOOD_PRESSURE_CODES.panel) {
      const series = (['systolic', 'diastolic'] as const).map((which) => {
        const code = BLOOD_PRESSURE_CODES[which];
        const first = part(newest, code);
        return {
          key: `${key}/${code}`,
          title: conceptName(first?.code, locale) || which,
          unit: unitOf(first?.valueQuantity),
          points: sorted.flatMap((o) => {
            const value = numberOf(part(o, code)?.valueQuantity);
            return value === undefined ? [] : [{ id: o.id ?? '', at: whenOf(o), value }];
          }),
        };
      });
      const latest = series.map((s) => s.points[0]?.value).filter((v): v is number => v !== undefined);
      rows.push({ id: key, name, latest, unit: series[0]!.unit, at: whenOf(newest), series });
    } else {
      const unit = unitOf(newest.valueQuantity);
      const points = sorted.flatMap((o) => (unitOf(o.valueQuantity) === unit && numberOf(o.valueQuantity) !== undefined ? [{ id: o.id ?? '', at: whenOf(o), value: numberOf(o.valueQuantity)! }] : []));
      rows.push({ id: key, name, latest: [numberOf(newest.valueQuantity)!], unit, at: whenOf(newest), series: [{ key, title: name, unit, points }] });
    }
  }
  return rows.sort((a, b) => b.at.localeCompare(a.at) || a.name.localeCompare(b.name, locale));
}
