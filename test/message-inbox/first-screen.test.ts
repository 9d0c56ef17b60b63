import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/message-inbox/src/define.js';
import type { MessageInbox } from '../../packages/message-inbox/src/index.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';
import { shadow, until } from '../helpers/element.js';

/**
 * The inbox's first screen reads the first page of conversations and nothing else; the care teams
 * (roles, whom to write to) are read once that page is there, so on a slow phone the first requests
 * have the server's connections to themselves.
 */
describe('<message-inbox> first screen', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('reads the conversations first, and the care teams only once they arrived', async () => {
    const sent: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (request) => sent.push(request));
    await sandbox.injectFaults([{ method: 'GET', path: '^Communication$', delayMs: 1200, times: 1 }]);
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => shadow(el).querySelector('[part~="skeleton"]'), 'the loading state');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sent.map((r) => r.path).filter((path) => path !== 'metadata').join()).to.equal('Communication', 'only the conversations while they load');
    await until(() => shadow(el).querySelector('[part~="thread-button"]'), 'the conversations');
    await until(() => sent.some((r) => r.path === 'CareTeam'), 'the care teams read after');
    expect(sent.findIndex((r) => r.path === 'CareTeam') > sent.findIndex((r) => r.path === 'Communication')).to.equal(true);
  });
});
