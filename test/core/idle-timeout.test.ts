import { elementUpdated, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../packages/core/src/define.js';
import { sessionContext, type SessionState } from '../../packages/core/src/context.js';
import type { IdleClock } from '../../packages/core/src/portal-session/idle-timeout.js';
import { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import { Sandbox } from '../helpers/backend.js';
import { ManualClock } from '../helpers/manual-clock.js';

const clock = new ManualClock();
const MINUTE = 60_000;

/** The session element with the test's clock. */
class ClockedSession extends PortalSession {
  protected override idleClock: IdleClock = clock;
}
customElements.define('clocked-portal-session', ClockedSession);

/** Stands in for a Portico element: shows the patient the session gives it. */
@customElement('idle-probe')
class IdleProbe extends LitElement {
  @consume({ context: sessionContext, subscribe: true })
  @state()
  session?: SessionState;

  override render() {
    return html`<p>${this.session?.patient ? `Record of ${this.session.patient.id}` : 'No record'}</p>`;
  }
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const status = (el: PortalSession) => (el as unknown as { session: SessionState }).session.status;
const dialogShown = (el: PortalSession) => {
  const dialog = part(el, 'idle-dialog');
  return !!dialog && dialog.getBoundingClientRect().height > 0;
};

describe('portal-session idle timeout', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  async function signedIn(minutes?: number): Promise<PortalSession> {
    const { access_token } = await sandbox.token('maria');
    const el = await fixture<PortalSession>(html`<clocked-portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria"
      idle-timeout-minutes=${minutes ?? 15} .accessToken=${access_token}>
      <idle-probe></idle-probe>
      <patient-banner></patient-banner>
    </clocked-portal-session>`);
    await waitUntil(() => (el as unknown as { session: SessionState }).session.patient, 'the patient never loaded', { timeout: 5000 });
    await elementUpdated(el);
    return el;
  }

  it('asks "Are you still there?" after 15 idle minutes, counts down, and Esc keeps the session', async () => {
    const el = await signedIn();
    clock.advance(15 * MINUTE - 1000);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    clock.advance(1000);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(true);
    const dialog = part(el, 'idle-dialog')!;
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(dialog.textContent!.replace(/\s+/g, ' ')).to.contain('Are you still there?').and.contain('Signing out in 60 s');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Stay signed in');
    const live = dialog.querySelector('[role="status"]')!;
    expect(live.textContent!.trim()).to.equal('Signing out in 60 s');

    clock.advance(20_000);
    await elementUpdated(el);
    expect(part(el, 'idle-dialog')!.querySelector('#idle-countdown')!.textContent!.trim()).to.equal('Signing out in 40 s');
    // Announced at intervals, not every second.
    expect(live.textContent!.trim()).to.equal('Signing out in 60 s');
    clock.advance(10_000);
    await elementUpdated(el);
    expect(live.textContent!.trim()).to.equal('Signing out in 30 s');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    clock.advance(60_000);
    await elementUpdated(el);
    expect(status(el)).to.equal('signed-in');
    expect(el.querySelector<IdleProbe>('idle-probe')!.shadowRoot!.textContent).to.contain('Record of maria');
  });

  it('signs out when nobody answers, and every element drops the record', async () => {
    const el = await signedIn();
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await elementUpdated(banner);
    expect(banner.shadowRoot!.textContent).to.contain('Hernández');
    clock.advance(15 * MINUTE);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(true);
    clock.advance(59_000);
    expect(status(el)).to.equal('signed-in');
    clock.advance(1000);
    await waitUntil(() => status(el) === 'signed-out', 'never signed out');
    await elementUpdated(el);
    await elementUpdated(banner);
    expect(dialogShown(el)).to.equal(false);
    expect(el.querySelector<IdleProbe>('idle-probe')!.shadowRoot!.textContent).to.contain('No record');
    expect(banner.shadowRoot!.textContent).to.not.contain('Hernández');
    expect(part(el, 'content')!.hidden).to.equal(true);
    expect(part(el, 'idle-notice')!.textContent).to.contain('You were signed out because nothing happened on this page');
  });

  it('counts from the last pointer or key in the page; "Stay signed in" starts again', async () => {
    const el = await signedIn(10);
    clock.advance(8 * MINUTE);
    await sendMouse({ type: 'move', position: [5, 5] });
    await sendMouse({ type: 'move', position: [40, 30] });
    clock.advance(8 * MINUTE);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    await sendKeys({ press: 'Shift' });
    clock.advance(9 * MINUTE);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    clock.advance(1 * MINUTE);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(true);
    // Moving the mouse is not an answer: the warning stays until the person says so.
    await sendMouse({ type: 'move', position: [10, 10] });
    clock.advance(1000);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(true);
    part(el, 'stay-button')!.click();
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    clock.advance(10 * MINUTE - 1000);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    expect(status(el)).to.equal('signed-in');
  });

  it('never times out with idle-timeout-minutes="0"', async () => {
    const el = await signedIn(0);
    clock.advance(24 * 60 * MINUTE);
    await elementUpdated(el);
    expect(dialogShown(el)).to.equal(false);
    expect(status(el)).to.equal('signed-in');
  });
});
