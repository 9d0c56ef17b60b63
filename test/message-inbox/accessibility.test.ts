import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../packages/message-inbox/src/define.js';
import type { MessageInbox } from '../../packages/message-inbox/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { animationsDone, shadow, until, untilAnswered } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: MessageInbox, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
/** The element inside the shadow root that has focus. */
const focused = (el: MessageInbox) => shadow(el).activeElement as HTMLElement | null;

/** Presses Tab until `probe` says focus is where it should be (at most 30 presses). */
async function tabTo(el: MessageInbox, probe: (active: HTMLElement | null) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (probe(focused(el))) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('<message-inbox> for everyone', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('passes axe in the list, an open conversation with the reply form, a new message and a failed send', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria" reply-time="2 business days"></message-inbox>`);
    await until(() => part(el, 'thread'), 'the conversations');
    await until(() => part(el, 'new-message-button'), 'the new message button');
    await animationsDone();
    await expect(el).to.be.accessible();

    part<HTMLButtonElement>(el, 'thread-button')!.click();
    await until(() => part(el, 'message-input'), 'the reply form');
    await expect(el).to.be.accessible();

    await sandbox.injectFaults([{ method: 'POST', path: 'Communication', status: 400, times: 1 }]);
    const input = await until(() => part<HTMLTextAreaElement>(el, 'message-input'), 'the reply form');
    input.value = 'Will this fail?';
    input.dispatchEvent(new Event('input'));
    part<HTMLButtonElement>(el, 'send-button')!.click();
    await until(() => part(el, 'send-error'), 'the send error');
    await expect(el).to.be.accessible();

    part<HTMLButtonElement>(el, 'back-button')!.click();
    await until(() => part(el, 'new-message-button'), 'the list again');
    part<HTMLButtonElement>(el, 'new-message-button')!.click();
    await until(() => part(el, 'recipient'), 'the new message form');
    await expect(el).to.be.accessible();
  });

  it('reads and answers a message with the keyboard alone', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => part(el, 'thread'), 'the conversations');
    part<HTMLButtonElement>(el, 'new-message-button')!.focus();
    await tabTo(el, (active) => active?.matches('[part~="thread-button"]') ?? false, 'the first conversation');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.id === 'conversation-heading', 'focus on the conversation heading');
    await tabTo(el, (active) => active?.matches('[part="message-input"]') ?? false, 'the reply box');
    await sendKeys({ type: 'Read with the keyboard, thank you.' });
    await tabTo(el, (active) => active?.matches('[part~="send-button"]') ?? false, 'Send');
    await sendKeys({ press: 'Enter' });
    await untilAnswered(async () => {
      const { resources } = await client.search('Communication', { subject: 'Patient/maria', _count: 200 });
      return resources.some((c) => c.payload?.[0]?.contentString === 'Read with the keyboard, thank you.');
    }, 'the reply on the server');
    await sendKeys({ press: 'Escape' });
    part<HTMLButtonElement>(el, 'back-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.matches('[part~="thread-button"]'), 'focus back on the conversation in the list');
  });
});
