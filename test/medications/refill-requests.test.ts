import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Communication, Task } from 'fhir/r4';
import '../../packages/core/src/define.js';
import '../../packages/medications/src/define.js';
import { navigate, type FhirClient } from '../../packages/core/src/index.js';
import { TASK_CODE_SYSTEM, TASK_ID_SYSTEM, type MedicationList, type RefillAsk, type RefillService } from '../../packages/medications/src/index.js';
import { sandboxPerTest, TEST_SCOPE, type Sandbox, type SentRequest } from '../helpers/backend.js';
import { shadow, until, untilAnswered } from '../helpers/element.js';

const medicine = (el: Element, id: string) => shadow(el).querySelector<HTMLElement>(`[data-medication-request-id="${id}"]`);
const within = <T extends Element = HTMLElement>(el: Element, id: string, name: string) => medicine(el, id)?.querySelector<T>(`[part~="${name}"]`) ?? null;
const words = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function type(field: HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The refill and renewal requests the server holds for a prescription. */
async function tasksFor(client: FhirClient, prescription: string): Promise<Task[]> {
  const { resources } = await client.searchAll('Task', { focus: `MedicationRequest/${prescription}` });
  return resources;
}

/** Opens the form of a medicine and waits for it. */
async function openForm(el: MedicationList, id: string): Promise<HTMLFormElement> {
  (await until(() => within<HTMLButtonElement>(el, id, 'ask-button'), `the button of ${id}`)).click();
  return until(() => within<HTMLFormElement>(el, id, 'request-form'), `the form of ${id}`);
}

describe('<medication-list> refill and renewal requests', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('a refill: one Task for the prescriber with the note and the pharmacy chosen, then shown as waiting', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(el, 'medrx-maria-metformin');
    expect(words(form.querySelector('h5'))).to.equal('Refill request');
    expect(shadow(el).activeElement?.tagName).to.equal('H5');
    const pharmacy = await until(() => form.querySelector<HTMLSelectElement>('[part~="pharmacy-choice"]')?.querySelector('option[value="Organization/pharmacy-elm"]')?.closest('select'), 'the pharmacies');
    pharmacy.value = 'Organization/pharmacy-elm';
    pharmacy.dispatchEvent(new Event('change'));
    type(form.querySelector('textarea')!, 'Please send it to Elm Street this time.');
    await expect(el).to.be.accessible();
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    const sent = await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'the confirmation');
    expect(words(sent)).to.equal('Refill request sent. You will see here when the prescriber answers.');
    expect(words(within(el, 'medrx-maria-metformin', 'request-pending'))).to.match(/^Refill request Asked on .+ Sent, waiting for the prescriber Please send it to Elm Street this time\./);
    const [task, ...more] = await tasksFor(client, 'medrx-maria-metformin');
    expect(more.length).to.equal(0);
    expect(task!.status).to.equal('requested');
    expect(task!.intent).to.equal('order');
    expect(task!.code!.coding![0]!.system).to.equal(TASK_CODE_SYSTEM);
    expect(task!.code!.coding![0]!.code).to.equal('refill');
    expect(task!.for!.reference).to.equal('Patient/maria');
    expect(task!.requester!.reference).to.equal('Patient/maria');
    expect(task!.owner!.reference).to.equal('Practitioner/dr-chen');
    expect(task!.note![0]!.text).to.equal('Please send it to Elm Street this time.');
    expect(task!.input![0]!.valueReference!.reference).to.equal('Organization/pharmacy-elm');
    expect(task!.identifier![0]!.system).to.equal(TASK_ID_SYSTEM);
  });

  it('a renewal for a prescription out of refills, and one for an expired one; never a prescription written', async () => {
    const requests: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => requests.push(r));
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    for (const id of ['medrx-maria-lisinopril', 'medrx-maria-test-strips']) {
      const form = await openForm(el, id);
      expect(words(form.querySelector('[part~="send-button"]'))).to.equal('Send renewal request');
      form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
      await until(() => within(el, id, 'sent'), `the renewal of ${id} sent`);
      const tasks = await tasksFor(client, id);
      expect(tasks.map((t) => t.code?.coding?.[0]?.code)).to.deep.equal(['renewal']);
    }
    expect(requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST Task', 'POST Task']);
  });

  it('a double click makes one request', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(el, 'medrx-maria-metformin');
    const send = form.querySelector<HTMLButtonElement>('[part~="send-button"]')!;
    send.click();
    send.click();
    await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'the confirmation');
    expect((await tasksFor(client, 'medrx-maria-metformin')).length).to.equal(1);
    expect(medicine(el, 'medrx-maria-metformin')!.querySelectorAll('[part~="request"]').length).to.equal(1);
  });

  it('a connection dropped after the server recorded it: the retry finds the same request, one Task', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(el, 'medrx-maria-lisinopril');
    type(form.querySelector('textarea')!, 'Dropped once');
    await sandbox.injectFaults([{ method: 'POST', path: '^Task', drop: 'after', times: 1 }]);
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => within(el, 'medrx-maria-lisinopril', 'sent'), 'the confirmation');
    const tasks = await tasksFor(client, 'medrx-maria-lisinopril');
    expect(tasks.map((t) => t.note?.[0]?.text)).to.deep.equal(['Dropped once']);
  });

  it('a failed request keeps the typed note, and sending again records it once', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(el, 'medrx-maria-metformin');
    type(form.querySelector('textarea')!, 'Kept after a failure');
    await sandbox.injectFaults([{ method: 'POST', path: '^Task', status: 400, times: 1 }]);
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    const error = await until(() => within(el, 'medrx-maria-metformin', 'request-error'), 'the failure');
    expect(words(error)).to.contain('Not sent. Your note is kept: try again.');
    expect(within<HTMLTextAreaElement>(el, 'medrx-maria-metformin', 'note-input')!.value).to.equal('Kept after a failure');
    await expect(el).to.be.accessible();
    within<HTMLButtonElement>(el, 'medrx-maria-metformin', 'send-button')!.click();
    await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'sent the second time');
    expect((await tasksFor(client, 'medrx-maria-metformin')).map((t) => t.note?.[0]?.text)).to.deep.equal(['Kept after a failure']);
  });

  it('the typed note comes back after a reload, and the request is made once', async () => {
    const client = await sandbox.client('maria');
    const first = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(first, 'medrx-maria-metformin');
    type(form.querySelector('textarea')!, 'Typed before the reload');
    await sandbox.injectFaults([{ method: 'POST', path: '^Task', status: 400, times: 1 }]);
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => within(first, 'medrx-maria-metformin', 'request-error'), 'not sent');
    first.remove();
    await sandbox.clearFaults();
    const again = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const note = await until(() => within<HTMLTextAreaElement>(again, 'medrx-maria-metformin', 'note-input'), 'the form back');
    expect(note.value).to.equal('Typed before the reload');
    within<HTMLButtonElement>(again, 'medrx-maria-metformin', 'send-button')!.click();
    await until(() => within(again, 'medrx-maria-metformin', 'sent'), 'sent');
    expect((await tasksFor(client, 'medrx-maria-metformin')).map((t) => t.note?.[0]?.text)).to.deep.equal(['Typed before the reload']);
    // Sent: nothing comes back after another reload.
    again.remove();
    const third = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    await until(() => within(third, 'medrx-maria-metformin', 'request-pending'), 'the request listed');
    expect(within(third, 'medrx-maria-metformin', 'request-form')).to.equal(null);
  });

  it('a request that reached the server though its answer was lost with the page is listed once after a reload, its draft gone', async () => {
    const client = await sandbox.client('maria');
    const first = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(first, 'medrx-maria-lisinopril');
    type(form.querySelector('textarea')!, 'Answer lost');
    await sandbox.injectFaults([{ method: 'POST', path: '^Task', drop: 'after', times: 5 }]);
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => within(first, 'medrx-maria-lisinopril', 'request-error'), 'not confirmed');
    first.remove();
    await sandbox.clearFaults();
    const again = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    await until(() => within(again, 'medrx-maria-lisinopril', 'request-pending'), 'the request listed');
    expect((await tasksFor(client, 'medrx-maria-lisinopril')).map((t) => t.note?.[0]?.text)).to.deep.equal(['Answer lost']);
    // Withdrawn later, a new request starts afresh (the old draft was forgotten).
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('portico:draft:medication-list')).length).to.equal(0);
  });

  it('a 401 while sending: the session asks to sign in again, the form and note stay, and it is sent after', async () => {
    const { access_token } = await sandbox.token('maria');
    const session = await fixture<HTMLElement & { accessToken?: string }>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" fhir-user="Patient/maria" .accessToken=${access_token}>
      <medication-list lang="en-US"></medication-list>
    </portal-session>`);
    const el = session.querySelector<MedicationList>('medication-list')!;
    const form = await openForm(el, 'medrx-maria-metformin');
    type(form.querySelector('textarea')!, 'Typed before the session ended');
    await sandbox.injectFaults([{ method: 'POST', path: '^Task', status: 401, times: 20 }]);
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => session.shadowRoot?.querySelector('[part="expired"]'), 'the session asks to sign in again');
    await until(() => within(el, 'medrx-maria-metformin', 'request-error'), 'not sent');
    expect(within<HTMLTextAreaElement>(el, 'medrx-maria-metformin', 'note-input')!.value).to.equal('Typed before the session ended');
    await sandbox.clearFaults();
    session.accessToken = (await sandbox.token('maria')).access_token;
    within<HTMLButtonElement>(el, 'medrx-maria-metformin', 'send-button')!.click();
    await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'sent after signing in again');
    const client = await sandbox.client('maria');
    expect((await tasksFor(client, 'medrx-maria-metformin')).map((t) => t.note?.[0]?.text)).to.deep.equal(['Typed before the session ended']);
  });

  it('withdrawing a pending request cancels it on the server; without the right to, it says to call', async () => {
    const client = await sandbox.client('maria', { scope: `${TEST_SCOPE} patient/Task.u` });
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const withdraw = await until(() => within<HTMLButtonElement>(el, 'medrx-maria-aspirin', 'withdraw-button'), 'Withdraw');
    withdraw.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => within(el, 'medrx-maria-aspirin', 'request-answered'), 'the request withdrawn');
    expect(words(within(el, 'medrx-maria-aspirin', 'request-status'))).to.equal('Withdrawn');
    expect(words(within(el, 'medrx-maria-aspirin', 'sent'))).to.equal('Request withdrawn.');
    expect((await client.read('Task', 'task-maria-refill-aspirin')).status).to.equal('cancelled');
    // Withdrawn: a new request can be made.
    expect(words(within(el, 'medrx-maria-aspirin', 'ask-button'))).to.equal('Ask for a refill');

    const readOnly = await sandbox.client('maria');
    const other = await fixture<MedicationList>(html`<medication-list .client=${readOnly} patient-id="maria" lang="en-US"></medication-list>`);
    await until(() => within(other, 'medrx-maria-metformin', 'ask-button'), 'the list');
    const pending = within(other, 'medrx-maria-metformin', 'request-pending') ?? medicine(other, 'medrx-maria-metformin');
    expect(pending!.querySelector('[part~="withdraw-button"]')).to.equal(null);
  });

  it('keyboard only: Tab to the button, Enter opens the form with focus in it, Escape-free Cancel returns focus', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const button = await until(() => within<HTMLButtonElement>(el, 'medrx-maria-metformin', 'ask-button'), 'the button');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => within(el, 'medrx-maria-metformin', 'request-form'), 'the form');
    expect(shadow(el).activeElement?.tagName).to.equal('H5');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('note-input');
    await sendKeys({ type: 'By keyboard' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('pharmacy-choice');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('send-button');
    await sendKeys({ press: 'Enter' });
    const sent = await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'sent');
    expect(shadow(el).activeElement === sent).to.equal(true);
    expect((await tasksFor(client, 'medrx-maria-metformin')).map((t) => t.note?.[0]?.text)).to.deep.equal(['By keyboard']);
  });

  it('James acting for Leo: the request is made by his RelatedPerson, for Leo, to Leo’s prescriber', async () => {
    const { access_token } = await sandbox.token('james', undefined, 'leo');
    const session = await fixture<HTMLElement>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="leo" fhir-user="Patient/james" .accessToken=${access_token}>
      <medication-list lang="en-US"></medication-list>
    </portal-session>`);
    const el = session.querySelector<MedicationList>('medication-list')!;
    await until(() => words(shadow(el).querySelector('h2')).includes('Leo'), 'Leo named in the heading');
    const form = await openForm(el, 'medrx-leo-epinephrine');
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => within(el, 'medrx-leo-epinephrine', 'sent'), 'sent');
    const leo = await sandbox.client('james', { patient: 'leo' });
    const [task] = await tasksFor(leo, 'medrx-leo-epinephrine');
    expect(task!.requester!.reference).to.equal('RelatedPerson/james-for-leo');
    expect(task!.for!.reference).to.equal('Patient/leo');
    expect(task!.owner!.reference).to.equal('Practitioner/dr-patel');
  });

  it('opened preset from another element: that medicine’s form with the note begun; else the heading', async () => {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<div><button>From a message</button><medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list></div>`);
    const el = page.querySelector<MedicationList>('medication-list')!;
    const outcome = await navigate(page.querySelector('button')!, 'medication-list', { medication: 'MedicationRequest/medrx-maria-lisinopril', reason: 'Asked in a message' });
    expect(outcome).to.equal('opened');
    const form = await until(() => within(el, 'medrx-maria-lisinopril', 'request-form'), 'the renewal form');
    expect(words(form.querySelector('h5'))).to.equal('Renewal request');
    await until(() => within<HTMLTextAreaElement>(el, 'medrx-maria-lisinopril', 'note-input')?.value === 'Asked in a message', 'the note begun');
    // A medicine with a request already waiting: no form, focus on it.
    await el.open({ medication: 'medrx-maria-aspirin' });
    expect(within(el, 'medrx-maria-aspirin', 'request-form')).to.equal(null);
    expect(shadow(el).activeElement?.id).to.equal(within(el, 'medrx-maria-aspirin', 'medicine-name')!.id);
    await el.open({});
    expect(shadow(el).activeElement?.id).to.equal('medications-heading');
  });

  it('a host’s own refill service is used instead of FHIR Task, with the request id as its key', async () => {
    const client = await sandbox.client('maria');
    const asked: RefillAsk[] = [];
    const service: RefillService = {
      canAsk: true,
      canWithdraw: false,
      ask: async (request) => {
        asked.push(request);
        return { resourceType: 'Task', id: `vendor-${asked.length}`, status: 'received', intent: 'order', authoredOn: new Date().toISOString(), code: { coding: [{ system: TASK_CODE_SYSTEM, code: request.kind }] }, focus: request.prescription };
      },
      withdraw: async (task) => task,
    };
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} .refills=${service} patient-id="maria" lang="en-US"></medication-list>`);
    const form = await openForm(el, 'medrx-maria-metformin');
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'sent');
    expect(asked.length).to.equal(1);
    expect(asked[0]!.requestId).to.match(/^[0-9a-f-]{36}$/);
    expect(asked[0]!.prescriber.reference).to.equal('Practitioner/dr-chen');
    expect(words(within(el, 'medrx-maria-metformin', 'request-status'))).to.equal('Received by the clinic');
    expect((await tasksFor(client, 'medrx-maria-metformin')).length).to.equal(0);
  });
});

describe('<medication-list> on a server that takes no refill requests', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));
  const withoutTasks = TEST_SCOPE.replace(/ patient\/Task\.\w+/, '');

  it('offers a message to the prescriber (topic prescription) and sends it once', async () => {
    const client = await sandbox.client('maria', { scope: withoutTasks });
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const button = await until(() => within(el, 'medrx-maria-metformin', 'ask-button'), 'the button');
    expect(words(button)).to.equal('Ask for a refill by message');
    const form = await openForm(el, 'medrx-maria-metformin');
    expect(words(form.querySelector('.hint'))).to.match(/^To Dr\. .*Chen/);
    type(form.querySelector('textarea')!, 'Running low.');
    const send = form.querySelector<HTMLButtonElement>('[part~="send-button"]')!;
    expect(words(send)).to.equal('Send message');
    send.click();
    send.click();
    const sent = await until(() => within(el, 'medrx-maria-metformin', 'sent'), 'sent');
    expect(words(sent)).to.equal('Message sent to the prescriber. The answer will come to your messages.');
    const messages = await untilAnswered(async () => {
      const { resources } = await client.searchAll('Communication', { subject: 'Patient/maria' });
      const found = resources.filter((c) => c.topic?.text === 'Refill: Metformin 500 mg tablet');
      return found.length ? found : undefined;
    }, 'the message on the server');
    expect(messages.length).to.equal(1);
    const message = messages[0] as Communication;
    expect(message.category![0]!.coding![0]!.code).to.equal('prescription');
    expect(message.recipient![0]!.reference).to.equal('Practitioner/dr-chen');
    expect(message.payload![0]!.contentString).to.equal('Please refill my prescription for Metformin 500 mg tablet.\n\nRunning low.');
    expect(await client.searchAll('Task', { focus: 'MedicationRequest/medrx-maria-metformin' }).then((r) => r.resources.length)).to.equal(0);
  });

  it('without messages either: the hospital’s page when given, else how to ask by phone; never a button that does nothing', async () => {
    const client = await sandbox.client('maria', { scope: withoutTasks.replace(' patient/Communication.cu', '') });
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" help-href="https://hospital.example/refills" lang="en-US"></medication-list>`);
    const link = await until(() => within<HTMLAnchorElement>(el, 'medrx-maria-lisinopril', 'ask-link'), 'the link');
    expect(words(link)).to.equal('Ask for a renewal on the hospital’s website');
    expect(link.getAttribute('href')).to.equal('https://hospital.example/refills');
    expect(shadow(el).querySelector('[part~="ask-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
    el.helpHref = '';
    const offline = await until(() => within(el, 'medrx-maria-lisinopril', 'ask-offline'), 'the sentence');
    expect(words(offline)).to.equal('To ask for more, call your pharmacy or the clinic.');
  });

  it('a host’s message service (session.services.messages) carries the message', async () => {
    const scope = withoutTasks.replace(' patient/Communication.cu', '');
    const sent: { subject: string; topic: string; recipients: readonly { reference?: string }[] }[] = [];
    const { access_token } = await sandbox.token('maria', scope);
    const session = await fixture<HTMLElement & { services?: object }>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" fhir-user="Patient/maria" scope=${scope} .accessToken=${access_token}
      .services=${{ messages: { canSend: true, send: async (m: (typeof sent)[number]) => (sent.push(m), { resourceType: 'Communication', status: 'completed' }) } }}>
      <medication-list lang="en-US"></medication-list>
    </portal-session>`);
    const el = session.querySelector<MedicationList>('medication-list')!;
    const form = await openForm(el, 'medrx-maria-lisinopril');
    form.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await until(() => within(el, 'medrx-maria-lisinopril', 'sent'), 'sent');
    expect(sent.map((m) => [m.subject, m.topic, m.recipients[0]?.reference])).to.deep.equal([['Renewal: Lisinopril 10 mg tablet', 'prescription', 'Practitioner/dr-chen']]);
  });
});
