/**
 * message-inbox: requests and time from adding `<message-inbox>` inside a signed-in `<portal-session>` to
 * its first screen of conversations, for Maria (the seed's four conversations), and the time to list
 * 500 conversations (Maria's record with 500 more messages written through the FHIR API in one batch,
 * on this benchmark's own server). Production build of the demo site, headless Chromium, real sign-in.
 * Targets: 1 Communication search before the first screen (the CareTeam read runs beside it); under
 * 100 ms to render.
 */
import type { Bundle, Communication } from 'fhir/r4';
import type { Page } from 'playwright-core';
import { sessionAccessToken, signInOn, startDemo, type Demo } from '../../test/e2e/demo.js';
import { firstScreen } from './first-screen.js';
import { report, type Row } from './report.js';
import type { BenchContext } from './sizes.js';

export const messageInboxBudgets = {
  /** Communication searches before the first screen (the CareTeam read runs beside it and is not waited for). */
  searchesToFirstScreen: 1,
  /** Milliseconds from the first page of messages read to the first screen of conversations, server time excluded. */
  renderMs: 100,
};

/** How many conversations the long inbox holds beyond the seed's. */
const MANY = 500;

interface Run {
  requests: string[];
  totalMs: number;
  renderMs: number;
  conversations: number;
}

/** Adds a `<message-inbox>` to the page's session and times it to its first conversations (measured in the page). */
async function firstConversations(page: Page, id: string): Promise<Run> {
  const { count, ...run } = await firstScreen(page, { tag: 'message-inbox', id, ready: '[part~="thread-button"]', search: 'Communication' });
  // Let the CareTeam read and the write check finish before the element goes.
  await page.waitForLoadState('networkidle');
  await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
  return { ...run, conversations: count };
}

/** Writes `count` new conversations from Maria to Dr. Chen in one batch, as the patient (the server's message rules apply). */
async function writeConversations(demo: Demo, token: string, count: number): Promise<void> {
  const now = Date.now();
  const entry = Array.from({ length: count }, (_, i) => {
    const message: Communication = {
      resourceType: 'Communication',
      status: 'completed',
      subject: { reference: 'Patient/maria' },
      sender: { reference: 'Patient/maria' },
      recipient: [{ reference: 'Practitioner/dr-chen' }],
      topic: { text: `Question ${i + 1} about my home glucose readings` },
      sent: new Date(now - (i + 1) * 3_600_000).toISOString(),
      payload: [{ contentString: `Reading ${i + 1}: my fasting glucose was ${90 + (i % 60)} mg/dL this morning. Is that in my target range?` }],
    };
    return { resource: message, request: { method: 'POST' as const, url: 'Communication' } };
  });
  const response = await fetch(demo.backend.fhirBaseUrl, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry } satisfies Bundle),
  });
  const answer = (await response.json()) as Bundle;
  const created = answer.entry?.filter((e) => e.response?.status?.startsWith('201')).length ?? 0;
  if (response.status !== 200 || created !== count) throw new Error(`Writing ${count} conversations: ${response.status}, ${created} created (${JSON.stringify(answer.entry?.find((e) => !e.response?.status?.startsWith('201')) ?? answer).slice(0, 300)})`);
}

/** Lists every conversation (pressing "Show older conversations" until there is none) and times each page from its search read to the frame after it is listed. */
async function listEverything(page: Page): Promise<{ pages: number; messagesAfterFirstPage: number; conversations: number; elements: number; appendMs: number[] }> {
  return page.evaluate(async () => {
    const element = document.createElement('message-inbox') as HTMLElement & { updateComplete: Promise<boolean> };
    document.querySelector('portal-session')!.append(element);
    // (No named functions in here: the page has no helper for their names.)
    while (!element.shadowRoot?.querySelector('[part~="thread-button"]')) await new Promise((resolve) => setTimeout(resolve, 20));
    const read = { at: 0, messages: 0 };
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      if (!/\/Communication(\?|$)/.test(String(input instanceof Request ? input.url : input)) || (init?.method ?? 'GET') !== 'GET') return response;
      const body = await response.text();
      read.at = performance.now();
      read.messages += (JSON.parse(body) as { entry?: { search?: { mode?: string } }[] }).entry?.filter((e) => e.search?.mode === 'match').length ?? 0;
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const appendMs: number[] = [];
    let pages = 1;
    for (;;) {
      const more = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="load-more"]');
      if (!more) break;
      // A page may already be on its way (the end of the list came into view): wait for it, then ask for the next.
      const listed = element.shadowRoot!.querySelectorAll('[part~="thread-button"]').length;
      const asked = performance.now();
      if (more.getAttribute('aria-disabled') !== 'true') more.click();
      while (element.shadowRoot!.querySelector('[part~="load-more"]')?.getAttribute('aria-disabled') === 'true' && performance.now() - asked < 10_000) await new Promise((resolve) => setTimeout(resolve, 5));
      await element.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      // Timed only when this page's search was read while waiting here (a page the list fetched on its
      // own as its end scrolled into view was read and listed before, with nothing left to time).
      if (read.at >= asked && element.shadowRoot!.querySelectorAll('[part~="thread-button"]').length > listed) appendMs.push(performance.now() - read.at);
      pages++;
    }
    window.fetch = original;
    const result = { pages, messagesAfterFirstPage: read.messages, conversations: element.shadowRoot!.querySelectorAll('[part~="thread-button"]').length, elements: element.shadowRoot!.querySelectorAll('*').length, appendMs };
    element.remove();
    return result;
  });
}

export async function messageInbox(_context: BenchContext): Promise<void> {
  const demo = await startDemo();
  try {
    const rows: Row[] = [];
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const { page, context } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html', 'maria');
    await page.locator('patient-banner [part="name"]').first().waitFor();
    await page.locator('message-inbox [part~="thread-button"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    for (const [label, prepare] of [
      ['Maria (the seed: four conversations)', async () => undefined],
      [`Maria with ${MANY} more conversations`, async () => writeConversations(demo, await sessionAccessToken(page), MANY)],
    ] as const) {
      await prepare();
      const runs: Run[] = [];
      for (let run = 0; run < 5; run++) runs.push(await firstConversations(page, `bench-inbox-${run}`));
      const searches = runs[0]!.requests.filter((r) => /^GET Communication\?/.test(r)).length;
      rows.push(
        {
          label: `${label}: Communication searches to the first screen`,
          values: { requests: searches },
          budget: { column: 'requests', max: messageInboxBudgets.searchesToFirstScreen },
          note: `all requests sent before it: ${runs[0]!.requests.join(', ')}`,
          details: runs,
        },
        {
          label: `${label}: time to the first screen (median of 5)`,
          values: { render: Math.round(median(runs.map((r) => r.renderMs))), total: Math.round(median(runs.map((r) => r.totalMs))) },
          budget: { column: 'render', max: messageInboxBudgets.renderMs },
          note: `${runs[0]!.conversations} conversations on the first screen; "total" includes the server`,
        },
      );
    }
    const whole = await listEverything(page);
    rows.push({
      label: `Maria with ${MANY} more conversations: every one listed`,
      values: { render: Math.round(Math.max(...whole.appendMs)), elements: whole.elements },
      budget: { column: 'render', max: messageInboxBudgets.renderMs },
      note: `${whole.conversations} conversations in ${whole.pages} pages (${whole.appendMs.length} timed: those read while the bench waited for them; the others came as the end of the list scrolled into view); "render": the slowest timed page, from its search read to the frame after it is listed; elements in the shadow root`,
      details: whole,
    });
    await context.close();
    report(
      {
        id: 'requests.message-inbox',
        title: 'message-inbox: opening to the first screen of conversations (signed in, demo site, production build)',
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'render', label: 'render', unit: 'ms' },
          { key: 'total', label: 'total', unit: 'ms' },
          { key: 'elements', label: 'elements', unit: 'count' },
        ],
      },
      rows,
    );
  } finally {
    await demo.close();
  }
}
