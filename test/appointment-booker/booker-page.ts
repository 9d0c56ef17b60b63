/** What the booker's browser tests read and press, as a patient would. */
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { downloaded, shadow, text, until } from '../helpers/element.js';

export { downloaded, shadow, text, until };

export const ANNUAL = 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical';

export function buttonNamed(el: Element | ParentNode, name: string | RegExp): HTMLButtonElement | undefined {
  const root = el instanceof Element && el.shadowRoot ? el.shadowRoot : el;
  return [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => (typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? '')));
}

/** Waits for the calendar to show days with open times and returns the first such day's button. */
export async function firstOpenDay(el: AppointmentBooker): Promise<HTMLButtonElement> {
  return until(() => shadow(el).querySelector<HTMLButtonElement>('button.has-times:not([disabled])'), 'a day with open times');
}

/** Picks the first open day and its first time, and waits for the review step; says the day and how many times it offered. */
export async function openReview(el: AppointmentBooker): Promise<{ day: string; openTimes: number }> {
  const day = await firstOpenDay(el);
  const openTimes = openTimesOn(el, day.dataset.day!);
  day.click();
  const time = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="time-button"]'), 'open times for the day');
  time.click();
  await until(() => shadow(el).querySelector('[part="review"]'), 'the review step');
  return { day: day.dataset.day!, openTimes };
}

/** The open times the calendar says a day has (its button's label: "…, 3 open times"), 0 when none. */
export function openTimesOn(el: AppointmentBooker, day: string): number {
  const label = shadow(el).querySelector(`button[data-day="${day}"]`)?.getAttribute('aria-label') ?? '';
  return Number(/(\d+) open times?/.exec(label)?.[1] ?? 0);
}

/** The visit with this Appointment id in "Your appointments", pressing "Show more" as a patient would until it shows. */
export async function visitInList(el: AppointmentBooker, appointmentId: string): Promise<HTMLElement> {
  return until(() => {
    const visit = shadow(el).querySelector<HTMLElement>(`[part="visit"][data-appointment-id="${appointmentId}"]`);
    if (!visit) buttonNamed(el, 'Show more')?.click();
    return visit;
  }, `the visit ${appointmentId}`);
}


/**
 * Gives each test of the describe block its own copy of the clinic, signed in as maria, so no test sees
 * another's bookings, in any order; the elements go first afterwards, so none saves a draft after the
 * storage is cleared. `use` receives the sandbox and maria's patient id before each test.
 */
export function ownClinicPerTest(use: (own: { sandbox: Sandbox; patientId: string }) => void): void {
  const sandbox = sandboxPerTest();
  beforeEach(async () => use({ sandbox: sandbox(), patientId: (await sandbox().token('maria')).patient }));
}
