import '@portico/message-inbox/define.js';
import { FhirClient } from '@portico/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { expect, within } from 'storybook/test';
import { attachFiles, inboxRoot, inInbox, openThread, samplePdf, threadInList, typeInto } from './support/inbox.js';
import { renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import { STORY_FHIR_BASE, type StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from './support/story-fixtures.js';
import { storyToken } from './support/story-tokens.js';

/**
 * The scopes the authorization server granted: everything the session asks for (empty: the session's
 * own client, scopes unknown, so the CapabilityStatement decides), or reads only (no Communication create).
 */
const GRANTED_SCOPES = ['', 'patient/*.rs'] as const;
const READ_ONLY = GRANTED_SCOPES[1];

/** Maria's unread message from her doctor (demo/server/seed/messages.ts). */
const MARIA_UNREAD = 'Your recent lab results';
/** Maria's conversation with a PDF attached. */
const MARIA_WITH_PDF = 'Preparing for your cardiology visit';

/** A client of the stories' server that knows which scopes were granted, with a token granted exactly those. */
function clientWithScopes(patientId: string, grantedScope: string): FhirClient {
  const token = storyToken(patientId, { scope: `openid fhirUser launch/patient ${grantedScope}` });
  return new FhirClient({ baseUrl: STORY_FHIR_BASE, getAccessToken: () => token, grantedScope });
}

interface MessageInboxArgs extends SignedInArgs {
  recipient: string;
  emergencyNumber: string;
  replyTime: string;
  feeNotice: string;
  contactPhone: string;
  accept: string;
  maxFileSize: number;
  maxMessageSize: number;
  grantedScope: (typeof GRANTED_SCOPES)[number];
}

/** The element as a host page places it: inside a signed-in session (token mode; the stories play the host). */
function renderInbox(args: MessageInboxArgs, slotted?: TemplateResult) {
  return renderSignedIn(
    args,
    html`<message-inbox
      .client=${args.grantedScope ? clientWithScopes(args.patientId, args.grantedScope) : undefined}
      recipient=${args.recipient || nothing}
      emergency-number=${args.emergencyNumber || nothing}
      reply-time=${args.replyTime || nothing}
      fee-notice=${args.feeNotice || nothing}
      contact-phone=${args.contactPhone || nothing}
      accept=${args.accept}
      max-file-size=${args.maxFileSize}
      max-message-size=${args.maxMessageSize}
      >${slotted ?? nothing}</message-inbox
    >`,
  );
}

const meta = {
  title: 'Messages/Message inbox',
  component: 'message-inbox',
  render: (args) => renderInbox(args),
  args: {
    recipient: '',
    emergencyNumber: '',
    replyTime: '2 business days',
    feeNotice: '',
    contactPhone: '845-555-0100',
    accept: 'application/pdf,image/jpeg,image/png,image/heic',
    maxFileSize: 10 * 1024 * 1024,
    maxMessageSize: 20 * 1024 * 1024,
    grantedScope: '',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    maxFileSize: { control: { type: 'number', min: 1 } },
    maxMessageSize: { control: { type: 'number', min: 1 } },
    grantedScope: {
      name: '.client (granted scopes)',
      description:
        "Gives the inbox its own client whose `grantedScope` says what the authorization server granted. Empty: the session's client (scopes unknown: the CapabilityStatement decides). With reads only, the patient reads and is told how to reach the care team instead of writing.",
      control: { type: 'select', labels: { '': '(the session’s client)', [READ_ONLY]: 'Reads only' } },
      options: GRANTED_SCOPES,
    },
    ...sessionArgTypes({
      description: 'The patient signed in to the surrounding `portal-session`: Maria (four conversations, one unread), James, Leo (his father James writes for him) or Aisha (in Arabic).',
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "Secure messages between the patient and their care team. The stories run against the demo FHIR server in the browser, on the demo seed made from today (demo/server/seed/README.md): Maria's four conversations with Dr. Chen and nurse Jordan Brooks (one unread, one with a PDF), James's, Leo's (written by his father James, one unread), Aisha's (one in Arabic). Opening a conversation marks it read on that server; sending writes a Communication there.",
      },
    },
  },
} satisfies Meta<MessageInboxArgs>;

export default meta;
type Story = StoryObj<MessageInboxArgs>;

/** The conversations, newest activity first; the unread one is marked, with how many are unread. */
export const Default: Story = {
  name: 'List with unread',
  play: async ({ canvasElement }) => {
    const unread = await threadInList(canvasElement, MARIA_UNREAD);
    await expect(unread.getAttribute('part')).toContain('thread-unread');
    await expect(within(unread).getByText('1 unread message')).toBeVisible();
    await expect(inboxRoot(canvasElement)!.querySelectorAll('[part~="thread-unread"]').length).toBe(1);
  },
};

/** Nobody is signed in (no session around the element): it says what signing in gives. */
export const SignedOut: Story = {
  name: 'Signed out',
  render: () => html`<message-inbox></message-inbox>`,
  play: async ({ canvasElement }) => {
    const prompt = await inInbox(canvasElement, '[part~="signed-out"]', 'The signed-out prompt');
    await expect(prompt.textContent).toContain('Sign in to read and send messages to your care team.');
  },
};

/** The messages are loading (the demo server holds the Communication search). */
export const Loading: Story = {
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/r4\/Communication\b/ } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const skeleton = await inInbox(canvasElement, '[part~="skeleton"]', 'The loading skeleton');
    await expect(skeleton.closest('section')?.querySelector('[part~="threads"]') ?? null).toBeNull();
  },
};

/** No messages at all (a record with nothing in it): the empty state, and "New message". */
export const Empty: Story = {
  name: 'No conversations',
  args: { patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const empty = await inInbox(canvasElement, '[part~="empty"]', 'The empty state');
    await expect(empty.textContent).toContain('No messages yet');
    await inInbox(canvasElement, '[part~="new-message-button"]', 'The "New message" button');
  },
};

/** The message search fails once (500): the error with "Try again", which then loads the conversations. */
export const ErrorState: Story = {
  name: 'Error (with retry)',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^Communication$', status: 500 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    (await inInbox<HTMLButtonElement>(canvasElement, '[part~="retry-button"]', 'The "Try again" button')).click();
    await threadInList(canvasElement, MARIA_UNREAD);
  },
};

/**
 * Maria's conversation about her cardiology visit opened: every message oldest first, who wrote it,
 * and the PDF the nurse attached (its name, type and size), with the reply form under it.
 */
export const OpenConversation: Story = {
  name: 'Open conversation with attachments',
  play: async ({ canvasElement }) => {
    const messages = within(await openThread(canvasElement, MARIA_WITH_PDF));
    await expect(messages.getByRole('button', { name: 'Download Your first cardiology visit.pdf' })).toBeVisible();
    await expect(messages.getByText(/application\/pdf/)).toBeVisible();
    await expect(messages.getByText('Thanks Jordan. I booked the appointment online.')).toBeVisible();
    await inInbox(canvasElement, '[part~="compose"] [part~="message-input"]', 'The reply form');
  },
};

/** The unread message opened: it is marked read on the server, and the list no longer counts it. */
export const OpenUnread: Story = {
  name: 'Unread message opened (marked read)',
  play: async ({ canvasElement }) => {
    const inbox = canvasElement.querySelector('message-inbox')!;
    const messages = within(await openThread(canvasElement, MARIA_UNREAD));
    await expect(messages.getByText(/your A1c is 6\.8%/)).toBeVisible();
    // The server stored it as read (the count comes from the messages as the server answered the update).
    await untilTrue(() => inbox.unreadCount === 0, 'The unread count going to 0');
    (await inInbox<HTMLButtonElement>(canvasElement, '[part~="back-button"]', 'The "All conversations" button')).click();
    const thread = await threadInList(canvasElement, MARIA_UNREAD);
    await expect(thread.getAttribute('part')).not.toContain('thread-unread');
  },
};

/** A reply being written in Maria's cardiology conversation, with a PDF attached; the notice before writing says how soon the team answers. */
export const ComposingReply: Story = {
  name: 'Composing a reply',
  play: async ({ canvasElement }) => {
    await openThread(canvasElement, MARIA_WITH_PDF);
    typeInto(await inInbox<HTMLTextAreaElement>(canvasElement, '[part~="message-input"]', 'The message field'), 'Here is the receipt from the pharmacy for the stress test medicine.');
    await attachFiles(canvasElement, [samplePdf()]);
    const form = within(await inInbox(canvasElement, '[part~="compose"]', 'The reply form'));
    await expect(form.getByText('Pharmacy receipt.pdf')).toBeVisible();
    await expect(form.getByText('Your care team usually answers within 2 business days.')).toBeVisible();
    await expect(form.getByText(/Messages are not for emergencies/)).toBeVisible();
  },
};

/** "New message": who to write to (the care team's people, with their roles), the topic, the subject and the message. */
export const NewMessage: Story = {
  name: 'New message form',
  play: async ({ canvasElement }) => {
    (await inInbox<HTMLButtonElement>(canvasElement, '[part~="new-message-button"]', 'The "New message" button')).click();
    const recipient = await inInbox<HTMLSelectElement>(canvasElement, '[part~="recipient"]', 'The choice of recipient');
    await untilOptions(recipient);
    await expect([...recipient.options].some((option) => option.text === 'Anyone on my care team')).toBe(true);
    await inInbox(canvasElement, '[part~="topic"]', 'The choice of topic');
    await inInbox(canvasElement, '[part~="subject"]', 'The subject');
    await inInbox(canvasElement, '[part~="cancel-button"]', 'The "Cancel" button');
  },
};

/** The server fails the send (500, every try): the reason, "Try sending again", and the text still there. */
export const SendFailed: Story = {
  name: 'Send failed',
  parameters: { storyFhir: { faults: [{ method: 'POST', path: '^Communication', status: 500, times: 20 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await openThread(canvasElement, MARIA_WITH_PDF);
    const text = 'Is the stress test on a treadmill or a bike?';
    typeInto(await inInbox<HTMLTextAreaElement>(canvasElement, '[part~="message-input"]', 'The message field'), text);
    (await inInbox<HTMLButtonElement>(canvasElement, '[part~="send-button"]', 'The "Send" button')).click();
    await inInbox(canvasElement, '[part~="send-error"]', 'Why the message was not sent', 10_000);
    const send = await inInbox<HTMLButtonElement>(canvasElement, '[part~="send-button"]', 'The send button');
    await expect(send.textContent?.trim()).toBe('Try sending again');
    await expect((await inInbox<HTMLTextAreaElement>(canvasElement, '[part~="message-input"]', 'The message field')).value).toBe(text);
  },
};

/** Granted reads only (no Communication create): the conversations, and how to reach the care team instead of a form. */
export const ReadOnly: Story = {
  name: 'Read-only server',
  args: { grantedScope: READ_ONLY },
  play: async ({ canvasElement }) => {
    await openThread(canvasElement, MARIA_WITH_PDF);
    const readOnly = await inInbox(canvasElement, '[part~="read-only"]', 'How to reach the care team', 10_000);
    await expect(readOnly.textContent).toContain('To reach your care team, call 845-555-0100.');
    await expect(inboxRoot(canvasElement)!.querySelector('[part~="compose"]')).toBeNull();
    await expect(inboxRoot(canvasElement)!.querySelector('[part~="new-message-button"]')).toBeNull();
  },
};

/** James signed in for his son Leo: Leo's name in the heading, and James's own messages say he wrote them for Leo. */
export const Proxy: Story = {
  name: 'Proxy (James for Leo)',
  args: { patientId: 'leo' },
  play: async ({ canvasElement }) => {
    await untilText(await inInbox(canvasElement, '#inbox-heading', 'The heading'), 'Leo');
    const messages = within(await openThread(canvasElement, 'School allergy action plan for Leo'));
    await expect(messages.getAllByText(/for Leo/).length).toBeGreaterThan(0);
  },
};

/** The host's fee notice (`fee-notice`): shown before sending, and "Send" waits until the patient acknowledges it. */
export const FeeNotice: Story = {
  name: 'Fee notice',
  args: { feeNotice: 'Messages that need a clinician’s medical judgement may be billed to your insurance; you may owe a copay.' },
  play: async ({ canvasElement }) => {
    await openThread(canvasElement, MARIA_WITH_PDF);
    const notice = await inInbox(canvasElement, '[part~="fee-notice"]', 'The fee notice');
    await expect(notice.textContent).toContain('may be billed to your insurance');
    const send = await inInbox<HTMLButtonElement>(canvasElement, '[part~="send-button"]', 'The "Send" button');
    await expect(send.getAttribute('aria-disabled')).toBe('true');
    notice.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await untilAttribute(send, 'aria-disabled', 'false');
  },
};

/** A Spanish page: the list and an open conversation in Spanish (the messages stay as written). */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const heading = await inInbox(canvasElement, '#inbox-heading', 'The heading');
    await untilText(heading, 'Mensajes');
    await openThread(canvasElement, MARIA_WITH_PDF);
    await expect((await inInbox(canvasElement, '[part~="back-button"]', 'The back button')).textContent?.trim()).toBe('Todas las conversaciones');
  },
};

/** An Arabic page (`lang="ar" dir="rtl"`), Aisha's record: her conversation in Arabic opened. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  args: { patientId: 'aisha' },
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const heading = await inInbox(canvasElement, '#inbox-heading', 'The heading');
    await untilText(heading, 'الرسائل');
    await expect(heading.closest('section')?.getAttribute('dir')).toBe('rtl');
    const messages = within(await openThread(canvasElement, 'سؤال عن موعدي القادم'));
    await expect(messages.getByText(/هل يمكنني تغيير موعدي/)).toBeVisible();
  },
};

/** A phone's width (320 px, as a 640 px screen at 200 % zoom): the list, nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderInbox(args)}</div>`,
  play: async ({ canvasElement }) => {
    await openThread(canvasElement, MARIA_WITH_PDF);
    const inbox = canvasElement.querySelector('message-inbox')!;
    await expect(inbox.scrollWidth <= inbox.clientWidth + 1).toBe(true);
  },
};

/** `theme="dark"` on the session (the page is dark too). */
export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await threadInList(canvasElement, MARIA_UNREAD);
  },
};

/** Resolves once `condition()` holds. */
async function untilTrue(condition: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`${what} did not happen within ${timeout} ms.`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}

/** Resolves once `select` has more than its placeholder option (the care team has loaded). */
async function untilOptions(select: HTMLSelectElement, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (select.options.length < 2) {
    if (performance.now() - start > timeout) throw new Error(`The recipients did not load within ${timeout} ms.`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}

/** Resolves once `element`'s `name` attribute is `value`. */
async function untilAttribute(element: Element, name: string, value: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (element.getAttribute(name) !== value) {
    if (performance.now() - start > timeout) throw new Error(`${name} did not become ${value} within ${timeout} ms.`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}

/** Resolves once `element`'s text contains `text` (the language's terms load with the page). */
async function untilText(element: Element, text: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!element.textContent?.includes(text)) {
    if (performance.now() - start > timeout) throw new Error(`"${text}" did not appear within ${timeout} ms (shows "${element.textContent}").`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}
