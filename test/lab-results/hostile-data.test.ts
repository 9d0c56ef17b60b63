import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Bundle, FhirResource, Resource } from 'fhir/r4';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { assertNoScriptRan, HOSTILE_PATIENT_ID, hostileResources, XSS_MARKER } from '../fixtures/hostile-data.js';

/** Serves the hostile fixtures as a FHIR server would: the report search with its results included, and `_id` batches. */
function hostileServer(resources: readonly Resource[], calls: string[]): typeof fetch {
  const all = resources as readonly FhirResource[];
  return async (input) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push(url.pathname + url.search);
    const type = url.pathname.split('/').filter(Boolean).pop();
    let entries: Bundle['entry'] = [];
    if (type === 'DiagnosticReport') {
      const reports = all.filter((r) => r.resourceType === 'DiagnosticReport');
      const observations = all.filter((r) => r.resourceType === 'Observation');
      entries = [...reports.map((resource) => ({ resource, search: { mode: 'match' as const } })), ...observations.map((resource) => ({ resource, search: { mode: 'include' as const } }))];
    } else if (type === 'Observation') {
      const ids = (url.searchParams.get('_id') ?? '').split(',');
      entries = all.filter((r) => r.resourceType === 'Observation' && ids.includes(r.id ?? '')).map((resource) => ({ resource, search: { mode: 'match' as const } }));
    } else {
      return new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }), { status: 404 });
    }
    const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: entries.length, entry: entries };
    return new Response(JSON.stringify(bundle), { status: 200, headers: { 'Content-Type': 'application/fhir+json' } });
  };
}

describe('<lab-results> with hostile data', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
  });

  it('shows markup as text, runs no script, offers no javascript: or data: link, and wraps huge values', async () => {
    const calls: string[] = [];
    const client = new FhirClient({ baseUrl: 'https://fhir.hostile.invalid/r4', getAccessToken: () => 'fixture', fetch: hostileServer(hostileResources(), calls) });
    const el = await fixture<LabResults>(html`<div style="inline-size: 40rem"><lab-results .client=${client} patient-id=${HOSTILE_PATIENT_ID}></lab-results></div>`).then((wrapper) => wrapper.querySelector('lab-results')!);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="report-button"]').length, 'the reports', { timeout: 8000 });
    for (const button of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="report-button"]')) button.click();
    await el.updateComplete;
    for (const download of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.download')) download.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.error-text'), 'the refused download is explained', { timeout: 8000 });
    // Nothing was fetched from a javascript: or data: address, and no link points at one.
    expect(calls.some((c) => /javascript:|data:/i.test(c))).to.equal(false);
    const hrefs = [...el.shadowRoot!.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.filter((h) => /^(javascript|data):/i.test(h))).to.deep.equal([]);
    expect(el.shadowRoot!.querySelectorAll('img, script').length).to.equal(0);
    expect(el.shadowRoot!.textContent).to.contain('<img');
    // A 100,000-character value wraps inside the element.
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    assertNoScriptRan();
  });
});
