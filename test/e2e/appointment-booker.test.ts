import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Appointment, Slot } from 'fhir/r4';
import type { Locator, Page } from 'playwright-core';
import { type Demo, fhirRead, OTHER_ELEMENT_PAGES, sessionAccessToken, signInOn, startDemo, shownText } from './demo.js';

/** The clinic's zone: the demo's Locations carry it, and the calendar file must use it. */
const CLINIC_ZONE = 'America/New_York';

/** What the host page heard from the element (recorded by a listener the test adds to the document). */
interface HeardEvent {
  type: string;
  id?: string;
  status?: string;
}

/** A calendar day (YYYY-MM-DD) `days` after today in the clinic's zone. */
function clinicDayAfter(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The month after 'YYYY-MM'. */
function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** '9:30 AM' (as the page shows a time) → [9, 30] on a 24-hour clock. */
function clockTime(text: string): [number, number] {
  const match = /(\d{1,2}):(\d{2})\s*([AP]M)/i.exec(text);
  assert.ok(match, `a clock time in "${text}"`);
  const hour = (Number(match[1]) % 12) + (match[3]!.toUpperCase() === 'PM' ? 12 : 0);
  return [hour, Number(match[2])];
}

/** An iCalendar local date-time, YYYYMMDDTHHMMSS. */
function icsLocal(day: string, [hour, minute]: [number, number]): string {
  return `${day.replaceAll('-', '')}T${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}00`;
}

/** The content lines of an iCalendar text, unfolded (RFC 5545 §3.1). */
function icsLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** A TEXT value as a person reads it. */
function icsText(value: string): string {
  return value.replace(/\\n/gi, '\n').replace(/\\([\\;,])/g, '$1');
}

/** The text of one fact ("When", "With", "Where") of a visit as the element shows it. */
function fact(page: Page, scope: Locator, term: string): Promise<string> {
  return scope
    .locator('dl.facts > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd')
    .innerText();
}

describe('booking a visit on the demo hospital site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('books a visit, adds it to a calendar in the clinic’s time, and cancels it (the slot is free again)', async () => {
    // Maria is travelling in California; the clinic is in New York.
    const { page, context, cspViolations, pageErrors } = await demo.newPage({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    await signInOn(demo, page, 'my-health.html');
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    // The hospital's logo (shared header) is there in the production build.
    assert.ok(await page.locator('header img[src$="logo.svg"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the logo loads');
    // What a host page would hear: the element's events reach the document.
    await page.evaluate(() => {
      const heard: HeardEvent[] = [];
      (window as unknown as { heard: HeardEvent[] }).heard = heard;
      for (const type of ['portico-appointment-booked', 'portico-appointment-cancelled']) {
        document.addEventListener(type, (event) => {
          const { appointment } = (event as CustomEvent<{ appointment: { id?: string; status?: string } }>).detail;
          heard.push({ type, id: appointment.id, status: appointment.status });
        });
      }
    });
    const heard = () => page.evaluate(() => (window as unknown as { heard: HeardEvent[] }).heard);

    // The booker sits in the page where the "Coming soon" card was.
    const booker = page.locator('appointment-booker');
    await booker.getByRole('heading', { name: 'Book a visit' }).waitFor();
    assert.equal(await page.locator('[data-replace-with="appointment-booker"]').count(), 0, 'the placeholder is gone');

    const visitType = booker.getByLabel('What is the visit for?');
    if (await visitType.isVisible()) await visitType.selectOption({ label: 'Follow-up visit' });

    // The month's open times are in: the first day with some is chosen (or the month has none). The month shown is
    // the one of its middle day: the grid also shows the last days of the month before (at the start of a month,
    // with nothing left to book in it, the booker opens the next).
    const shownMonth = async () => ((await booker.locator('button[data-day]').nth(15).getAttribute('data-day')) ?? '').slice(0, 7);
    const monthLoaded = async () => {
      // Asked again each time: the month shown may change while the first times are found.
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(200)) {
        if ((await booker.locator(`[part~="day-selected"][data-day^="${await shownMonth()}-"]`).count()) || (await booker.getByText(/^No open times through /).count())) return;
      }
      throw new Error(`The month's open times did not arrive (shown: ${await shownMonth()}).`);
    };
    await monthLoaded();
    // A marked day at least two days out, so the visit can still be cancelled online (24-hour cutoff).
    const earliest = clinicDayAfter(2);
    const markedDay = async () =>
      (await booker.locator('[part~="day-has-times"]:not([disabled])').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.day ?? ''))).find((d) => d >= earliest);
    let day = await markedDay();
    // Late in a month, the days are in the next one (the clinic opens six weeks of times).
    for (let more = 0; !day && more < 2; more++) {
      const shown = await shownMonth();
      await booker.getByRole('button', { name: 'Next month' }).click();
      await booker.locator(`button[data-day^="${nextMonth(shown)}-"]`).first().waitFor();
      await monthLoaded();
      day = await markedDay();
    }
    assert.ok(day, `a day with open times on or after ${earliest}`);
    const dayButton = booker.locator(`button[data-day="${day}"]`);
    assert.match((await dayButton.getAttribute('aria-label')) ?? '', /, \d+ open times?$/, 'the marked day says how many times are open');
    await dayButton.click();

    // Times are the clinic's, and the page says so to someone in another zone.
    const dayHeading = (await shownText(booker.locator('.day-heading'))).trim();
    assert.match(dayHeading, new RegExp(`\\b${Number(day.slice(8))}, ${day.slice(0, 4)}$`));
    await booker.getByText(/^Times are shown in the clinic's time zone: Eastern (Standard|Daylight) Time\.$/).waitFor();
    const timeButton = booker.locator('[part="time-button"]').first();
    const clock = (await shownText(timeButton.locator('.clock'))).trim();
    const minutes = Number(/(\d+) minutes/.exec(await shownText(timeButton))?.[1]);
    assert.ok(minutes > 0, 'the time says how long the visit is');
    await timeButton.click();

    await booker.getByRole('heading', { name: 'Review your visit' }).waitFor();
    const reason = 'Blood sugar log review before the holidays';
    await booker.getByLabel('Reason for the visit').fill(reason);
    await booker.getByRole('button', { name: 'Confirm booking' }).click();

    const confirmation = booker.locator('[part="confirmation"]');
    await confirmation.getByRole('heading', { name: /^You['’]re booked$/ }).waitFor();
    const when = await fact(page, confirmation, 'When');
    assert.ok(when.includes(dayHeading) && when.replace(/\s+/g, ' ').includes(clock.replace(/\s+/g, ' ')), `"${when}" shows ${dayHeading} at ${clock}`);
    assert.match(when, /E[SD]T/, 'in the clinic’s zone');
    assert.match(when, /P[SD]T your time/, 'with the visitor’s own time beside it');
    const clinician = await fact(page, confirmation, 'With');
    const [placeName, address] = (await fact(page, confirmation, 'Where')).split('\n').map((line) => line.trim());
    assert.ok(placeName && address, 'the place and its address are shown');

    // Add to calendar: an .ics file in the clinic's wall time.
    const downloading = page.waitForEvent('download');
    await confirmation.getByRole('button', { name: 'Add to calendar' }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), `appointment-${day}.ics`);
    const ics = await readFile((await download.path())!, 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'), 'an iCalendar file with CRLF line ends');
    const lines = icsLines(ics);
    assert.ok(lines.includes('END:VCALENDAR'));
    const zoneLines = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
    assert.ok(zoneLines.length > 2 && zoneLines.includes(`TZID:${CLINIC_ZONE}`), 'a VTIMEZONE for the clinic’s zone');
    assert.ok(zoneLines.includes('TZOFFSETTO:-0500') && zoneLines.includes('TZOFFSETTO:-0400'), 'with its standard and daylight offsets');
    const event = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    assert.ok(event.length > 2, 'a VEVENT');
    const [hour, minute] = clockTime(clock);
    assert.ok(event.includes(`DTSTART;TZID=${CLINIC_ZONE}:${icsLocal(day, [hour, minute])}`), `DTSTART at ${clock} in New York: ${event.join(' | ')}`);
    const endMinutes = hour * 60 + minute + minutes;
    assert.ok(event.includes(`DTEND;TZID=${CLINIC_ZONE}:${icsLocal(day, [Math.floor(endMinutes / 60), endMinutes % 60])}`), 'DTEND after the visit’s length');
    const value = (name: string) => icsText(event.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1) ?? '');
    assert.match(value('SUMMARY'), /^Follow-up visit/);
    assert.ok(value('SUMMARY').includes(clinician), `SUMMARY names ${clinician}`);
    assert.equal(value('LOCATION'), `${placeName}, ${address}`);
    assert.equal(value('STATUS'), 'CONFIRMED');
    const appointmentId = /^(.+)@localhost:\d+$/.exec(value('UID'))?.[1];
    assert.ok(appointmentId, `UID names the appointment: ${value('UID')}`);
    assert.deepEqual(await heard(), [{ type: 'portico-appointment-booked', id: appointmentId, status: 'booked' }]);

    const token = await sessionAccessToken(page);
    const booked = await fhirRead<Appointment>(demo, token, `Appointment/${appointmentId}`);
    assert.equal(booked.status, 'booked');
    assert.equal(booked.description, reason);
    const slotPath = booked.slot?.[0]?.reference;
    assert.ok(slotPath, 'the appointment holds a slot');
    assert.equal((await fhirRead<Slot>(demo, token, slotPath)).status, 'busy');

    // Her appointments: the new visit is under Upcoming.
    await confirmation.getByRole('button', { name: 'See your appointments' }).click();
    await booker.getByRole('heading', { name: 'Your appointments' }).waitFor();
    assert.equal(await booker.getByRole('button', { name: 'Upcoming' }).getAttribute('aria-pressed'), 'true');
    const visit = booker.locator('[part="visit"]').filter({ hasText: dayHeading }).filter({ hasText: clock });
    await visit.waitFor();
    assert.equal(await shownText(visit.locator('.status')), 'Booked');

    // Cancel it, with a reason.
    await visit.getByRole('button', { name: 'Cancel visit' }).click();
    const cancelReason = booker.getByLabel('Reason for cancelling');
    await cancelReason.waitFor();
    assert.ok(await cancelReason.evaluate((field) => field === (field.getRootNode() as ShadowRoot).activeElement), 'the reason field has focus');
    await cancelReason.fill('Feeling better, will book after the holidays');
    await visit.getByRole('button', { name: 'Yes, cancel this visit' }).click();
    // The notice names the visit that was cancelled (its type, day and clinician).
    const notice = booker.getByRole('status').filter({ hasText: 'Your visit has been cancelled:' });
    await notice.waitFor();
    assert.match(await shownText(notice), /Your visit has been cancelled: .*\d/);
    // The list comes back without it.
    await booker.locator('[part="visit"]').or(booker.getByText('You have no upcoming visits.')).first().waitFor();
    assert.equal(await visit.count(), 0, 'the cancelled visit has left Upcoming');
    assert.deepEqual((await heard())[1], { type: 'portico-appointment-cancelled', id: appointmentId, status: 'cancelled' });

    const cancelled = await fhirRead<Appointment>(demo, token, `Appointment/${appointmentId}`);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancelationReason?.text, 'Feeling better, will book after the holidays');
    assert.equal(cancelled.cancelationReason?.coding?.[0]?.code, 'pat-cpp');
    assert.equal((await fhirRead<Slot>(demo, token, slotPath)).status, 'free', 'the slot is open again');

    assert.deepEqual(cspViolations, [], 'the page works under a strict Content-Security-Policy');
    assert.deepEqual(pageErrors, []);
    await context.close();
  });

  for (const [file, name] of OTHER_ELEMENT_PAGES) {
    it(`shows the booker on ${name}, with the hospital's settings`, async () => {
      const { page, context, cspViolations } = await demo.newPage();
      await signInOn(demo, page, file);
      const booker = page.locator('portal-session appointment-booker');
      await booker.getByRole('heading', { name: 'Book a visit' }).waitFor();
      assert.equal(await booker.getAttribute('cancel-cutoff-hours'), '24');
      assert.equal(await booker.evaluate((el) => (el as HTMLElement & { cancelCutoffHours: number }).cancelCutoffHours), 24);
      // Her upcoming visits are there too.
      await booker.getByRole('button', { name: 'Your appointments' }).click();
      await booker.locator('[part="visit"]').first().waitFor();
      assert.deepEqual(cspViolations, []);
      await context.close();
    });
  }
});
