import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/message-inbox/src/define.js';
import type { MessageInbox } from '../../packages/message-inbox/src/index.js';
import { Sandbox } from '../helpers/backend.js';
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
    // What had been sent when the conversations' answer came back (slowed, so an early read has time to show).
    const sent: string[] = [];
    let sentWhileLoading: string[] | undefined;
    const client = await sandbox.client('maria', {
      fetch: async (input, init) => {
        const path = new URL(String(input instanceof Request ? input.url : input)).pathname.split('/fhir/')[1] ?? '';
        sent.push(path);
        const response = await fetch(input, init);
        if (path === 'Communication') sentWhileLoading ??= [...sent];
        return response;
      },
    });
    await sandbox.injectFaults([{ method: 'GET', path: '^Communication$', delayMs: 1200, times: 1 }]);
    const el = await fixture<MessageInbox>(html`<message-inbox .client=${client} patient-id="maria"></message-inbox>`);
    await until(() => shadow(el).querySelector('[part~="skeleton"]'), 'the loading state');
    await until(() => shadow(el).querySelector('[part~="thread-button"]'), 'the conversations');
    expect(sentWhileLoading!.filter((path) => path !== 'metadata').join()).to.equal('Communication', 'only the conversations while they load');
    await until(() => sent.includes('CareTeam'), 'the care teams read after');
    expect(sent.indexOf('CareTeam') > sent.indexOf('Communication')).to.equal(true);
  });
});
