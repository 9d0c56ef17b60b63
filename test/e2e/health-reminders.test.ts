/**
 * The reminders on the demo hospital's My health page, after a real sign-in: Maria sees a vaccine due
 * (her pneumococcal shot) and an overdue one, books the due one from the reminder (the booker on the page
 * opens preset: the visit type and the vaccine as the reason), and the server holds that visit; the
 * reminders then list it as coming up. "I had this elsewhere" begins a message to her care team.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Appointment, Bundle } from 'fhir/r4';
import { type Demo, fhirRead, sessionAccessToken, signInOn, startDemo, shownText } from './demo.js';

describe('<health-reminders> on the demo site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('Maria sees a vaccine due and books it from the reminder; the visit is on the server and coming up', async () => {
    const { page, context, pageErrors, cspViolations } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html');
    const reminders = page.locator('portal-session health-reminders');
    const due = reminders.locator('[part~="group-due"]');
    const pneumococcal = due.locator('[part~="reminder-vaccine"]').filter({ hasText: 'Pneumococcal (PCV20)' });
    await pneumococcal.waitFor();
    assert.match(await shownText(pneumococcal.locator('[part~="reminder-when"]')), /^Due by /);
    assert.match(await shownText(reminders.locator('[part~="group-overdue"]')), /COVID-19 \(updated vaccine\)\s+Vaccine\s+Overdue since /);
    const visitsBefore = await reminders.locator('[part~="reminder-visit"]').count();

    await pneumococcal.getByRole('button', { name: 'Book: Pneumococcal (PCV20)' }).click();
    const booker = page.locator('portal-session appointment-booker');
    await booker.getByRole('heading', { name: 'Book a visit' }).waitFor();
    assert.equal(await booker.getByLabel('What is the visit for?').evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim()), 'Follow-up visit');
    // The first open time the booker shows (late in a month, its times are in the next).
    const time = booker.locator('[part="time-button"]').first();
    for (let month = 0; month < 3; month++) {
      await time.or(booker.getByText(/^No open times through /)).first().waitFor({ timeout: 30_000 });
      if (await time.count()) break;
      await booker.getByRole('button', { name: 'Next month' }).click();
    }
    await time.click();
    await booker.getByRole('heading', { name: 'Review your visit' }).waitFor();
    assert.equal(await booker.getByLabel('Reason for the visit').inputValue(), 'Pneumococcal (PCV20) vaccine');
    await booker.getByRole('button', { name: 'Confirm booking' }).click();
    await booker.locator('[part="confirmation"]').getByRole('heading', { name: /^You['’]re booked$/ }).waitFor();

    const token = await sessionAccessToken(page);
    const bundle = await fhirRead<Bundle>(demo, token, 'Appointment?patient=Patient/maria&status=booked&_count=200');
    const booked = (bundle.entry ?? []).map((e) => e.resource as Appointment).filter((a) => a.description === 'Pneumococcal (PCV20) vaccine');
    assert.equal(booked.length, 1, 'one visit on the server, for the vaccine');
    // The reminders read the booked visits again: the new one is coming up.
    await reminders.locator(`[data-reminder-id="Appointment/${booked[0]!.id}"]`).waitFor();
    assert.equal(await reminders.locator('[part~="reminder-visit"]').count(), visitsBefore + 1);

    // "I had this elsewhere": the inbox on the page opens a new message about it.
    const covid = reminders.locator('[part~="group-overdue"] [part~="reminder-vaccine"]').filter({ hasText: 'COVID-19' });
    await covid.getByRole('button', { name: 'I had this elsewhere: COVID-19 (updated vaccine)' }).click();
    const inbox = page.locator('portal-session message-inbox');
    const subject = inbox.getByLabel('Subject');
    await subject.waitFor();
    assert.equal(await subject.inputValue(), 'I had this elsewhere: COVID-19 (updated vaccine)');
    assert.match(await inbox.getByLabel('Message', { exact: true }).inputValue(), /^I had COVID-19 \(updated vaccine\) at another clinic or pharmacy\./);

    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspViolations, []);
    await context.close();
  });
});
