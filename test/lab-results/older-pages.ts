/** Reading further down a lab-results list, as a patient does: "Show older results" until what is looked for is listed. */
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { shadow, text, until } from '../helpers/element.js';

const allShown = (el: LabResults) => text(el).includes('All results are shown.');
const entries = (el: LabResults) => shadow(el).querySelectorAll('[part="report-button"]').length;

/**
 * Presses "Show older results" until `probe` finds something (returned) or the whole list is shown
 * (then `probe` must find it). Each page also reads the results in no report in the dates it covers.
 */
export async function showOlderUntil<T>(el: LabResults, probe: () => T | undefined | null | false, message: string): Promise<T> {
  for (let page = 0; page < 200; page++) {
    const found = probe();
    if (found) return found;
    const button = () => shadow(el).querySelector<HTMLButtonElement>('[part="load-more"][aria-disabled="false"]');
    await until(() => probe() || allShown(el) || button(), `"Show older results", or ${message}`);
    const more = button();
    if (probe() || !more) break;
    const listed = entries(el);
    more.click();
    await until(() => entries(el) > listed || allShown(el) || shadow(el).querySelector('[role="alert"]'), 'the next page');
  }
  return until(probe, message);
}

/** Presses "Show older results" until every report is listed and the results in no report are read ("All results are shown."). */
export async function showAllOlder(el: LabResults): Promise<void> {
  await showOlderUntil(el, () => allShown(el), 'the whole list');
}
