/**
 * Requests and time from opening an element to the first useful view, in the production build of the
 * demo site against the embedded backend, signed in through the real login page (headless Chromium).
 *
 * appointment-booker: from adding `<appointment-booker service-type=…>` inside a signed-in `<portal-session>` to a
 * month calendar with its days marked (open times loaded). Target: at most 3 requests.
 */
import { recordFhirRequests, signInOn, startDemo } from '../../test/e2e/demo.js';
import { report } from './report.js';
import type { BenchContext } from './sizes.js';

export const requestBudgets = {
  /** Requests from opening appointment-booker to a visible calendar of open times. */
  bookerToOpenTimes: 3,
};

export async function requests(_context: BenchContext): Promise<void> {
  const demo = await startDemo();
  try {
    const { page } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html');
    await page.locator('patient-banner [part="name"]').first().waitFor();
    await page.waitForLoadState('networkidle');

    const runs: { requests: string[]; ms: number }[] = [];
    for (let run = 0; run < 3; run++) {
      const recorder = recordFhirRequests(demo, page);
      const started = Date.now();
      await page.evaluate((id) => {
        const booker = document.createElement('appointment-booker');
        booker.id = id;
        // As on a "Book an annual physical" page: the visit type is set by the host.
        booker.setAttribute('service-type', 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical');
        document.querySelector('portal-session')!.append(booker);
      }, `bench-booker-${run}`);
      await page.waitForFunction((id) => !!document.getElementById(id)?.shadowRoot?.querySelector('button.has-times'), `bench-booker-${run}`, { timeout: 30_000 });
      recorder.stop();
      runs.push({ requests: recorder.requests, ms: Date.now() - started });
      await page.evaluate((id) => document.getElementById(id)?.remove(), `bench-booker-${run}`);
    }
    const first = runs[0]!;
    const later = runs.slice(1);
    report(
      {
        id: 'requests.appointment-booker',
        title: 'Requests: appointment-booker, opening to a month of open times (signed in, demo site, production build)',
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'ms', label: 'time', unit: 'ms' },
        ],
        notes: ['Counted at the browser. The CapabilityStatement (GET metadata) is read once per server and page; an element that is the first to need it makes one request more.'],
      },
      [
        {
          label: 'a booker added to the signed-in page',
          values: { requests: first.requests.length, ms: first.ms },
          budget: { column: 'requests', max: requestBudgets.bookerToOpenTimes },
          note: first.requests.join(', '),
          details: first,
        },
        {
          label: 'the same, twice more (median time)',
          values: { requests: later[0]?.requests.length, ms: [...later.map((r) => r.ms)].sort((a, b) => a - b)[Math.floor(later.length / 2)] },
          budget: { column: 'requests', max: requestBudgets.bookerToOpenTimes },
          note: later[0]?.requests.join(', '),
          details: later,
        },
      ],
    );
  } finally {
    await demo.close();
  }
}
