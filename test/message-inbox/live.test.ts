import { expect, fixture, html } from '@open-wc/testing';
import type { Communication } from 'fhir/r4';
import '../../packages/core/src/define.js';
import '../../packages/message-inbox/src/define.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { messageDrafts, type MessageInbox } from '../../packages/message-inbox/src/index.js';
import { sandboxPerTest, type Sandbox, type SentRequest } from '../helpers/backend.js';
import { shadow, until, untilAnswered } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: MessageInbox, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const subjects = (el: MessageInbox) => [...shadow(el).querySelectorAll('[part~="thread"] .subject')].map((s) => s.textContent!.trim());

async function openConversation(el: MessageInbox, subject: string): Promise<HTMLElement> {
  const item = await until(() => [...shadow(el).querySelectorAll<HTMLElement>('[part~="thread"]')].find((t) => t.querySelector('.subject')?.textContent?.trim() === subject), `the conversation "${subject}"`);
  item.querySelector('button')!.click();
  return until(() => part<HTMLElement>(el, 'conversation'), 'the open conversation');
}

/** A reply from Dr. Chen in Maria's metformin conversation, as the care team's system would write it now. */
function replyFromDrChen(id: string, text: string): Communication {
  return {
    resourceType: 'Communication',
    id,
    status: 'completed',
    subject: { reference: 'Patient/maria' },
    partOf: [{ reference: 'Communication/msg-maria-metformin' }],
    inResponseTo: [{ reference: 'Communication/msg-maria-metformin-3' }],
    sent: new Date().toISOString(),
    sender: { reference: 'Practitioner/dr-chen' },
    recipient: [{ reference: 'Patient/maria' }],
    payload: [{ contentString: text }],
  };
}

/** Pretends the page was hidden or shown again (the browser's tab switch). */
function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('<message-inbox> while the page is open', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));
  afterEach(() => {
    delete (document as { visibilityState?: string }).visibilityState;
  });

  it('a reply the care team posts appears without a reload, is said politely and counted unread; a hidden page does not ask', async () => {
    const sent: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const counts: number[] = [];
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria" poll-seconds="1" @portico-unread-change=${(e: CustomEvent<{ count: number }>) => counts.push(e.detail.count)}></message-inbox>`);
    await until(() => subjects(el).length === 4, 'the conversations');
    await sandbox.load([replyFromDrChen('msg-maria-metformin-live-1', 'Also: please get your A1c checked before the visit.')]);
    await until(() => subjects(el)[0] === 'Question about my metformin dose', 'the conversation with the new reply first');
    await until(() => el.unreadCount === 2, 'two unread');
    expect(counts.at(-1)).to.equal(2);
    expect(shadow(el).querySelector('#announcement')!.textContent).to.match(/New message from Dr\. .*Chen/);
    const looks = sent.filter((r) => r.path === 'Communication' && r.params.has('_lastUpdated'));
    expect(looks.length > 0).to.equal(true);
    expect(looks[0]!.params.get('_lastUpdated')).to.match(/^gt\d{4}-/);

    // Hidden: no request; shown again: it looks at once.
    setVisibility('hidden');
    const before = sent.length;
    await sandbox.load([replyFromDrChen('msg-maria-metformin-live-2', 'One more thing.')]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sent.length).to.equal(before, 'no request while the page is hidden');
    setVisibility('visible');
    await until(() => el.unreadCount === 3, 'the reply found once the page is shown');
  });

  it('another element opens it preset (“question this charge”), and a draft already begun is kept', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => subjects(el).length, 'the conversations');
    await el.open({ subject: 'Question about my bill of September 21', topic: 'billing' });
    await el.updateComplete;
    expect(part<HTMLInputElement>(el, 'subject')!.value).to.equal('Question about my bill of September 21');
    expect(part<HTMLSelectElement>(el, 'topic')!.value).to.equal('billing');
    expect(shadow(el).activeElement?.id).to.equal('compose-heading');
  });

  it('a message or file name with markup shows as text; a javascript: link is refused with a message', async () => {
    const client = await sandbox.client('maria');
    await sandbox.load([
      {
        resourceType: 'Communication',
        id: 'msg-maria-hostile',
        status: 'completed',
        subject: { reference: 'Patient/maria' },
        topic: { text: '<b onmouseover="window.__hacked = 1">Bold subject</b>' },
        sent: new Date().toISOString(),
        sender: { reference: 'Practitioner/dr-chen', display: '<img src=x onerror="window.__hacked = 1">' },
        recipient: [{ reference: 'Patient/maria' }],
        payload: [
          { contentString: '<img src=x onerror="window.__hacked = 1"><script>window.__hacked = 1</script>Hello' },
          { contentAttachment: { contentType: 'application/pdf', title: '<script>window.__hacked = 1</script>.pdf', url: 'javascript:window.__hacked=1' } },
        ],
      },
    ]);
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    const conversation = await openConversation(el, '<b onmouseover="window.__hacked = 1">Bold subject</b>');
    expect(conversation.querySelector('img, script, b')).to.equal(null);
    expect(conversation.querySelector('[part="message-text"]')!.textContent).to.contain('<script>window.__hacked = 1</script>Hello');
    const attachment = conversation.querySelector<HTMLButtonElement>('[part="attachment-button"]')!;
    expect(attachment.textContent).to.contain('<script>');
    attachment.click();
    await until(() => conversation.querySelector('.attachments ~ [role="alert"], [role="alert"]'), 'the refusal');
    expect((window as { __hacked?: number }).__hacked).to.equal(undefined);
  });

  it('a session that expires while sending keeps the message; signed in again, it is sent once', async () => {
    const { access_token } = await sandbox.token('maria');
    const session = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" fhir-user="Patient/maria" .accessToken=${access_token}>
      <message-inbox></message-inbox>
    </portal-session>`);
    const el = session.querySelector<MessageInbox>('message-inbox')!;
    await openConversation(el, 'Question about my metformin dose');
    const input = await until(() => part<HTMLTextAreaElement>(el, 'message-input'), 'the reply form');
    input.value = 'Written before the session ran out';
    input.dispatchEvent(new Event('input'));
    // The server refuses the token until the patient signs in again (the client's own retry is refused too).
    await sandbox.injectFaults([{ method: 'POST', path: 'Communication', status: 401, times: 10 }]);
    part<HTMLButtonElement>(el, 'send-button')!.click();
    const kept = await until(() => part(el, 'send-error'), 'why it was not sent');
    expect(kept.textContent).to.contain('sign in again');
    expect(part<HTMLTextAreaElement>(el, 'message-input')!.value).to.equal('Written before the session ran out');
    await sandbox.clearFaults();
    // The host signs the patient in again its own way and hands a new token.
    const signedIn = new Promise<void>((resolve) => session.addEventListener('portico-session-change', (e) => (e as CustomEvent<{ status: string }>).detail.status === 'signed-in' && resolve()));
    session.accessToken = (await sandbox.token('maria')).access_token;
    await signedIn;
    const again = await until(() => part<HTMLTextAreaElement>(el, 'message-input'), 'the reply form again, signed in');
    expect(again.value).to.equal('Written before the session ran out');
    const send = await until(() => part<HTMLButtonElement>(el, 'send-button'), 'the send button');
    send.click();
    const client = await sandbox.client('maria');
    const stored = await untilAnswered(async () => {
      const { resources } = await client.search('Communication', { subject: 'Patient/maria', _count: 200 });
      const found = resources.filter((c) => c.payload?.[0]?.contentString === 'Written before the session ran out');
      return found.length ? found : undefined;
    }, 'the message on the server');
    expect(stored.length).to.equal(1);
  });

  it('a 503 before the server stores it is retried once and leaves one message; a 2 MB message reads as text', async () => {
    const client = await sandbox.client('maria');
    const long = `${'All my readings this month. '.repeat(75_000)}End.`;
    await sandbox.load([{ ...replyFromDrChen('msg-maria-metformin-long', long), received: new Date().toISOString() }]);
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    const conversation = await openConversation(el, 'Question about my metformin dose');
    const texts = [...conversation.querySelectorAll('[part="message-text"]')].map((p) => p.textContent!.length);
    expect(Math.max(...texts)).to.equal(long.length);
    expect(shadow(el).querySelector('[part~="thread"] .preview')?.textContent ?? '').not.to.contain('End.');
    await sandbox.injectFaults([{ method: 'POST', path: 'Communication', status: 503, times: 1 }]);
    const input = await until(() => part<HTMLTextAreaElement>(el, 'message-input'), 'the reply form');
    input.value = 'After a 503';
    input.dispatchEvent(new Event('input'));
    part<HTMLButtonElement>(el, 'send-button')!.click();
    const found = await untilAnswered(async () => {
      const { resources } = await client.search('Communication', { subject: 'Patient/maria', _count: 200 });
      const sent = resources.filter((c) => c.payload?.[0]?.contentString === 'After a 503');
      return sent.length ? sent : undefined;
    }, 'the message on the server');
    await until(() => !part(el, 'send-button')?.textContent?.includes('Sending'), 'the send finished');
    expect(found.length).to.equal(1);
    expect(part(el, 'send-error')).to.equal(null);
  });

  it('“an appointment” offers the booker instead when the page has one; signing out forgets the draft', async () => {
    const { access_token } = await sandbox.token('maria');
    const session = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" fhir-user="Patient/maria" navigate-url="/portal/{target}?{params}" .accessToken=${access_token}>
      <message-inbox></message-inbox>
    </portal-session>`);
    const el = session.querySelector<MessageInbox>('message-inbox')!;
    const button = await until(() => part<HTMLButtonElement>(el, 'new-message-button'), 'the new message button');
    button.click();
    const topic = await until(() => part<HTMLSelectElement>(el, 'topic'), 'the topic');
    expect(part(el, 'elsewhere-button')).to.equal(null);
    topic.value = 'appointment';
    topic.dispatchEvent(new Event('change'));
    const subject = part<HTMLInputElement>(el, 'subject')!;
    subject.value = 'Move my follow-up';
    subject.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const elsewhere = part<HTMLButtonElement>(el, 'elsewhere-button')!;
    expect(elsewhere.textContent).to.contain('Book or change a visit online instead');
    let detail: { target: string; params: Record<string, string> } | undefined;
    session.addEventListener('portico-navigate', (e) => {
      detail = (e as CustomEvent<{ target: string; params: Record<string, string> }>).detail;
      e.preventDefault();
    }, { once: true });
    elsewhere.click();
    expect(detail).to.deep.equal({ target: 'appointment-booker', params: { reason: 'Move my follow-up' } });
    expect(messageDrafts.read('maria')?.new?.subject).to.equal('Move my follow-up');
    session.shadowRoot!.querySelector<HTMLButtonElement>('[part~="sign-out-button"]')!.click();
    await until(() => messageDrafts.read('maria') === undefined, 'the draft forgotten on sign-out');
  });
});
