import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Bundle, DiagnosticReport, DocumentReference, Observation, ServiceRequest } from 'fhir/r4';
import type { Locator } from 'playwright-core';
import { attachmentBytes, type Demo, fhirRead, OTHER_ELEMENT_PAGES, sessionAccessToken, signInOn, startDemo, shownText } from './demo.js';

/** The visitor's zone and language: the dates the page shows are computed here the same way. */
const ZONE = 'America/New_York';
const LOCALE = 'en-US';

/** The report a report button opens (its `aria-controls` is `report-<id>`). */
async function reportIdOf(button: Locator): Promise<string> {
  const controls = (await button.getAttribute('aria-controls')) ?? '';
  assert.match(controls, /^report-.+/, 'the report button says which report it opens');
  return controls.slice('report-'.length);
}

/** Every resource of a searchset that matched (not those included), asserting the server sent them all in one page. */
function matches<T>(bundle: Bundle, type: string): T[] {
  assert.ok(!bundle.link?.some((l) => l.relation === 'next'), 'the server returned every match in one page');
  return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include' && e.resource?.resourceType === type).map((e) => e.resource as T);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `locator` has the keyboard focus (inside its shadow root). */
function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement);
}


describe('lab results on the demo hospital site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('lists reports newest first, explains a High result, shows its trend, and downloads the report PDF', async () => {
    const { page, context, cspViolations, pageErrors } = await demo.newPage({ timezoneId: ZONE, locale: LOCALE });
    await signInOn(demo, page, 'my-health.html');
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();

    // The element sits where the "Coming soon" card was.
    const labs = page.locator('portal-session lab-results');
    await labs.getByRole('heading', { name: 'Test results', level: 2 }).waitFor();
    assert.equal(await page.locator('[data-replace-with="lab-results"]').count(), 0, 'the placeholder is gone');
    // Reports (results that came without a report are listed among them, marked .loose).
    const reportButtons = labs.locator('[part="report"]:not(.loose) [part="report-button"]');
    await reportButtons.first().waitFor();

    // Newest first: every report shown, in the order of the server's dates.
    const token = await sessionAccessToken(page);
    const serverReports = matches<DiagnosticReport>(await fhirRead<Bundle>(demo, token, 'DiagnosticReport?patient=Patient/maria&category=LAB&_count=1000'), 'DiagnosticReport');
    const byId = new Map(serverReports.map((r) => [r.id!, r]));
    const shownIds = await Promise.all((await reportButtons.all()).map(reportIdOf));
    assert.ok(shownIds.length >= 2, `several reports are listed (${shownIds.length})`);
    const times = shownIds.map((id) => {
      const report = byId.get(id);
      assert.ok(report?.effectiveDateTime, `report ${id} is one of Maria's lab reports, with a date`);
      return Date.parse(report.effectiveDateTime);
    });
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1]! >= times[i]!, `report ${i} (${shownIds[i]}) is not newer than the one above it`);
    const newest = Math.max(...serverReports.map((r) => Date.parse(r.effectiveDateTime ?? '')));
    assert.equal(times[0], newest, 'the first report is the newest on the server');
    const oldestShown = times[times.length - 1]!;
    for (const report of serverReports) {
      if (Date.parse(report.effectiveDateTime ?? '') > oldestShown) assert.ok(shownIds.includes(report.id!), `report ${report.id} (newer than the last one listed) is listed`);
    }
    const newestDay = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', timeZone: ZONE }).format(newest);
    // Read as a person sees it, on screen: a row is rendered once a frame finds it near the screen.
    // On a busy machine that can take more than a frame or two, so wait (a while) for the row to show its date.
    await reportButtons.first().scrollIntoViewIfNeeded();
    const firstButton = await reportButtons.first().elementHandle();
    const shown = await page
      .waitForFunction(([button, text]) => (button as HTMLElement).innerText.includes(text as string), [firstButton, newestDay] as const, { timeout: 5_000 })
      .then(() => true, () => false);
    assert.ok(shown, `the first report shows its date, ${newestDay} (it shows: ${await shownText(reportButtons.first())})`);

    // The latest report with a result outside the range whose flag reads "High".
    const high = page.locator('[part="flag"]', { hasText: /^High$/ });
    let flagged: { button: Locator; body: Locator; id: string } | undefined;
    for (const button of await reportButtons.filter({ hasText: /\d+ results? outside the range/ }).all()) {
      const id = await reportIdOf(button);
      const body = labs.locator(`[id="report-${id}"]`);
      await button.click();
      await body.locator('[part="results"]').waitFor();
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
      if ((await body.locator('tbody tr').filter({ has: high }).count()) > 0) {
        flagged = { button, body, id };
        break;
      }
      await button.click();
      await body.waitFor({ state: 'hidden' });
    }
    assert.ok(flagged, 'a report has a result flagged High');
    const row = flagged.body.locator('tbody tr').filter({ has: high }).first();
    const trendButton = row.getByRole('button', { name: /^Trend of / });
    const observationId = (await trendButton.getAttribute('data-trend-for')) ?? '';
    const observation = await fhirRead<Observation>(demo, token, `Observation/${observationId}`);
    const quantity = observation.valueQuantity;
    assert.ok(typeof quantity?.value === 'number' && quantity.unit, 'the High result is a number with a unit on the server');
    const interpretation = observation.interpretation?.flatMap((c) => c.coding ?? []).map((c) => c.code);
    assert.ok(interpretation?.includes('H'), `the server flags it H (${interpretation?.join(', ')})`);
    assert.equal((await shownText(trendButton)).trim(), 'Trend', 'the button says "Trend"; its full name says of what');
    const name = ((await trendButton.getAttribute('aria-label')) ?? '').replace(/^Trend of /, '');

    // The row: the value with its unit, and the normal range.
    const number = (value: number) => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 }).format(value);
    const valueText = (await shownText(row.locator('td').nth(0))).trim();
    assert.match(valueText, new RegExp(`^${escapeRegExp(number(quantity.value))}\\s?${escapeRegExp(quantity.unit)}$`), `the value and unit: "${valueText}"`);
    const rangeText = (await shownText(row.locator('td').nth(1))).trim();
    const range = observation.referenceRange?.[0];
    assert.ok(range, 'the server gives a reference range');
    for (const bound of [range.low?.value, range.high?.value]) {
      if (typeof bound === 'number') assert.ok(rangeText.includes(number(bound)), `the range "${rangeText}" shows ${number(bound)}`);
    }
    assert.match(rangeText, /\d/, `a normal range is shown: "${rangeText}"`);
    assert.ok((await shownText(row.locator('th'))).startsWith(name), `the row names the test, ${name}`);

    // Its trend: a chart with an accessible name, and a table with every result in that unit.
    const coding = observation.code.coding?.find((c) => c.system === 'http://loinc.org' && c.code);
    assert.ok(coding, 'the result has a LOINC code');
    const sameTest = matches<Observation>(
      await fhirRead<Bundle>(demo, token, `Observation?patient=Patient/maria&code=${encodeURIComponent(`${coding.system}|${coding.code}`)}&_count=1000`),
      'Observation',
    );
    // The line is drawn in the unit of the result (the unit of most of them); the table lists every numeric result.
    const expected = sameTest.filter((o) => typeof o.valueQuantity?.value === 'number' && o.valueQuantity.unit === quantity.unit).length;
    const listed = sameTest.filter((o) => typeof o.valueQuantity?.value === 'number').length;
    assert.ok(expected >= 2, `Maria has several ${name} results (${expected})`);

    await trendButton.click();
    const trend = labs.locator('[part="trend"]').first();
    const trendHeading = labs.getByRole('heading', { name: `${name} over time` });
    await trendHeading.waitFor();
    assert.ok(await isFocused(trendHeading), 'focus moves to the trend’s heading');
    await labs.getByLabel('Time range').selectOption({ label: 'All' });
    const chart = trend.locator('svg[role="img"]');
    await chart.waitFor();
    const chartName = (await chart.getAttribute('aria-label')) ?? '';
    assert.match(chartName, new RegExp(`^Chart of ${expected} results from .+ to .+\\. Normal range: .+`), 'the chart is named by what it shows');
    assert.equal(await labs.getByRole('img', { name: chartName, exact: true }).count(), 1, 'the chart is an image with that accessible name');
    const tableRows = trend.locator('[part="trend-table"] tbody tr');
    await tableRows.nth(listed - 1).waitFor();
    assert.equal(await tableRows.count(), listed, `the table lists the server's ${listed} ${name} results`);
    assert.ok((await shownText(trend.locator('[part="trend-table"] caption'))).includes(name), 'the table is captioned with the test');
    const highRows = await tableRows.filter({ has: page.locator('td', { hasText: /^High$/ }) }).count();
    assert.equal(highRows, sameTest.filter((o) => typeof o.valueQuantity?.value === 'number' && o.interpretation?.some((c) => c.coding?.some((d) => d.code === 'H'))).length, 'every High result says so in words');

    // Back to the list: the focus returns to the trend button.
    await labs.getByRole('button', { name: 'Back to results' }).click();
    const returnedTo = labs.locator(`[data-trend-for="${observationId}"]`);
    await labs.locator(`[data-trend-for="${observationId}"]:focus`).waitFor();
    assert.ok(await isFocused(returnedTo), 'the trend button has the focus again');
    assert.equal(await flagged.button.getAttribute('aria-expanded'), 'true', 'the report is still open');

    // Who ordered the tests, from the order (ServiceRequest) the report is based on.
    const flaggedReport = byId.get(flagged.id)!;
    const orderId = flaggedReport.basedOn?.[0]?.reference?.split('/')[1];
    assert.ok(orderId, 'the report names its order');
    const order = await fhirRead<ServiceRequest>(demo, token, `ServiceRequest/${orderId}`);
    assert.ok((await shownText(flagged.body.locator('.who'))).includes(`Ordered by ${order.requester?.display}`), 'the report says who ordered it');

    // Its PDF: the download is the server's attachment, byte for byte (in presentedForm, or a document pointing at the report).
    const attachment =
      flaggedReport.presentedForm?.[0] ??
      matches<DocumentReference>(await fhirRead<Bundle>(demo, token, `DocumentReference?patient=Patient/maria&related=DiagnosticReport/${flagged.id}`), 'DocumentReference')[0]?.content[0]?.attachment;
    assert.ok(attachment, 'the server holds the report’s PDF');
    const download = flagged.body.getByRole('button', { name: 'Download the report (PDF)' });
    await download.waitFor();
    const downloading = page.waitForEvent('download');
    await download.click();
    const file = await downloading;
    assert.match(file.suggestedFilename(), /\.pdf$/);
    const bytes = await readFile((await file.path())!);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF', 'the file is a PDF');
    assert.ok((await attachmentBytes(demo, token, attachment)).equals(bytes), 'the download is the server’s attachment, byte for byte');

    assert.deepEqual(cspViolations, [], 'the page works under a strict Content-Security-Policy');
    assert.deepEqual(pageErrors, []);
    await context.close();
  });

  for (const [file, name] of OTHER_ELEMENT_PAGES) {
    it(`shows the lab results on ${name}`, async () => {
      const { page, context, cspViolations, pageErrors } = await demo.newPage();
      await signInOn(demo, page, file);
      const labs = page.locator('portal-session lab-results');
      await labs.getByRole('heading', { name: 'Test results', level: 2 }).waitFor();
      await labs.locator('[part="report-button"]').filter({ hasText: /outside the range/ }).first().waitFor();
      assert.equal(await page.locator('[data-replace-with="lab-results"]').count(), 0, 'no placeholder');
      assert.deepEqual(cspViolations, []);
      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  }
});
