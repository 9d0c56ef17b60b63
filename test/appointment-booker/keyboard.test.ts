import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../packages/appointment-booker/src/define.js';
import { addDays, dayIn, findOpenTimes, type AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { ANNUAL, shadow, until } from './booker-page.js';

const ZONE = 'America/New_York';

describe('<appointment-booker> with the keyboard, on a phone', () => {
  let sandbox: Sandbox;
  let patientId: string;

  beforeEach(async () => {
    sandbox = await Sandbox.create();
    patientId = (await sandbox.token('maria')).patient;
    await setViewport({ width: 375, height: 640 });
  });
  afterEach(async () => {
    fixtureCleanup();
    sessionStorage.clear();
    await sandbox.dispose();
    await setViewport({ width: 800, height: 600 });
  });

  async function booker(): Promise<AppointmentBooker> {
    const client = await sandbox.client('maria');
    return fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} service-type=${ANNUAL} practitioner="dr-chen" viewer-time-zone=${ZONE}></appointment-booker>`);
  }

  it('Tab into the calendar lands on the selected (first open) day, not on today', async () => {
    // Dr. Chen's next four days are full, so the first open day is never today.
    const client = await sandbox.client('maria');
    const today = dayIn(new Date(), ZONE);
    const { times } = await findOpenTimes(client, { start: new Date(), end: new Date(`${addDays(today, 4)}T12:00:00Z`), practitioner: 'dr-chen' });
    await sandbox.load(times.map((t) => ({ ...t.slot, status: 'busy' })));
    const el = await booker();
    const selected = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="day-selected"]'), 'the first open day, chosen');
    expect(selected.dataset.day! > today).to.equal(true);
    shadow(el).querySelector<HTMLButtonElement>('[part~="next-month-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect((shadow(el).activeElement as HTMLElement | null)?.dataset.day).to.equal(selected.dataset.day);
  });

  it('after choosing a time, focus is on the review heading and the heading is on screen', async () => {
    const el = await booker();
    const time = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="time-button"]:last-of-type'), 'the open times');
    const last = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="time-button"]')].pop()!;
    last.scrollIntoView({ block: 'end' });
    expect(time.isConnected).to.equal(true);
    last.focus();
    await sendKeys({ press: 'Enter' });
    const heading = await until(() => shadow(el).querySelector<HTMLElement>('#review-heading'), 'the review');
    await until(() => shadow(el).activeElement === heading, 'focus on the review heading');
    const box = heading.getBoundingClientRect();
    expect(box.top >= 0 && box.bottom <= window.innerHeight, `heading at ${box.top}–${box.bottom} of ${window.innerHeight}`).to.equal(true);
  });
});
