import { expect, fixture, html } from '@open-wc/testing';
import type { Appointment, CarePlan, ImmunizationRecommendation, ServiceRequest } from 'fhir/r4';
import '../../packages/health-record/src/reminders/define.js';
import '../../packages/appointment-booker/src/define.js';
import type { HealthReminders } from '../../packages/health-record/src/index.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import type { PorticoNavigateEvent } from '../../packages/core/src/index.js';
import { sandboxPerTest, type SentRequest, type Sandbox } from '../helpers/backend.js';
import { downloaded, shadow, text, until } from '../helpers/element.js';
import { openReview } from '../appointment-booker/booker-page.js';
import { assertNoScriptRan, XSS_MARKER } from '../fixtures/hostile-data.js';

const words = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const group = (el: Element, timing: string) => shadow(el).querySelector<HTMLElement>(`[part~="group-${timing}"]`);
const names = (root: Element | null | undefined) => [...(root?.querySelectorAll('[part~="reminder-name"]') ?? [])].map((n) => words(n));
/** A reminder's details as a person reads them: "Part of: …; Ordered by: …". */
const details = (node: Element) => [...node.querySelectorAll('[part~="details"] .detail')].map((d) => `${words(d.querySelector('dt'))}: ${words(d.querySelector('dd'))}`).join('; ');
const item = (el: Element, id: string) => shadow(el).querySelector<HTMLElement>(`[data-reminder-id="${id}"]`);
const loaded = (el: Element) => until(() => !shadow(el).querySelector('[part~="skeleton"]') && shadow(el).querySelector('[part~="group"], [part~="empty"], [part~="error"]'), 'the reminders');
/** A date as the element writes it (medium style, in the page's language); a moment on the viewer's calendar. */
const day = (date: string, locale = 'en-US') => new Date(date.length > 10 ? date : `${date}T12:00`).toLocaleDateString(locale, { dateStyle: 'medium' });
/** The navigations a host that routes itself takes over (it cancels each), in order. */
function routedByHost(page: HTMLElement): PorticoNavigateEvent[] {
  const seen: PorticoNavigateEvent[] = [];
  page.addEventListener('portico-navigate', (event) => {
    seen.push(event);
    event.preventDefault();
  });
  return seen;
}
const localToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

describe('<health-reminders> on the embedded FHIR server', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('signed out: asks to sign in', async () => {
    const el = await fixture<HealthReminders>(html`<health-reminders lang="en-US"></health-reminders>`);
    expect(text(el)).to.contain('Sign in to see what is due: vaccines, screenings, tests and upcoming visits.');
    await expect(el).to.be.accessible();
  });

  it('four reads side by side; overdue, due soon and coming up, each saying when and why', async () => {
    const sent: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const el = await fixture<HealthReminders>(html`<health-reminders .client=${client} patient-id="maria" lang="en-US"></health-reminders>`);
    await loaded(el);
    const reads = sent.filter((r) => r.method === 'GET' && !r.path.startsWith('metadata'));
    expect(reads.map((r) => r.path).sort()).to.deep.equal(['Appointment', 'CarePlan', 'ImmunizationRecommendation', 'ServiceRequest']);
    expect(reads.find((r) => r.path === 'CarePlan')!.params.get('status')).to.equal('active');
    expect(reads.find((r) => r.path === 'ServiceRequest')!.params.get('status')).to.equal('active');
    const visits = reads.find((r) => r.path === 'Appointment')!.params;
    expect(visits.get('_include')).to.equal('Appointment:actor');
    // From the start of the hour (one address all hour: a reload reuses its preflight), to the end of days-ahead.
    expect(visits.getAll('date').map((d) => d.slice(0, 2))).to.deep.equal(['ge', 'lt']);
    const from = Date.parse(visits.getAll('date')[0]!.slice(2));
    expect([from % 3_600_000, from <= Date.now(), Date.now() - from < 2 * 3_600_000]).to.deep.equal([0, true, true]);

    const forecast = await client.read('ImmunizationRecommendation', 'immrec-maria');
    const due = (name: string) => forecast.recommendation.find((r) => r.vaccineCode?.[0]?.text === name)!.dateCriterion!.find((c) => c.code.coding![0]!.code === '30980-7')!.value;
    const plan = await client.read('CarePlan', 'careplan-maria-diabetes');
    const footExam = plan.activity![1]!.detail!;
    expect(names(group(el, 'overdue'))).to.deep.equal(['COVID-19 (updated vaccine)', 'Diabetic foot exam']);
    expect(words(item(el, 'ImmunizationRecommendation/immrec-maria#0')!.querySelector('[part~="reminder-when"]'))).to.equal(`Overdue since ${day(due('COVID-19 (updated vaccine)'))}`);
    const foot = item(el, 'CarePlan/careplan-maria-diabetes#1')!;
    expect(words(foot.querySelector('[part~="reminder-when"]'))).to.equal(`Overdue since ${day(footExam.scheduledPeriod!.end!)}`);
    expect(words(foot.querySelector('[part~="reminder-why"]'))).to.equal('Yearly foot check: sensation, pulses and skin.');
    expect(details(foot)).to.equal(`Part of: Diabetes care plan; Recommended by: ${plan.author!.display}`);

    // Soonest first; an order with no date (her urinalysis) ends the group.
    expect(names(group(el, 'due'))).to.deep.equal(['A1c blood test', 'Lipid panel', 'Pneumococcal (PCV20)', 'Mammogram (breast cancer screening)', 'Diabetic eye exam', 'Urinalysis']);
    expect(words(item(el, 'ImmunizationRecommendation/immrec-maria#1')!.querySelector('[part~="reminder-when"]'))).to.contain(day(due('Pneumococcal (PCV20)')));
    const eye = plan.activity![0]!.detail!.scheduledPeriod!;
    expect(words(item(el, 'CarePlan/careplan-maria-diabetes#0')!.querySelector('[part~="reminder-when"]'))).to.equal(`Due between ${day(eye.start!)} and ${day(eye.end!)}`);
    expect(words(item(el, 'CarePlan/careplan-maria-diabetes#3')!.querySelector('[part~="reminder-when"]'))).to.match(/^Every 3 months\. (Next|Last due) around /);
    const order = await client.read('ServiceRequest', 'sr-maria-lipid-panel-pending');
    const lipid = item(el, 'ServiceRequest/sr-maria-lipid-panel-pending')!;
    expect(words(lipid.querySelector('[part~="reminder-when"]'))).to.equal(`Due by ${day(order.occurrencePeriod!.end!)}`);
    expect(details(lipid)).to.equal(`Ordered by: ${order.requester!.display}; Ordered: ${day(order.authoredOn!)}`);
    expect(words(lipid.querySelector('[part~="reminder-instructions"]'))).to.equal('Before you go: Fasting: nothing but water for 10 hours before the test.');

    // Her booked visits in the next 60 days, soonest first, with whom and where.
    const coming = group(el, 'coming')!;
    expect(names(coming)).to.deep.equal(['Follow-up visit', 'New patient visit']);
    expect(details(coming.querySelector('[part~="reminder-visit"]')!)).to.match(/^With: Dr\. .+; Where: .+/);
    expect(shadow(el).querySelectorAll('[part~="reminder-overdue"]').length + shadow(el).querySelectorAll('[part~="reminder-due"]').length).to.equal(8);
    await expect(el).to.be.accessible();
  });

  it('"Book" sends the patient to the booker on the page, preset with the vaccine as the reason', async () => {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<main>
      <health-reminders .client=${client} patient-id="maria" lang="en-US" vaccine-service-type="follow-up"></health-reminders>
      <appointment-booker .client=${client} patient-id="maria" lang="en-US" view="appointments" viewer-time-zone="America/New_York"></appointment-booker>
    </main>`);
    const el = page.querySelector<HealthReminders>('health-reminders')!;
    const booker = page.querySelector<AppointmentBooker>('appointment-booker')!;
    const seen: PorticoNavigateEvent[] = [];
    page.addEventListener('portico-navigate', (event) => seen.push(event));
    await loaded(el);
    const book = item(el, 'ImmunizationRecommendation/immrec-maria#1')!.querySelector<HTMLButtonElement>('[part~="book-button"]')!;
    expect(book.getAttribute('aria-label')).to.equal('Book: Pneumococcal (PCV20)');
    book.click();
    await until(() => shadow(booker).querySelector('#browse-heading'), 'the booking view');
    expect(seen.map((e) => JSON.stringify(e.detail))).to.deep.equal([JSON.stringify({ target: 'appointment-booker', params: { serviceType: 'follow-up', reason: 'Pneumococcal (PCV20) vaccine' } })]);
    await openReview(booker);
    expect(words(shadow(booker).querySelector('[part="review"] .facts'))).to.contain('Follow-up visit');
    expect(shadow(booker).querySelector<HTMLTextAreaElement>('[part="review"] textarea')!.value).to.equal('Pneumococcal (PCV20) vaccine');
  });

  it('"I had this elsewhere" begins a message to the clinician who planned it; a visit has "Add to calendar"', async () => {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<main>
      <health-reminders .client=${client} patient-id="maria" lang="en-US"></health-reminders>
      <message-inbox></message-inbox>
    </main>`);
    const el = page.querySelector<HealthReminders>('health-reminders')!;
    const seen = routedByHost(page);
    await loaded(el);
    // No booker on the page and no address for one: no "Book" that leads nowhere.
    expect(shadow(el).querySelectorAll('[part~="book-button"]').length).to.equal(0);
    const foot = item(el, 'CarePlan/careplan-maria-diabetes#1')!;
    foot.querySelector<HTMLButtonElement>('[part~="elsewhere-button"]')!.click();
    const plan = await client.read('CarePlan', 'careplan-maria-diabetes');
    expect(seen.length).to.equal(1);
    expect(seen[0]!.detail.target).to.equal('message-inbox');
    expect(seen[0]!.detail.params).to.deep.equal({
      topic: 'medical',
      subject: 'I had this elsewhere: Diabetic foot exam',
      text: 'I had Diabetic foot exam at another clinic or pharmacy.\nDate: \nWhere: ',
      recipient: plan.author!.reference,
    });

    const visit = shadow(el).querySelector<HTMLElement>('[part~="reminder-visit"]')!;
    const appointment = await client.read('Appointment', visit.dataset.reminderId!.split('/')[1]!);
    const file = await downloaded(() => visit.querySelector<HTMLButtonElement>('[part~="calendar-button"]')!.click());
    expect(file.type).to.equal('text/calendar;charset=utf-8');
    const ics = (await file.text()).replace(/\r\n /g, '');
    expect(ics).to.contain(`UID:${appointment.id}@`);
    expect(ics).to.contain('SUMMARY:Follow-up visit · Dr.');
  });

  it('a host that routes itself: "Book" with no booker on the page but a navigate-url goes by the event', async () => {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} navigate-url="/portal/{target}?{params}">
      <health-reminders .client=${client} patient-id="maria" lang="en-US" screening-service-type="follow-up"></health-reminders>
    </portal-session>`);
    const el = page.querySelector<HealthReminders>('health-reminders')!;
    const seen = routedByHost(page);
    await loaded(el);
    item(el, 'ServiceRequest/sr-maria-lipid-panel-pending')!.querySelector<HTMLButtonElement>('[part~="book-button"]')!.click();
    expect(seen.map((e) => JSON.stringify(e.detail))).to.deep.equal([JSON.stringify({ target: 'appointment-booker', params: { serviceType: 'follow-up', reason: 'Lipid panel' } })]);
  });

  it('nothing due: says so calmly', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const el = await fixture<HealthReminders>(html`<health-reminders .client=${client} patient-id=${patient} lang="en-US"></health-reminders>`);
    await loaded(el);
    expect(words(shadow(el).querySelector('[part~="empty"] .state-heading'))).to.equal('Nothing due right now');
    expect(shadow(el).querySelector('[part~="partial"]') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('one kind failing says the list may not be complete and tries again; the rest are shown', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^CarePlan', status: 500, times: 1 }]);
    const el = await fixture<HealthReminders>(html`<health-reminders .client=${await sandbox.client('maria')} patient-id="maria" lang="en-US"></health-reminders>`);
    await loaded(el);
    const partial = await until(() => shadow(el).querySelector<HTMLElement>('[part~="partial"]'), 'the warning');
    expect(words(partial.querySelector('p'))).to.equal('Some reminders could not be read, so this list may not be complete.');
    expect(names(group(el, 'overdue'))).to.deep.equal(['COVID-19 (updated vaccine)']);
    await expect(el).to.be.accessible();
    partial.querySelector('button')!.click();
    await until(() => names(group(el, 'overdue')).includes('Diabetic foot exam') && !shadow(el).querySelector('[part~="partial"]'), 'the care plan after trying again');
  });

  it('every read failing: an error with "Try again"', async () => {
    await sandbox.injectFaults(['ImmunizationRecommendation', 'CarePlan', 'ServiceRequest', 'Appointment'].map((type) => ({ method: 'GET', path: `^${type}`, status: 500, times: 1 })));
    const el = await fixture<HealthReminders>(html`<health-reminders .client=${await sandbox.client('maria')} patient-id="maria" lang="en-US"></health-reminders>`);
    const failed = await until(() => shadow(el).querySelector('[part~="error"]'), 'the error');
    await expect(el).to.be.accessible();
    failed.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await until(() => names(group(el, 'overdue')).length === 2, 'the reminders after trying again');
  });

  it('a kind the app may not read (no care-plan scope) is left out without alarm', async () => {
    const scope = 'patient/ImmunizationRecommendation.rs patient/ServiceRequest.rs patient/Appointment.rs patient/Practitioner.rs patient/Location.rs';
    const el = await fixture<HealthReminders>(html`<health-reminders .client=${await sandbox.client('maria', { scope })} patient-id="maria" lang="en-US"></health-reminders>`);
    await loaded(el);
    expect(names(group(el, 'overdue'))).to.deep.equal(['COVID-19 (updated vaccine)']);
    expect(shadow(el).querySelector('[part~="partial"]') === null).to.equal(true);
  });

  it('what is done, refused or superseded is not a reminder; days-ahead bounds the visits and "due soon"', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const today = localToday();
    const at = (days: number) => {
      const d = new Date(`${today}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const subject = { reference: `Patient/${patient}` };
    const vaccine = (text: string, status: string, dueIn: number) => ({
      vaccineCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: text }], text }],
      forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: status }] },
      dateCriterion: [{ code: { coding: [{ system: 'http://loinc.org', code: '30980-7' }] }, value: at(dueIn) }],
    });
    const older: ImmunizationRecommendation = { resourceType: 'ImmunizationRecommendation', id: `${patient}-old`, patient: subject, date: `${at(-400)}T06:00:00Z`, recommendation: [vaccine('Tetanus', 'overdue', -300)] };
    const newer: ImmunizationRecommendation = {
      resourceType: 'ImmunizationRecommendation', id: `${patient}-new`, patient: subject, date: `${at(-1)}T06:00:00Z`,
      recommendation: [vaccine('Tetanus', 'complete', 2000), vaccine('Measles', 'immune', 10), vaccine('Flu', 'due', 20), vaccine('Shingles', 'due', 45)],
    };
    const plan: CarePlan = {
      resourceType: 'CarePlan', id: `${patient}-plan`, status: 'active', intent: 'plan', subject, title: 'Check-ups',
      activity: [
        { detail: { status: 'completed', code: { text: 'Done already' }, scheduledPeriod: { start: at(-30), end: at(-1) } } },
        { detail: { status: 'cancelled', code: { text: 'Called off' }, scheduledPeriod: { start: at(1), end: at(5) } } },
        { detail: { status: 'not-started', code: { text: 'Eye exam' }, scheduledPeriod: { start: at(40), end: at(90) } } },
      ],
    };
    const stopped: CarePlan = { ...plan, id: `${patient}-stopped`, status: 'revoked', activity: [{ detail: { status: 'not-started', code: { text: 'From a stopped plan' } } }] };
    const declined: ServiceRequest = { resourceType: 'ServiceRequest', id: `${patient}-no`, status: 'active', intent: 'order', doNotPerform: true, subject, code: { text: 'Do not do this' } };
    const start = (days: number) => `${at(days)}T15:00:00Z`;
    const appointment = (id: string, days: number, status: Appointment['status']): Appointment => ({
      resourceType: 'Appointment', id: `${patient}-${id}`, status, start: start(days), end: start(days).replace('15:00', '15:30'), serviceType: [{ text: `Visit ${id}` }],
      participant: [{ actor: subject, status: 'accepted' }],
    });
    await sandbox.load([older, newer, plan, stopped, declined, appointment('soon', 10, 'booked'), appointment('cancelled', 12, 'cancelled'), appointment('far', 40, 'booked')]);
    const el = await fixture<HealthReminders>(html`<health-reminders .client=${client} patient-id=${patient} days-ahead="30" lang="en-US"></health-reminders>`);
    await loaded(el);
    expect(names(group(el, 'overdue'))).to.deep.equal([]);
    expect(names(group(el, 'due'))).to.deep.equal(['Flu']);
    expect(names(group(el, 'coming'))).to.deep.equal(['Visit soon', 'Shingles', 'Eye exam']);
    expect(words(item(el, `CarePlan/${patient}-plan#2`)!.querySelector('[part~="reminder-when"]'))).to.equal(`Due between ${day(at(40))} and ${day(at(90))}`);
  });

  it('Arabic: right to left, in Arabic words; Spanish dates in Spanish', async () => {
    const client = await sandbox.client('maria');
    const ar = await fixture<HealthReminders>(html`<health-reminders .client=${client} patient-id="maria" lang="ar"></health-reminders>`);
    await until(() => words(shadow(ar).querySelector('h2')) === 'التذكيرات' && group(ar, 'overdue'), 'the Arabic reminders');
    expect(shadow(ar).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    expect(words(group(ar, 'overdue')!.querySelector('h3'))).to.equal('متأخر (2)');
    await expect(ar).to.be.accessible();
    const es = await fixture<HealthReminders>(html`<health-reminders .client=${client} patient-id="maria" lang="es"></health-reminders>`);
    await until(() => words(shadow(es).querySelector('h2')) === 'Recordatorios' && group(es, 'due'), 'the Spanish reminders');
    const order = await client.read('ServiceRequest', 'sr-maria-lipid-panel-pending');
    expect(words(item(es, 'ServiceRequest/sr-maria-lipid-panel-pending')!.querySelector('[part~="reminder-when"]'))).to.equal(`Le toca antes del ${day(order.occurrencePeriod!.end!, 'es')}`);
  });

  it('hostile data: markup in a plan’s words is shown as text and runs nothing', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const markup = '<img src=x onerror="window.' + XSS_MARKER + '=1"><script>window.' + XSS_MARKER + '=1</script>';
    await sandbox.load([
      { resourceType: 'CarePlan', id: `${patient}-hostile`, status: 'active', intent: 'plan', subject: { reference: `Patient/${patient}` }, title: markup,
        author: { display: markup }, activity: [{ detail: { status: 'not-started', code: { text: `Check ${markup}` }, description: markup } }] } satisfies CarePlan,
    ]);
    try {
      const el = await fixture<HealthReminders>(html`<health-reminders .client=${client} patient-id=${patient} lang="en-US"></health-reminders>`);
      await loaded(el);
      const reminder = item(el, `CarePlan/${patient}-hostile#0`)!;
      expect(reminder.querySelectorAll('img, script').length).to.equal(0);
      expect(words(reminder.querySelector('[part~="reminder-name"]'))).to.contain('<script>');
      expect(words(reminder.querySelector('[part~="reminder-why"]'))).to.contain('onerror');
      assertNoScriptRan();
    } finally {
      delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    }
  });
});
