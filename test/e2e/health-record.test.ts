/**
 * The health record on the demo hospital's My health page, after a real sign-in: Maria sees her
 * conditions and allergies in the summary, opens her conditions in full and finds the asthma her
 * clinician ruled out said so, and reads a clinician's note as plain text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Demo, signInOn, startDemo, shownText } from './demo.js';

describe('<health-record> on the demo site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('Maria sees her conditions and allergies, the ruled-out asthma said so in full, and a note as text', async () => {
    const { page, context, pageErrors, cspViolations } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html');
    const record = page.locator('portal-session health-record');
    const conditions = record.locator('[part~="section-conditions"]');
    await conditions.locator('[part~="condition-name"]').first().waitFor();
    assert.match(await shownText(conditions), /High blood pressure/);
    const allergies = record.locator('[part~="section-allergies"]');
    await allergies.locator('[part~="allergy-name"]').first().waitFor();
    assert.match(await shownText(allergies), /penicillin/i);

    await conditions.locator('[part~="show-all"]').click();
    const asthma = record.locator('[part~="condition"]', { hasText: /asthma/i });
    await asthma.waitFor();
    assert.match(await shownText(asthma.locator('[part~="condition-status"]')), /ruled out/i);
    await record.locator('[part~="back"]').click();

    const notes = record.locator('[part~="section-notes"]');
    await notes.locator('[part~="read-note"]').first().click();
    const text = notes.locator('[part~="note-text"]').first();
    await text.waitFor();
    assert.ok((await shownText(text)).trim().length > 20, 'the note’s words');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
    await context.close();
  });
});
