import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { Communication } from 'fhir/r4';
import '../../packages/core/src/define.js';
import '../../packages/message-inbox/src/define.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import type { MessageInbox } from '../../packages/message-inbox/src/index.js';
import { pngAttachmentData } from '../../demo/server/seed/png.js';
import { sandboxPerTest, type Sandbox, type SentRequest } from '../helpers/backend.js';
import { downloaded, shadow, text, until, untilAnswered } from '../helpers/element.js';

/** The conversations as listed: subject, and whether the list marks it unread. */
function listed(el: MessageInbox): { subject: string; unread: boolean; who: string }[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[part~="thread"]')].map((item) => ({
    subject: (item.querySelector('.subject')?.textContent ?? '').trim(),
    unread: item.matches('[part~="thread-unread"]'),
    who: (item.querySelector('.who')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

async function openConversation(el: MessageInbox, subject: string): Promise<HTMLElement> {
  const item = await until(() => [...shadow(el).querySelectorAll<HTMLElement>('[part~="thread"]')].find((t) => t.querySelector('.subject')?.textContent?.trim() === subject), `the conversation "${subject}"`);
  item.querySelector('button')!.click();
  return until(() => shadow(el).querySelector<HTMLElement>('[part="conversation"]'), 'the open conversation');
}

describe('<message-inbox> on the embedded FHIR server', () => {
  // Opening a conversation marks messages read on the server: every test gets its own data.
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('lists the conversations newest activity first, with who is in them and what is unread, from one request', async () => {
    const requests: SentRequest[] = [];
    const { client, patient } = await sandbox.recordingClient('maria', (r) => requests.push(r));
    const counts: number[] = [];
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id=${patient} @portico-unread-change=${(e: CustomEvent<{ count: number }>) => counts.push(e.detail.count)}></message-inbox>`);
    await until(() => listed(el).length, 'the conversations');
    expect(listed(el).map((t) => t.subject)).to.deep.equal([
      'Your recent lab results',
      'Question about my metformin dose',
      'Preparing for your cardiology visit',
      'Prescription renewal: atorvastatin',
    ]);
    expect(listed(el).map((t) => t.unread)).to.deep.equal([true, false, false, false]);
    expect(listed(el)[0]!.who).to.contain('Chen');
    expect(listed(el)[0]!.who).not.to.contain('Hernández', "the patient's own name is not among the people listed");
    expect(text(el)).to.contain('1 unread message');
    expect(el.unreadCount).to.equal(1);
    expect(counts).to.deep.equal([1]);
    const messageSearches = requests.filter((r) => r.path === 'Communication');
    expect(messageSearches.length).to.equal(1, 'one request for the first screen of conversations');
    expect(messageSearches[0]!.params.getAll('_include')).to.deep.equal(['Communication:sender', 'Communication:recipient']);
    expect(messageSearches[0]!.params.get('_sort')).to.equal('-sent');
    // The roles come from the care team, read beside the list (not before it).
    await until(() => listed(el)[1]!.who.includes(','), 'the roles of the care team');
  });

  it('opens a conversation: every message in order, who wrote it and when; the care team’s are marked read on the server', async () => {
    const client = await sandbox.client('maria');
    const counts: number[] = [];
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria" @portico-unread-change=${(e: CustomEvent<{ count: number }>) => counts.push(e.detail.count)}></message-inbox>`);
    const conversation = await openConversation(el, 'Your recent lab results');
    expect(conversation.querySelector('h3')!.textContent).to.contain('Your recent lab results');
    expect(shadow(el).activeElement?.id).to.equal('conversation-heading', 'focus moves to the conversation');
    const message = conversation.querySelector<HTMLElement>('[part~="message"]')!;
    expect(message.querySelector('.sender')!.textContent).to.contain('Chen');
    expect(message.querySelector('[part="message-text"]')!.textContent).to.contain('your A1c is 6.8%');
    expect(message.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);

    // On the server: the message now has `received`.
    const stored = await untilAnswered(async () => {
      const read = await client.read('Communication', 'msg-maria-lab-results-1');
      return read.received ? read : undefined;
    }, 'the message marked read on the server');
    expect(Date.parse(stored.received!)).to.be.greaterThan(Date.now() - 60_000);
    await until(() => el.unreadCount === 0, 'no unread message left');
    expect(counts).to.deep.equal([1, 0]);

    // Back to the list: focus returns to the conversation opened, now read.
    shadow(el).querySelector<HTMLButtonElement>('[part="back-button"]')!.click();
    await until(() => listed(el).length, 'the list again');
    expect(listed(el)[0]!.unread).to.equal(false);
    expect((shadow(el).activeElement as HTMLElement | null)?.closest('[part~="thread"]')?.getAttribute('data-thread-id')).to.equal('msg-maria-lab-results');

    // A new element (a reload) reads the same from the server.
    fixtureCleanup();
    const again = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => listed(again).length, 'the conversations');
    expect(again.unreadCount).to.equal(0);
  });

  it('a thread whose first message is its header, and one of replies: both read as one conversation each', async () => {
    const client = await sandbox.client('aisha');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="aisha"></message-inbox>`);
    await until(() => listed(el).length, 'the conversations');
    expect(listed(el).map((t) => t.subject)).to.deep.equal(['سؤال عن موعدي القادم', 'Flu shots are available', 'Iron tablets and stomach upset']);
    const flu = await openConversation(el, 'Flu shots are available');
    expect(flu.querySelectorAll('[part~="message"]').length).to.equal(1);
    expect(flu.textContent).to.contain('Flu shots are now available');
    shadow(el).querySelector<HTMLButtonElement>('[part="back-button"]')!.click();
    const iron = await openConversation(el, 'Iron tablets and stomach upset');
    const senders = [...iron.querySelectorAll('.sender')].map((s) => s.textContent!.trim());
    expect(senders.length).to.equal(2);
    expect(senders[0]).to.contain('You');
    expect(senders[1]).to.contain('Okafor');
  });

  it('a file attached to a message: name, type and size, downloaded with the patient’s credentials', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    const conversation = await openConversation(el, 'Preparing for your cardiology visit');
    const attachment = conversation.querySelector<HTMLElement>('[part="attachment"]')!;
    expect(attachment.textContent).to.contain('Your first cardiology visit.pdf');
    expect(attachment.textContent).to.contain('application/pdf');
    expect(attachment.textContent).to.match(/\d+(\.\d)? kB/);
    const file = await downloaded(() => attachment.querySelector('button')!.click());
    const head = new TextDecoder().decode(new Uint8Array(await file.slice(0, 5).arrayBuffer()));
    expect(head).to.equal('%PDF-');
  });

  it('a server that sends the file inside the message (inline data): a picture shown and a PDF saved from those bytes, without another request', async () => {
    const png = pngAttachmentData(40, 30, (x) => (x < 20 ? [200, 60, 60] : [250, 240, 230]));
    const pdf = btoa('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const now = new Date().toISOString();
    await sandbox.load([
      {
        resourceType: 'Communication',
        id: 'msg-james-inline',
        status: 'completed',
        subject: { reference: 'Patient/james' },
        topic: { text: 'Photos from the weekend' },
        sender: { reference: 'Patient/james' },
        recipient: [{ reference: 'Practitioner/dr-chen' }],
        sent: now,
        payload: [
          { contentString: 'Two files, inline.' },
          { contentAttachment: { contentType: 'image/png', data: png.data, size: png.size, title: 'Inline photo.png' } },
          { contentAttachment: { contentType: 'application/pdf', data: pdf, title: 'Inline sheet.pdf', size: atob(pdf).length } },
        ],
      },
    ]);
    const requests: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('james', (r) => requests.push(r));
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="james"></message-inbox>`);
    const conversation = await openConversation(el, 'Photos from the weekend');
    const picture = await until(() => conversation.querySelector<HTMLImageElement>('[part="thumbnail"]'), 'the picture');
    await until(() => picture.complete && picture.naturalWidth > 0, 'the picture drawn');
    const sheet = [...conversation.querySelectorAll<HTMLElement>('[part="attachment"]')].find((a) => a.textContent!.includes('Inline sheet.pdf'))!;
    const file = await downloaded(() => sheet.querySelector<HTMLButtonElement>('[part="attachment-button"]')!.click());
    expect(await file.text()).to.equal(atob(pdf));
    expect(requests.filter((r) => r.path.startsWith('Binary')).length).to.equal(0, 'the bytes came with the message');
  });

  it('James reading Leo’s messages: his own say “You”, the care team’s by name, marked read for the parent', async () => {
    const { access_token } = await sandbox.token('james', undefined, 'leo');
    const session = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="leo" fhir-user="RelatedPerson/james-for-leo" .accessToken=${access_token}>
      <message-inbox></message-inbox>
    </portal-session>`);
    const el = session.querySelector<MessageInbox>('message-inbox')!;
    await until(() => listed(el).length, 'the conversations');
    expect(shadow(el).querySelector('h2')!.textContent).to.contain('Leo');
    expect(listed(el)[0]!.unread).to.equal(true);
    const conversation = await openConversation(el, 'School allergy action plan for Leo');
    const senders = [...conversation.querySelectorAll('.sender')].map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
    expect(senders).to.have.length(4);
    expect(senders[0]).to.equal('You');
    expect(senders[1]).to.contain('Patel');
    const client = await sandbox.client('james', { patient: 'leo' });
    await untilAnswered(async () => (await client.read('Communication', 'msg-leo-school-allergy-plan-4')).received, 'marked read on the server');
  });

  it('no messages: says so; a failed first read offers “Try again”, which works', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: 'Communication', status: 500, times: 4 }]);
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part="error"] button'), 'the error with a retry');
    await sandbox.clearFaults();
    retry.click();
    await until(() => listed(el).length === 4, 'the conversations after retrying');

    // A patient with no messages at all.
    const { resources } = await client.search('Communication', { subject: 'Patient/maria', _count: 100 });
    await sandbox.load((resources as Communication[]).map((c) => ({ ...c, status: 'entered-in-error' })));
    fixtureCleanup();
    const empty = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => shadow(empty).querySelector('[part="empty"]'), 'the empty state');
    expect(text(empty)).to.contain('No messages yet');
    expect(empty.unreadCount).to.equal(0);
  });

  it('an attached image is shown as a small picture from the bytes fetched with the patient’s credentials; a PDF stored as a Binary downloads', async () => {
    const client = await sandbox.client('james');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="james"></message-inbox>`);
    const conversation = await openConversation(el, 'Rash on my forearm');
    const picture = await until(() => conversation.querySelector<HTMLImageElement>('[part="thumbnail"]'), 'the picture');
    expect(picture.src.startsWith('blob:')).to.equal(true);
    await until(() => picture.complete && picture.naturalWidth > 0, 'the picture drawn');
    expect(picture.alt.length > 0).to.equal(true);
    const pdf = [...conversation.querySelectorAll<HTMLElement>('[part="attachment"]')].find((a) => a.textContent!.includes('application/pdf'))!;
    const file = await downloaded(() => pdf.querySelector<HTMLButtonElement>('[part="attachment-button"]')!.click());
    expect(new TextDecoder().decode(new Uint8Array(await file.slice(0, 5).arrayBuffer()))).to.equal('%PDF-');
  });

  it('older conversations load a page at a time with “Show older conversations”', async () => {
    const now = Date.now();
    await sandbox.load(
      Array.from({ length: 60 }, (_, i) => ({
        resourceType: 'Communication',
        id: `msg-maria-bulk-${i}`,
        status: 'completed',
        subject: { reference: 'Patient/maria' },
        topic: { text: `Reminder ${i + 1}` },
        sent: new Date(now - (i + 1) * 60_000).toISOString(),
        received: new Date(now - i * 60_000).toISOString(),
        sender: { reference: 'Practitioner/dr-chen' },
        recipient: [{ reference: 'Patient/maria' }],
        payload: [{ contentString: `Reminder number ${i + 1}` }],
      })),
    );
    const client = await sandbox.client('maria');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => listed(el).length, 'the conversations');
    expect(listed(el).length).to.equal(50, 'the first page: the 50 newest messages');
    expect(listed(el)[0]!.subject).to.equal('Reminder 1');
    shadow(el).querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
    await until(() => listed(el).length === 64, 'the older conversations added: 10 reminders and the 4 seeded');
    expect(listed(el).at(-1)!.subject).to.equal('Prescription renewal: atorvastatin');
  });
});
