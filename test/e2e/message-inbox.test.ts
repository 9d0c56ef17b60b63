import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bundle, Communication } from 'fhir/r4';
import { attachmentBytes, type Demo, fhirRead, sessionAccessToken, signInOn, startDemo, shownText } from './demo.js';

/** The visitor's zone and language. */
const ZONE = 'America/New_York';
const LOCALE = 'en-US';

/** Maria's unread message from Dr. Chen, and her conversation with the nurse (demo/server/seed/messages.ts). */
const UNREAD_SUBJECT = 'Your recent lab results';
const REPLY_SUBJECT = 'Preparing for your cardiology visit';

/** A small PDF, as a patient's scanned receipt. */
const RECEIPT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Every Communication about Maria as the server holds it. */
async function mariasMessages(demo: Demo, token: string): Promise<Communication[]> {
  const bundle = await fhirRead<Bundle>(demo, token, 'Communication?subject=Patient/maria&_count=1000');
  assert.ok(!bundle.link?.some((l) => l.relation === 'next'), 'the server returned every message in one page');
  return (bundle.entry ?? []).map((e) => e.resource as Communication).filter((r) => r?.resourceType === 'Communication');
}

/** Asks `probe` every 200 ms, up to 8 s, until it answers something truthy. */
async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timeout: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('messages on the demo hospital site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('reads the unread message (read on the server), replies with a PDF, and the server holds the reply and its file once', async () => {
    const { page, cspViolations, pageErrors } = await demo.newPage({ timezoneId: ZONE, locale: LOCALE });
    await signInOn(demo, page, 'my-health.html');
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    const inbox = page.locator('portal-session message-inbox');
    await inbox.getByRole('heading', { name: 'Messages', level: 2 }).waitFor();
    assert.equal(await page.locator('[data-replace-with="message-inbox"]').count(), 0, 'no "Coming soon" card for messages');

    // The unread message: marked in the list, unread on the server.
    const token = await sessionAccessToken(page);
    const unreadOnServer = (await mariasMessages(demo, token)).filter((c) => c.recipient?.some((r) => r.reference === 'Patient/maria') && !c.received && c.payload?.length);
    assert.equal(unreadOnServer.length, 1, 'the seed has one unread message for Maria');
    const unreadId = unreadOnServer[0]!.id!;
    const unreadThread = inbox.locator('[part~="thread"]', { hasText: UNREAD_SUBJECT });
    assert.match((await unreadThread.getAttribute('part')) ?? '', /thread-unread/);
    assert.equal(await shownText(unreadThread.locator('[part="unread-badge"]')), '1 unread message');

    // Reading it marks it read on the server.
    await unreadThread.getByRole('button').click();
    await inbox.locator('[part="conversation"]').getByRole('heading', { name: UNREAD_SUBJECT }).waitFor();
    await inbox.getByText(/your A1c is 6\.8%/).waitFor();
    const read = await eventually(async () => (await fhirRead<Communication>(demo, token, `Communication/${unreadId}`)).received, 'the message marked read on the server');
    assert.ok(Date.parse(read) > 0, `received is a date (${read})`);
    await inbox.getByRole('button', { name: 'All conversations' }).click();
    await eventually(async () => !/thread-unread/.test((await unreadThread.getAttribute('part')) ?? ''), 'the conversation no longer marked unread');

    // A reply with a PDF in the cardiology conversation.
    await inbox.locator('[part~="thread"]', { hasText: REPLY_SUBJECT }).getByRole('button').click();
    await inbox.locator('[part="conversation"]').getByRole('heading', { name: REPLY_SUBJECT }).waitFor();
    const text = `The stress test receipt, as asked (${Date.now()}).`;
    await inbox.locator('[part="message-input"]').fill(text);
    await inbox.locator('[part="file-input"]').setInputFiles({ name: 'Stress test receipt.pdf', mimeType: 'application/pdf', buffer: RECEIPT_PDF });
    await inbox.locator('[part="chosen-file"]', { hasText: 'Stress test receipt.pdf' }).waitFor();
    await inbox.locator('[part="send-button"]').click();

    // It shows in the conversation, with its file, and the form is empty again.
    const sent = inbox.locator('[part~="message"]', { hasText: text });
    await sent.waitFor();
    await sent.getByRole('button', { name: 'Download Stress test receipt.pdf' }).waitFor();
    assert.equal(await inbox.locator('[part="message-input"]').inputValue(), '', 'the form is empty after sending');

    // On the server: the reply exactly once, in the conversation, from Maria, with the PDF byte for byte.
    const replies = (await mariasMessages(demo, token)).filter((c) => c.payload?.some((p) => p.contentString === text));
    assert.equal(replies.length, 1, 'one Communication with the reply');
    const reply = replies[0]!;
    assert.equal(reply.sender?.reference, 'Patient/maria');
    assert.equal(reply.status, 'completed');
    const header = (await mariasMessages(demo, token)).find((c) => c.topic?.text === REPLY_SUBJECT);
    assert.ok(header, 'the conversation has a header on the server');
    assert.ok(reply.partOf?.some((r) => r.reference === `Communication/${header.id}`) || reply.inResponseTo?.length, 'the reply belongs to the conversation');
    const files = (reply.payload ?? []).flatMap((p) => (p.contentAttachment ? [p.contentAttachment] : []));
    assert.equal(files.length, 1, 'one attachment');
    assert.equal(files[0]!.title, 'Stress test receipt.pdf');
    assert.equal(files[0]!.contentType, 'application/pdf');
    assert.ok((await attachmentBytes(demo, token, files[0]!)).equals(RECEIPT_PDF), 'the attachment is the file chosen, byte for byte');

    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });
});
