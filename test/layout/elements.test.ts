import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../packages/core/src/define.js';
import '../../packages/appointment-booker/src/define.js';
import '../../packages/message-inbox/src/define.js';
import '../../packages/bill-pay/src/define.js';
import '../../packages/record-download/src/define.js';
import '../../packages/medications/src/define.js';
import '../../packages/health-record/src/define.js';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import type { MessageInbox } from '../../packages/message-inbox/src/index.js';
import type { BillPay } from '../../packages/bill-pay/src/index.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import type { IdleClock } from '../../packages/core/src/portal-session/idle-timeout.js';
import { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { findOpenTimes, type AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { ANNUAL, firstOpenDay, openReview } from '../appointment-booker/booker-page.js';
import { Sandbox } from '../helpers/backend.js';
import { animationsDone, forgetDeviceStorage, shadow, until } from '../helpers/element.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { layoutFaults } from '../lab-results/layout-checks.js';

/**
 * The sizes a patient meets: a 320 px phone; a 1280 px desktop at 200 % zoom (640 CSS px); and a
 * 640 px desktop at 200 % zoom (320 CSS px) in Arabic, right to left.
 */
const SCREENS = [
  { name: '320 px phone', width: 320, lang: 'en' },
  { name: '1280 px desktop at 200 % zoom', width: 640, lang: 'en' },
  { name: '640 px desktop at 200 % zoom, in Arabic', width: 320, lang: 'ar' },
] as const;

const SESSION_STATES = ['signed out', 'signing in', 'loading the patient', 'error', 'signed in', 'expired', 'idle warning'] as const;
const BANNER_STATES = ['self', 'acting for another'] as const;
const INBOX_STATES = ['conversations', 'open conversation with the reply form', 'new message', 'read only'] as const;
/** Each with the part it shows, the one `bills()` waits for. */
const BILL_STATES = { 'statements with the balance': 'statements', 'open statement': 'line', 'pay form': 'amount-problem', insurance: 'plan' } as const;
/** The views of `<record-download>` measured, each with the part its loaded state shows. */
const RECORD_STATES = { everything: 'export-start-button', documents: 'format-button', summary: 'summary-patient', 'health-card': 'health-card-qr' } as const;
const BOOKER_STATES = ['choose type', 'calendar with times', 'review', 'confirmation', 'your appointments', 'no times: next available', 'no online booking', 'error', 'call the clinic'] as const;

/** A session whose idle timeout runs on a clock the test moves. */
class ClockedSession extends PortalSession {
  readonly clock = new ManualClock();
  protected override idleClock: IdleClock = this.clock;
}
customElements.define('clocked-portal-session', ClockedSession);

/**
 * What the open "Are you still there?" dialog (in the top layer, centred on the screen rather than
 * in the element's box) can get wrong: its box past the screen's edges, a button outside its box.
 */
function dialogFaults(el: HTMLElement): string[] {
  const dialog = shadow(el).querySelector<HTMLDialogElement>('dialog[open]');
  if (!dialog) return [];
  const faults: string[] = [];
  const box = dialog.getBoundingClientRect();
  const screen = document.documentElement.clientWidth;
  if (box.left < 0 || box.right > screen) faults.push(`the idle dialog leaves the screen: ${Math.round(box.left)}–${Math.round(box.right)} outside 0–${screen}`);
  for (const button of dialog.querySelectorAll('button')) {
    const r = button.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1) faults.push(`"${button.textContent!.trim()}" sticks out of the idle dialog: ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
  }
  return faults;
}

/** Every element of a shadow tree, those of nested shadow trees included. */
function allElements(root: ShadowRoot): Element[] {
  return [...root.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e, ...allElements(e.shadowRoot)] : [e]));
}

/**
 * What `layoutFaults` leaves out: a box inside the element that cuts off or scrolls its content
 * sideways, and a field (select, text box) under 24×24 px.
 */
function innerFaults(el: HTMLElement): string[] {
  const faults: string[] = [];
  for (const e of allElements(el.shadowRoot!)) {
    if (!(e instanceof HTMLElement) || !e.getClientRects().length || e.closest('style, svg')) continue;
    const name = `<${e.localName}${e instanceof HTMLInputElement ? `[type=${e.type}]` : ''}${e.className ? `.${String(e.className).trim().replace(/\s+/g, '.')}` : ''}> "${(e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    // A text for screen readers only is clipped to 1 px on purpose.
    if (getComputedStyle(e).overflowX !== 'visible' && e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1) faults.push(`${name} cuts off or scrolls its content sideways: ${e.scrollWidth} > ${e.clientWidth}`);
    // A field hidden for its styled label (a file chooser) is pressed through that label: the label's
    // largest box (an inline label's own line box, or the button-like box inside it) is the target.
    const label = e.matches('input.visually-hidden') ? e.closest('label') : null;
    const boxes = label ? [label, ...label.children].filter((c) => c !== e).map((c) => c.getBoundingClientRect()) : [e.getBoundingClientRect()];
    const r = boxes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    if (e.matches('select, input:not([type="hidden"]), textarea') && (r.width < 24 || r.height < 24)) faults.push(`${name} is smaller than 24×24: ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return faults;
}

/** The element as the patient sees it once it settled: no layout fault, and clean for axe. */
async function expectFits(el: HTMLElement): Promise<void> {
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await animationsDone();
  expect([...layoutFaults(el), ...innerFaults(el), ...dialogFaults(el)].join('\n')).to.equal('');
  await expect(el).to.be.accessible();
}

describe('Portico elements on a 320 px phone, at 200 % zoom and in Arabic', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
    // The patient as many are registered: titles, a long compound family name and a long record number.
    const client = await sandbox.client('maria');
    const { patient } = await sandbox.token('maria');
    const maria = await client.read('Patient', patient);
    const mrn = maria.identifier?.map((i) => (i.type?.coding?.some((c) => c.code === 'MR') ? { ...i, value: 'MRN-2024-0093-7716-4410-AUX-PEDIATRIC-TRANSFER-0007' } : i));
    await sandbox.load([{ ...maria, identifier: mrn, name: [{ use: 'official', prefix: ['Dr.'], given: ['María', 'de los Remedios'], family: 'Hernández-Villaseñor de Castellanos', suffix: ['PhD'] }] }]);
    // Clinicians and places with the long names real directories hold.
    const { resources: practitioners } = await client.searchAll('Practitioner', {});
    const { resources: locations } = await client.searchAll('Location', {});
    await sandbox.load([
      ...practitioners.map((p) => ({ ...p, name: [{ prefix: ['Dr.'], given: ['Anastasia', 'Konstantinovna'], family: 'Vanderhoeven-Abernathy', suffix: ['MD', 'FACP'] }] })),
      ...locations.map((l) => ({
        ...l,
        name: `The Margaret and Theodore Vanderhoeven-Abernathy Memorial Community Health Pavilion (${l.name ?? l.id})`,
        address: { line: ['Building 14B, Third Floor, Suite 3120', '12500 North Saint Lawrence Seaway Memorial Parkway'], city: 'Schenectady', state: 'NY', postalCode: '12345-6789' },
      })),
    ]);
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await sandbox.dispose();
  });
  afterEach(async () => {
    fixtureCleanup();
    forgetDeviceStorage();
    sessionStorage.clear();
    await sandbox.clearFaults();
  });

  /** A portal-session in `state`, inside a wrapper in `lang`, with a patient banner inside it. */
  async function session(state: (typeof SESSION_STATES)[number] | (typeof BANNER_STATES)[number], lang: string): Promise<HTMLElement> {
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    if (state === 'signed out') {
      const wrapper = await fixture<HTMLElement>(html`<div lang=${lang} dir=${dir}><portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl}></portal-session></div>`);
      const el = wrapper.querySelector<HTMLElement>('portal-session')!;
      await until(() => shadow(el).querySelector('[part="sign-in"]')?.getClientRects().length, 'the sign-in prompt');
      return el;
    }
    if (state === 'signing in') {
      // SMART: "Sign in" pressed, the sign-in service held for 3 s (then the connection drops, so the page never leaves).
      await sandbox.injectFaults([{ path: 'smart-configuration', delayMs: 3000, drop: 'before', times: 1 }]);
      const wrapper = await fixture<HTMLElement>(html`<div lang=${lang} dir=${dir}><portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="layout-smart"></portal-session></div>`);
      const el = wrapper.querySelector<HTMLElement>('portal-session')!;
      (await until(() => shadow(el).querySelector<HTMLButtonElement>('[part="sign-in-button"]'), 'the sign-in button')).click();
      await until(() => shadow(el).querySelector('[part="skeleton"]'), 'the signing-in placeholder');
      return el;
    }
    if (state === 'loading the patient') {
      // Signed in, the patient still on its way: the bar, and the banner's placeholder.
      await sandbox.injectFaults([{ path: '^Patient', delayMs: 4000, times: 1 }]);
      const { access_token } = await sandbox.token('maria');
      const wrapper = await fixture<HTMLElement>(
        html`<div lang=${lang} dir=${dir}><portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}><patient-banner></patient-banner></portal-session></div>`,
      );
      const el = wrapper.querySelector<HTMLElement>('portal-session')!;
      const banner = el.querySelector<PatientBanner>('patient-banner')!;
      await until(() => shadow(el).querySelector('[part="bar"]') && shadow(banner).querySelector('[part="skeleton"]'), 'the bar and the loading banner');
      return el;
    }
    if (state === 'error') {
      const wrapper = await fixture<HTMLElement>(html`<div lang=${lang} dir=${dir}><portal-session></portal-session></div>`);
      const el = wrapper.querySelector<HTMLElement>('portal-session')!;
      await until(() => shadow(el).querySelector('[part="retry-button"], [part="error-message"]'), 'the error');
      return el;
    }
    if (state === 'expired') {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang=${lang} dir=${dir}><portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${'revoked-token'}><patient-banner></patient-banner></portal-session></div>`,
      );
      const el = wrapper.querySelector<HTMLElement>('portal-session')!;
      await until(() => shadow(el).querySelector('[part="expired"]'), 'the session-ended notice');
      return el;
    }
    if (state === 'idle warning') {
      // Signed in, then 15 minutes without a pointer or key: "Are you still there? Signing out in 60 s".
      const { access_token } = await sandbox.token('maria');
      const wrapper = await fixture<HTMLElement>(
        html`<div lang=${lang} dir=${dir}><clocked-portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}><patient-banner></patient-banner></clocked-portal-session></div>`,
      );
      const el = wrapper.querySelector<ClockedSession>('clocked-portal-session')!;
      const banner = el.querySelector<PatientBanner>('patient-banner')!;
      await until(() => shadow(banner).querySelector('[part="name"]'), 'the banner');
      el.clock.advance(15 * 60_000);
      await until(() => shadow(el).querySelector('dialog[open] [part~="stay-button"]'), 'the idle warning');
      return el;
    }
    const acting = state === 'acting for another';
    const { access_token } = acting ? await sandbox.token('james', undefined, 'leo') : await sandbox.token('maria');
    const wrapper = await fixture<HTMLElement>(
      acting
        ? html`<div lang=${lang} dir=${dir}><portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="leo" fhir-user="Person/person-james" .accessToken=${access_token}><patient-banner></patient-banner></portal-session></div>`
        : html`<div lang=${lang} dir=${dir}><portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}><patient-banner></patient-banner></portal-session></div>`,
    );
    const el = wrapper.querySelector<HTMLElement>('portal-session')!;
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await until(() => shadow(el).querySelector('[part="bar"]') && shadow(banner).querySelector('[part="name"]') && (!acting || shadow(banner).querySelector('[part~="switch-button"]')), 'the bar and the banner');
    return el;
  }

  /** An appointment-booker in `state`, inside a wrapper in `lang`. */
  async function booker(state: (typeof BOOKER_STATES)[number], lang: string): Promise<AppointmentBooker> {
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    const { patient } = await sandbox.token('maria');
    const readOnly = state === 'call the clinic';
    const client = await sandbox.client('maria', readOnly ? { scope: 'patient/*.rs' } : {});
    if (state === 'error') await sandbox.injectFaults([{ path: '^Schedule', status: 500, times: 1 }]);
    if (state === 'no online booking' || state === 'no times: next available') {
      // A sandbox of its own: its schedules closed to online booking, or Dr. Chen's next three days all taken.
      const own = await Sandbox.create();
      try {
        const ownClient = await own.client('maria');
        if (state === 'no online booking') {
          const { resources } = await ownClient.searchAll('Schedule', {});
          await own.load(resources.map((s) => ({ ...s, active: false })));
        } else {
          const { times } = await findOpenTimes(ownClient, { start: new Date(), end: new Date(Date.now() + 3 * 86_400_000), practitioner: 'dr-chen', serviceType: ANNUAL });
          await own.load(times.map((t) => ({ ...t.slot, status: 'busy' })));
        }
        const wrapper = await fixture<HTMLElement>(
          state === 'no online booking'
            ? html`<div lang=${lang} dir=${dir}><appointment-booker .client=${ownClient} patient-id=${patient} clinic-phone="+1 (845) 555-0123"></appointment-booker></div>`
            : html`<div lang=${lang} dir=${dir}><appointment-booker .client=${ownClient} patient-id=${patient} service-type=${ANNUAL} practitioner="dr-chen" days-ahead="1"></appointment-booker></div>`,
        );
        const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
        if (state === 'no online booking') await until(() => shadow(el).querySelector('[part="empty"]'), 'the no-online-booking state');
        else await until(() => shadow(el).querySelectorAll('.no-times button').length === 2, 'the next available day and the waitlist');
        await expectFits(el);
        return el;
      } finally {
        await own.dispose();
      }
    }
    const wrapper = await fixture<HTMLElement>(
      state === 'choose type'
        ? html`<div lang=${lang} dir=${dir}><appointment-booker .client=${client} patient-id=${patient}></appointment-booker></div>`
        : state === 'your appointments'
          ? html`<div lang=${lang} dir=${dir}><appointment-booker .client=${client} patient-id=${patient} view="appointments"></appointment-booker></div>`
          : html`<div lang=${lang} dir=${dir}><appointment-booker .client=${client} patient-id=${patient} service-type=${ANNUAL} clinic-phone="+1 (845) 555-0123"></appointment-booker></div>`,
    );
    const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
    switch (state) {
      case 'choose type':
        await until(() => shadow(el).querySelector('select'), 'the visit types');
        break;
      case 'calendar with times':
        (await firstOpenDay(el)).click();
        await until(() => shadow(el).querySelector('[part~="time-button"]'), 'the open times');
        break;
      case 'review':
      case 'call the clinic':
        await openReview(el);
        break;
      case 'confirmation':
        await openReview(el);
        shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
        await until(() => shadow(el).querySelector('[part="confirmation"]'), 'the confirmation');
        break;
      case 'your appointments':
        await until(() => shadow(el).querySelector('[part="visit"]'), 'the visits');
        break;
      case 'error':
        await until(() => shadow(el).querySelector('[part="retry-button"]'), 'the error');
        break;
    }
    return el;
  }

  /** A message-inbox in `state`, inside a wrapper in `lang`: Maria's conversations, from the clinicians with the long names. */
  async function inbox(state: (typeof INBOX_STATES)[number], lang: string): Promise<MessageInbox> {
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    const { patient } = await sandbox.token('maria');
    const client = await sandbox.client('maria', state === 'read only' ? { scope: 'patient/*.rs' } : {});
    const wrapper = await fixture<HTMLElement>(
      html`<div lang=${lang} dir=${dir}><message-inbox .client=${client} patient-id=${patient} reply-time="2 business days" contact-phone="845-555-0100"></message-inbox></div>`,
    );
    const el = wrapper.querySelector<MessageInbox>('message-inbox')!;
    await until(() => shadow(el).querySelector('[part~="thread-button"]'), 'the conversations');
    if (state === 'open conversation with the reply form' || state === 'read only') {
      const withFile = [...shadow(el).querySelectorAll<HTMLElement>('[part~="thread"]')].find((t) => t.textContent?.includes('cardiology'));
      withFile!.querySelector<HTMLButtonElement>('[part~="thread-button"]')!.click();
      await until(() => shadow(el).querySelector('[part~="attachment-button"]'), 'the conversation with its file');
      await until(() => shadow(el).querySelector(state === 'read only' ? '[part~="read-only"]' : '[part~="message-input"]'), state === 'read only' ? 'how to reach the care team' : 'the reply form');
    }
    if (state === 'new message') {
      (await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="new-message-button"]'), 'the "New message" button')).click();
      await until(() => (shadow(el).querySelector<HTMLSelectElement>('[part~="recipient"]')?.options.length ?? 0) > 1, 'the care team to write to');
    }
    return el;
  }

  /** A bill-pay in `state`, inside a wrapper in `lang`: Maria's bills, the pay form with another amount refused. */
  async function bills(state: keyof typeof BILL_STATES, lang: string): Promise<BillPay> {
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    const { patient } = await sandbox.token('maria');
    const client = await sandbox.client('maria');
    const view = state === 'insurance' ? 'insurance' : 'statements';
    const wrapper = await fixture<HTMLElement>(
      html`<div lang=${lang} dir=${dir}><bill-pay .client=${client} patient-id=${patient} view=${view} processor-url=${sandbox.processorUrl} billing-phone="845-555-0150" help-href="https://riverside-health.example/billing"></bill-pay></div>`,
    );
    const el = wrapper.querySelector<BillPay>('bill-pay')!;
    const part = <T extends HTMLElement>(name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
    if (state === 'open statement') (await until(() => part<HTMLButtonElement>('statement-button'), 'the statements')).click();
    if (state === 'pay form') {
      (await until(() => part<HTMLButtonElement>('pay-open-button'), 'the "Pay" button')).click();
      (await until(() => part('pay-form')?.querySelector<HTMLInputElement>('input[value="other"]'), 'the pay form')).click();
      const amount = await until(() => part<HTMLInputElement>('amount-input'), 'the amount field');
      amount.value = '100000';
      amount.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      (await until(() => part<HTMLButtonElement>('pay-button'), 'the pay button')).click();
      await until(() => part('amount-problem')?.textContent?.trim(), 'why the amount is refused');
    }
    await until(() => part(BILL_STATES[state]), `the ${state}`);
    return el;
  }

  for (const screen of SCREENS) {
    it(`<record-download> Everything form, Documents list, Summary and Health card, ${screen.name}: fit, controls inside and at least 24 px, no word split`, async () => {
      await setViewport({ width: screen.width, height: 800 });
      const dir = screen.lang === 'ar' ? 'rtl' : 'ltr';
      const { patient } = await sandbox.token('maria');
      const client = await sandbox.client('maria');
      // One element, each view opened in turn (as the patient does with its tabs).
      const wrapper = await fixture<HTMLElement>(html`<div lang=${screen.lang} dir=${dir}><record-download .client=${client} patient-id=${patient} help-href="https://riverside-health.example/contact"></record-download></div>`);
      const el = wrapper.querySelector<RecordDownload>('record-download')!;
      for (const [view, part] of Object.entries(RECORD_STATES) as [keyof typeof RECORD_STATES, string][]) {
        el.view = view;
        await until(() => shadow(el).querySelector(`[part~="${part}"]`) && !shadow(el).querySelector('[part~="skeleton"]'), `the ${view} view`);
        expect(`${view}: ${shadow(el).querySelector('section')?.getAttribute('dir')}`).to.equal(`${view}: ${dir}`);
        if (view === 'summary') expect(shadow(el).querySelector('[part~="summary-patient"]')?.textContent).to.contain('Hernández-Villaseñor de Castellanos');
        await animationsDone();
        expect([...layoutFaults(el), ...innerFaults(el)].map((fault) => `${view}: ${fault}`).join('\n')).to.equal('');
        await expectFits(el);
      }
    });
    it(`<health-record> the summary and a section in full, ${screen.name}: fit, controls inside and at least 24 px, no word split`, async () => {
      await setViewport({ width: screen.width, height: 800 });
      const dir = screen.lang === 'ar' ? 'rtl' : 'ltr';
      const { patient } = await sandbox.token('maria');
      const client = await sandbox.client('maria');
      const wrapper = await fixture<HTMLElement>(html`<div lang=${screen.lang} dir=${dir}><health-record .client=${client} patient-id=${patient}></health-record></div>`);
      const el = wrapper.querySelector<HTMLElement>('health-record')!;
      await until(() => shadow(el).querySelector('[part~="condition"]') && shadow(el).querySelector('[part~="visit"]') && !shadow(el).querySelector('[part~="skeleton"]'), 'the summary');
      await animationsDone();
      await expectFits(el);
      shadow(el).querySelector<HTMLButtonElement>('[part~="show-all"]')!.click();
      await until(() => shadow(el).querySelector('[part~="back"]') && !shadow(el).querySelector('[part~="skeleton"]'), 'a section in full');
      await animationsDone();
      await expectFits(el);
    });
    it(`<health-reminders> overdue, due soon and coming up, with their buttons, and "How to book", ${screen.name}: fit, controls inside and at least 24 px, no word split`, async () => {
      await setViewport({ width: screen.width, height: 800 });
      const dir = screen.lang === 'ar' ? 'rtl' : 'ltr';
      const { patient } = await sandbox.token('maria');
      const client = await sandbox.client('maria');
      const loaded = (el: HTMLElement) => until(() => shadow(el).querySelector('[part~="group-coming"] [part~="reminder-visit"]') && !shadow(el).querySelector('[part~="skeleton"]'), 'the reminders');
      // A host that routes the patient (navigate-url): "Book", "I had this elsewhere", "Add to calendar", "See or change".
      const routed = await fixture<HTMLElement>(
        html`<div lang=${screen.lang} dir=${dir}><portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} navigate-url="/portal/{target}?{params}"><health-reminders .client=${client} patient-id=${patient}></health-reminders></portal-session></div>`,
      );
      const el = routed.querySelector<HTMLElement>('health-reminders')!;
      await loaded(el);
      expect(`${shadow(el).querySelector('section')?.getAttribute('dir')} ${shadow(el).querySelectorAll('[part~="book-button"]').length > 0} ${shadow(el).querySelectorAll('[part~="elsewhere-button"]').length > 0}`).to.equal(`${dir} true true`);
      expect(shadow(el).textContent).to.contain('Vanderhoeven-Abernathy');
      await animationsDone();
      await expectFits(el);
      // Nothing on the page books: the hospital's page about booking.
      const linked = await fixture<HTMLElement>(
        html`<div lang=${screen.lang} dir=${dir}><health-reminders .client=${client} patient-id=${patient} book-href="https://riverside-health.example/appointments"></health-reminders></div>`,
      );
      const alone = linked.querySelector<HTMLElement>('health-reminders')!;
      await loaded(alone);
      expect(shadow(alone).querySelectorAll('[part~="book-link"]').length > 0).to.equal(true);
      await animationsDone();
      await expectFits(alone);
    });
    it(`<medication-list> the medicines and the request form, ${screen.name}: fit, controls inside and at least 24 px, no word split`, async () => {
      await setViewport({ width: screen.width, height: 800 });
      const dir = screen.lang === 'ar' ? 'rtl' : 'ltr';
      const { patient } = await sandbox.token('maria');
      const client = await sandbox.client('maria');
      const wrapper = await fixture<HTMLElement>(html`<div lang=${screen.lang} dir=${dir}><medication-list .client=${client} patient-id=${patient} help-href="https://riverside-health.example/pharmacy"></medication-list></div>`);
      const el = wrapper.querySelector<HTMLElement>('medication-list')!;
      const ask = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="ask-button"]'), 'the medicines');
      expect(shadow(el).textContent).to.contain('Vanderhoeven-Abernathy');
      await animationsDone();
      await expectFits(el);
      ask.click();
      await until(() => shadow(el).querySelector('[part~="request-form"]'), 'the request form');
      await animationsDone();
      await expectFits(el);
    });
    for (const state of Object.keys(BILL_STATES) as (keyof typeof BILL_STATES)[]) {
      it(`<bill-pay> ${state}, ${screen.name}: fits, controls inside and at least 24 px, no word split`, async () => {
        await setViewport({ width: screen.width, height: 800 });
        const el = await bills(state, screen.lang);
        expect(shadow(el).querySelector('section')?.getAttribute('dir')).to.equal(screen.lang === 'ar' ? 'rtl' : 'ltr');
        await expectFits(el);
      });
    }
    for (const state of INBOX_STATES) {
      it(`<message-inbox> ${state}, ${screen.name}: fits, controls inside and at least 24 px, no word split`, async () => {
        await setViewport({ width: screen.width, height: 800 });
        const el = await inbox(state, screen.lang);
        expect(shadow(el).textContent).to.contain('Vanderhoeven-Abernathy');
        await expectFits(el);
      });
    }
    for (const state of SESSION_STATES) {
      it(`<portal-session> ${state}, ${screen.name}: fits, controls inside and at least 24 px, no word split`, async () => {
        await setViewport({ width: screen.width, height: 800 });
        await expectFits(await session(state, screen.lang));
      });
    }
    for (const state of BANNER_STATES) {
      it(`<patient-banner> ${state}, ${screen.name}: fits, controls inside and at least 24 px, no word split`, async () => {
        await setViewport({ width: screen.width, height: 800 });
        const el = await session(state, screen.lang);
        const banner = el.querySelector<HTMLElement>('patient-banner')!;
        expect(shadow(banner).querySelector('[part="name"]')!.textContent).to.contain(state === 'self' ? 'Hernández-Villaseñor de Castellanos' : 'Leo');
        if (state === 'self') expect(shadow(banner).querySelector('[part="details"]')!.textContent).to.contain('MRN-2024-0093-7716-4410-AUX-PEDIATRIC-TRANSFER-0007');
        await expectFits(banner);
      });
    }
    for (const state of BOOKER_STATES) {
      it(`<appointment-booker> ${state}, ${screen.name}: fits, controls inside and at least 24 px, no word split`, async () => {
        await setViewport({ width: screen.width, height: 800 });
        const el = await booker(state, screen.lang);
        if (state === 'review' || state === 'confirmation') expect(shadow(el).textContent).to.contain('Vanderhoeven-Abernathy Memorial');
        if (state !== 'no online booking' && state !== 'no times: next available') await expectFits(el);
      });
    }
  }
});
