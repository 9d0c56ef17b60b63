/**
 * The medicine list on the demo hospital's My health page, after a real sign-in: Maria sees her current
 * and past medicines, asks for a refill of one with refills left, sees it pending, and the server holds
 * exactly that request (a Task for her prescription, owned by its prescriber); then she withdraws it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bundle, MedicationRequest, Task } from 'fhir/r4';
import { type Demo, fhirRead, sessionAccessToken, signInOn, startDemo, shownText } from './demo.js';

/** The refill and renewal requests the server holds for Maria. */
async function requests(demo: Demo, token: string): Promise<Task[]> {
  const bundle = await fhirRead<Bundle>(demo, token, 'Task?patient=Patient/maria&_count=100');
  return (bundle.entry ?? []).map((e) => e.resource as Task).filter((r) => r?.resourceType === 'Task');
}

describe('<medication-list> on the demo site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('Maria asks for a refill of atorvastatin: pending on the page and on the server, once; then withdraws it', async () => {
    const { page, context, pageErrors, cspViolations } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html');
    const list = page.locator('portal-session medication-list');
    const atorvastatin = list.locator('[data-medication-request-id="medrx-maria-atorvastatin"]');
    await atorvastatin.locator('[part~="medicine-name"]').getByText(/Atorvastatin/).waitFor();
    assert.match(await shownText(list.locator('[part~="past"]')), /Simvastatin/, 'a past medicine, listed apart');
    assert.match(await shownText(atorvastatin.locator('[part~="ask-reason"]')), /refills? left/);

    const token = await sessionAccessToken(page);
    const before = (await requests(demo, token)).length;
    await atorvastatin.locator('[part~="ask-button"]').click();
    await atorvastatin.locator('[part~="note-input"]').fill('Running low before my trip.');
    // Twice, as a hurried patient does: one request.
    await atorvastatin.locator('[part~="send-button"]').dblclick();
    await atorvastatin.locator('[part~="request-pending"]').waitFor();
    assert.match(await shownText(atorvastatin.locator('[part~="request-pending"]')), /waiting for the prescriber/i);

    const made = (await requests(demo, token)).filter((t) => t.focus?.reference === 'MedicationRequest/medrx-maria-atorvastatin' && t.status === 'requested');
    assert.equal(made.length, 1, 'one request on the server');
    assert.equal((await requests(demo, token)).length, before + 1);
    const [task] = made;
    const prescription = await fhirRead<MedicationRequest>(demo, token, 'MedicationRequest/medrx-maria-atorvastatin');
    assert.deepEqual(
      [task!.intent, task!.code?.coding?.[0]?.code, task!.for?.reference, task!.requester?.reference, task!.owner?.reference],
      ['order', 'refill', 'Patient/maria', 'Patient/maria', prescription.requester?.reference],
    );
    assert.ok(JSON.stringify(task!.note ?? task!.input ?? '').includes('Running low before my trip.'), 'the note went with it');

    await atorvastatin.locator('[part~="withdraw-button"]').click();
    await atorvastatin.locator('[part~="request-answered"]').waitFor();
    assert.equal((await fhirRead<Task>(demo, token, `Task/${task!.id}`)).status, 'cancelled');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
    await context.close();
  });
});
