import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { Communication } from 'fhir/r4';
import '../../packages/core/src/define.js';
import '../../packages/message-inbox/src/define.js';
import type { MessageInbox } from '../../packages/message-inbox/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import type { FhirClient } from '../../packages/core/src/fhir/client.js';
import { shadow, text, until, untilAnswered } from '../helpers/element.js';

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function part<T extends Element = HTMLElement>(el: MessageInbox, name: string): T | null {
  return shadow(el).querySelector<T>(`[part~="${name}"]`);
}

async function openConversation(el: MessageInbox, subject: string): Promise<void> {
  const item = await until(() => [...shadow(el).querySelectorAll<HTMLElement>('[part~="thread"]')].find((t) => t.querySelector('.subject')?.textContent?.trim() === subject), `the conversation "${subject}"`);
  item.querySelector('button')!.click();
  await until(() => part(el, 'message-input'), 'the reply form');
}

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

function attach(el: MessageInbox, files: File[]): void {
  const input = part<HTMLInputElement>(el, 'file-input')!;
  const list = new DataTransfer();
  for (const file of files) list.items.add(file);
  input.files = list.files;
  input.dispatchEvent(new Event('change'));
}

/** Maria's messages as the server holds them, by the text of their first payload. */
async function sentByMaria(client: FhirClient, text: string): Promise<Communication[]> {
  const { resources } = await client.search('Communication', { subject: 'Patient/maria', _count: 200 });
  return resources.filter((c) => c.payload?.[0]?.contentString === text);
}

describe('<message-inbox> writing to the care team', () => {
  // Every test writes messages: each gets its own server data.
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  let client: FhirClient;
  beforeEach(async () => {
    sandbox = own();
    client = await sandbox.client('maria');
  });

  async function inbox(attributes: { feeNotice?: string; maxFileSize?: number } = {}): Promise<MessageInbox> {
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria" fee-notice=${attributes.feeNotice ?? ''} max-file-size=${attributes.maxFileSize ?? 10 * 1024 * 1024}></message-inbox>`);
    await until(() => shadow(el).querySelector('[part~="thread"]'), 'the conversations');
    return el;
  }

  it('a reply: the server holds exactly what was typed, from maria to the clinician who wrote last, in the thread', async () => {
    const el = await inbox();
    await openConversation(el, 'Question about my metformin dose');
    expect(text(el)).to.contain('Messages are not for emergencies. In an emergency, call 911.');
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'The stomach upset is gone now.\nThank you!');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await until(() => [...shadow(el).querySelectorAll('[part="message-text"]')].some((p) => p.textContent!.includes('The stomach upset is gone now.')), 'the reply in the conversation');
    const [stored, ...more] = await sentByMaria(client, 'The stomach upset is gone now.\nThank you!');
    expect(more.length).to.equal(0);
    expect(stored!.sender?.reference).to.equal('Patient/maria');
    expect(stored!.recipient?.map((r) => r.reference)).to.deep.equal(['Practitioner/dr-chen']);
    expect(stored!.partOf?.[0]?.reference).to.equal('Communication/msg-maria-metformin');
    expect(stored!.inResponseTo?.[0]?.reference).to.equal('Communication/msg-maria-metformin-3');
    expect(stored!.identifier?.[0]?.system).to.equal('urn:portico:message');
    expect(stored!.status).to.equal('completed');
    expect(part<HTMLTextAreaElement>(el, 'message-input')!.value).to.equal('', 'a fresh reply form');
    expect(shadow(el).querySelector('#announcement')!.textContent).to.contain('Your message was sent.');
  });

  it('a new conversation to a chosen clinician, with topic and subject; it opens and leads the list', async () => {
    const el = await inbox();
    part<HTMLButtonElement>(el, 'new-message-button')!.click();
    const recipient = await until(() => part<HTMLSelectElement>(el, 'recipient'), 'the recipient choice');
    await until(() => recipient.querySelectorAll('option').length > 2, 'the care team to choose from');
    const options = [...recipient.querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(options.some((o) => o.startsWith('Dr.') && o.includes(','))).to.equal(true, `names with roles: ${options.join(' | ')}`);
    expect(options).to.include('Anyone on my care team');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await until(() => part(el, 'send-error'), 'what is missing');
    expect(part(el, 'recipient')!.getAttribute('aria-invalid')).to.equal('true');
    expect(part(el, 'subject')!.getAttribute('aria-invalid')).to.equal('true');
    choose(recipient, 'Practitioner/dr-nguyen');
    choose(part<HTMLSelectElement>(el, 'topic')!, 'prescription');
    type(part<HTMLInputElement>(el, 'subject')!, 'Aspirin before my stress test?');
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'Should I stop my aspirin before the stress test?');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await until(() => shadow(el).querySelector('[part="conversation"] h3')?.textContent?.includes('Aspirin before my stress test?'), 'the new conversation open');
    const [stored, ...more] = await sentByMaria(client, 'Should I stop my aspirin before the stress test?');
    expect(more.length).to.equal(0);
    expect(stored!.topic?.text).to.equal('Aspirin before my stress test?');
    expect(stored!.recipient?.[0]?.reference).to.equal('Practitioner/dr-nguyen');
    expect(stored!.category?.[0]?.coding?.[0]?.code).to.equal('prescription');
    expect(stored!.partOf ?? stored!.inResponseTo).to.equal(undefined);
    part<HTMLButtonElement>(el, 'back-button')!.click();
    await until(() => shadow(el).querySelector('[part~="thread"] .subject')?.textContent?.trim() === 'Aspirin before my stress test?', 'the new conversation first in the list');
  });

  it('exactly once: a double click, and a connection dropped after the server stored it, each leave one message', async () => {
    const el = await inbox();
    await openConversation(el, 'Prescription renewal: atorvastatin');
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'Double click');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await untilAnswered(async () => (await sentByMaria(client, 'Double click')).length, 'the message stored');
    await until(() => !part(el, 'send-button')?.textContent?.includes('Sending'), 'the send finished');
    expect((await sentByMaria(client, 'Double click')).length).to.equal(1);

    await sandbox.injectFaults([{ method: 'POST', path: 'Communication', drop: 'after', times: 1 }]);
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'Dropped after commit');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await until(() => [...shadow(el).querySelectorAll('[part="message-text"]')].some((p) => p.textContent!.includes('Dropped after commit')), 'the message shown once the retry found it');
    expect((await sentByMaria(client, 'Dropped after commit')).length).to.equal(1);
  });

  it('a failed send says so and keeps every word; “Try sending again” sends it once', async () => {
    const el = await inbox();
    await openConversation(el, 'Preparing for your cardiology visit');
    await sandbox.injectFaults([{ method: 'POST', path: 'Communication', status: 400, diagnostics: 'Rejected for the test', times: 1 }]);
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'Will the stress test be on the same day?');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    const error = await until(() => part(el, 'send-error'), 'the send error');
    expect(error.textContent!.length > 10).to.equal(true);
    expect(part<HTMLTextAreaElement>(el, 'message-input')!.value).to.equal('Will the stress test be on the same day?');
    expect(part(el, 'send-button')!.textContent).to.contain('Try sending again');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await untilAnswered(async () => (await sentByMaria(client, 'Will the stress test be on the same day?')).length === 1, 'sent on the second try');
    await until(() => !part(el, 'send-error'), 'the error gone');
  });

  it('the draft survives a reload (files named to attach again), and another patient never sees it', async () => {
    const el = await inbox();
    await openConversation(el, 'Question about my metformin dose');
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'Half-written question');
    attach(el, [new File([PDF_BYTES], 'glucose-log.pdf', { type: 'application/pdf' })]);
    fixtureCleanup();
    const again = await inbox();
    await openConversation(again, 'Question about my metformin dose');
    expect(part<HTMLTextAreaElement>(again, 'message-input')!.value).to.equal('Half-written question');
    expect(part(again, 'attach-again')!.textContent).to.contain('glucose-log.pdf');
    // James's inbox (another patient) has no draft of Maria's, even for a conversation of the same name.
    fixtureCleanup();
    const james = await fixture<MessageInbox>(html`<message-inbox .client=${await sandbox.client('james')} patient-id="james"></message-inbox>`);
    await until(() => shadow(james).querySelector('[part~="thread"]'), "james's conversations");
    shadow(james).querySelector<HTMLButtonElement>('[part~="thread"] button')!.click();
    const input = await until(() => part<HTMLTextAreaElement>(james, 'message-input'), 'the reply form');
    expect(input.value).to.equal('');
    expect(text(james)).not.to.contain('Half-written');
  });

  it('files: a PDF is sent with the message, byte for byte; a refused type or size says why and keeps the rest', async () => {
    const el = await inbox({ maxFileSize: 2000 });
    await openConversation(el, 'Question about my metformin dose');
    attach(el, [
      new File([PDF_BYTES], 'readings.pdf', { type: 'application/pdf' }),
      new File(['<script>alert(1)</script>'], 'page.html', { type: 'text/html' }),
      new File([new Uint8Array(5000)], 'big.png', { type: 'image/png' }),
    ]);
    await el.updateComplete;
    const notices = [...shadow(el).querySelectorAll('.files [role="alert"]')].map((n) => n.textContent!);
    expect(notices.length).to.equal(2);
    expect(notices[0]).to.contain('page.html was not attached');
    expect(notices[1]).to.contain('big.png was not attached');
    expect([...shadow(el).querySelectorAll('[part="chosen-file"]')].map((f) => f.textContent)).to.have.length(1);
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'My readings are attached.');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await untilAnswered(async () => (await sentByMaria(client, 'My readings are attached.')).length === 1, 'the message stored');
    const [stored] = await sentByMaria(client, 'My readings are attached.');
    const attachment = stored!.payload![1]!.contentAttachment!;
    expect(attachment.title).to.equal('readings.pdf');
    expect(attachment.contentType).to.equal('application/pdf');
    const bytes = Uint8Array.from(atob(attachment.data!), (c) => c.charCodeAt(0));
    expect([...bytes].join(',')).to.equal([...PDF_BYTES].join(','));
  });

  it('a fee notice is acknowledged before the first message of a conversation is sent', async () => {
    const el = await inbox({ feeNotice: 'Some messages are billed to your insurance like a visit.' });
    await openConversation(el, 'Question about my metformin dose');
    expect(part(el, 'fee-notice')!.textContent).to.contain('Some messages are billed');
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'A billed question');
    expect(part(el, 'send-button')!.getAttribute('aria-disabled')).to.equal('true');
    part<HTMLInputElement>(el, 'fee-notice')!.querySelector('input')!.click();
    await el.updateComplete;
    expect(part(el, 'send-button')!.getAttribute('aria-disabled')).to.equal('false');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await untilAnswered(async () => (await sentByMaria(client, 'A billed question')).length === 1, 'the message stored');
    // Once per conversation: the next reply here is not asked again; another conversation is.
    await until(() => part(el, 'message-input') && !part(el, 'send-button')!.textContent!.includes('Sending'), 'a fresh reply form');
    expect(part(el, 'send-button')!.getAttribute('aria-disabled')).to.equal('false');
    part<HTMLButtonElement>(el, 'back-button')!.click();
    await openConversation(el, 'Prescription renewal: atorvastatin');
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'Another billed question');
    expect(part(el, 'send-button')!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('the host limits whom a new conversation may go to, or fixes it', async () => {
    const limited = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria" recipient="Practitioner/rn-brooks Practitioner/dr-chen"></message-inbox>`);
    await until(() => part(limited, 'new-message-button'), 'the new message button');
    part<HTMLButtonElement>(limited, 'new-message-button')!.click();
    const select = await until(() => part<HTMLSelectElement>(limited, 'recipient'), 'the recipient choice');
    await until(() => select.querySelectorAll('option')[1]?.textContent?.includes(','), 'the roles');
    expect([...select.querySelectorAll('option')].map((o) => o.value)).to.deep.equal(['', 'Practitioner/rn-brooks', 'Practitioner/dr-chen']);
    fixtureCleanup();
    sessionStorage.clear();
    const fixed = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria" recipient="Practitioner/dr-chen"></message-inbox>`);
    await until(() => part(fixed, 'new-message-button'), 'the new message button');
    part<HTMLButtonElement>(fixed, 'new-message-button')!.click();
    await until(() => part(fixed, 'subject'), 'the new message form');
    expect(part(fixed, 'recipient')).to.equal(null);
    await until(() => /To: Dr\. .*Chen/.test(part(fixed, 'compose')!.textContent!), 'the fixed recipient named, once the care team is read');
    type(part<HTMLInputElement>(fixed, 'subject')!, 'Fixed recipient');
    type(part<HTMLTextAreaElement>(fixed, 'message-input')!, 'To Dr. Chen only');
    part<HTMLButtonElement>(fixed, 'send-button')!.click();
    const [stored] = await untilAnswered(async () => {
      const found = await sentByMaria(client, 'To Dr. Chen only');
      return found.length ? found : undefined;
    }, 'the message stored');
    expect(stored!.recipient?.map((r) => r.reference)).to.deep.equal(['Practitioner/dr-chen']);
  });

  it('a server that does not let the patient write: messages still read, and how to reach the team instead', async () => {
    const readOnly = await sandbox.client('maria', { grantedScope: 'patient/*.rs' });
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${readOnly} patient-id="maria" contact-phone="845-555-0100"></message-inbox>`);
    await until(() => shadow(el).querySelector('[part~="thread"]'), 'the conversations');
    await el.updateComplete;
    expect(part(el, 'new-message-button')).to.equal(null);
    await openConversation(el, 'Question about my metformin dose').catch(() => undefined);
    const notice = await until(() => part(el, 'read-only'), 'the read-only notice');
    expect(notice.textContent).to.contain('To reach your care team, call 845-555-0100.');
    expect(part(el, 'message-input')).to.equal(null);
  });

  it('two inboxes sending the same draft at once make one message', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <message-inbox .client=${client} patient-id="maria"></message-inbox>
      <message-inbox .client=${client} patient-id="maria"></message-inbox>
    </div>`);
    const [first, second] = [...page.querySelectorAll<MessageInbox>('message-inbox')];
    await openConversation(first!, 'Question about my metformin dose');
    type(part<HTMLTextAreaElement>(first!, 'message-input')!, 'Sent from two tabs');
    // The second opens the same conversation after: the draft (and its message id) is the one kept in the tab.
    await openConversation(second!, 'Question about my metformin dose');
    expect(part<HTMLTextAreaElement>(second!, 'message-input')!.value).to.equal('Sent from two tabs');
    part<HTMLButtonElement>(first!, 'send-button')!.click();
    part<HTMLButtonElement>(second!, 'send-button')!.click();
    for (const el of [first!, second!]) await until(() => [...shadow(el).querySelectorAll('[part="message-text"]')].some((p) => p.textContent!.includes('Sent from two tabs')), 'the message in both');
    expect((await sentByMaria(client, 'Sent from two tabs')).length).to.equal(1);
  });

  it('James writing in Leo’s record sends as Leo’s parent (the RelatedPerson), into Leo’s conversation', async () => {
    const { access_token } = await sandbox.token('james', undefined, 'leo');
    const session = await fixture<HTMLElement>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="leo" fhir-user="Patient/james" .accessToken=${access_token}>
      <message-inbox></message-inbox>
    </portal-session>`);
    const el = session.querySelector<MessageInbox>('message-inbox')!;
    await until(() => shadow(el).querySelector('[part~="thread"]'), "Leo's conversations");
    await openConversation(el, 'School allergy action plan for Leo');
    const senders = [...shadow(el).querySelectorAll('.sender')].map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
    expect(senders[0]).to.match(/^James [A-Za-z ]*Carter for Leo [A-Za-z ]*Carter$/);
    type(part<HTMLTextAreaElement>(el, 'message-input')!, 'We will bring the EpiPen.');
    part<HTMLButtonElement>(el, 'send-button')!.click();
    const leo = await sandbox.client('james', { patient: 'leo' });
    const message = await untilAnswered(async () => (await leo.search('Communication', { subject: 'Patient/leo', _count: 100 })).resources.find((c) => c.payload?.[0]?.contentString === 'We will bring the EpiPen.'), 'the message on the server');
    expect(message.sender?.reference).to.equal('RelatedPerson/james-for-leo');
    expect(message.subject?.reference).to.equal('Patient/leo');
    expect(message.recipient?.[0]?.reference).to.equal('Practitioner/dr-patel');
  });
});
