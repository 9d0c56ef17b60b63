import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { shadow, text, until, visitInList, ownClinicPerTest } from './booker-page.js';
import { animationsDone } from '../helpers/element.js';

const HOUR = 3_600_000;

/** The `tel:` links the patient can press, with how they read them. */
function phoneLinks(el: AppointmentBooker): { href: string; text: string; bidi: string }[] {
  return [...shadow(el).querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]')].map((a) => ({ href: a.getAttribute('href')!, text: a.textContent!.trim(), bidi: getComputedStyle(a).unicodeBidi }));
}

describe('<appointment-booker> says which number to call', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  for (const lang of ['en', 'ar'] as const) {
    it(`no online booking: "call the clinic" with the clinic-phone number as a tel: link, isolated left to right [${lang}]`, async () => {
      const client = await sandbox.client('maria');
      const { resources } = await client.searchAll('Schedule', {});
      await sandbox.load(resources.map((s) => ({ ...s, active: false })));
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang=${lang}><appointment-booker .client=${client} patient-id=${patientId} clinic-phone="+1 (845) 555-0123"></appointment-booker></div>`,
      );
      const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
      await until(() => shadow(el).querySelector('[part="empty"]'), 'the no-online-booking state');
      const links = phoneLinks(el);
      expect(links.map((l) => `${l.href} ${l.text}`)).to.deep.equal(['tel:+18455550123 +1 (845) 555-0123']);
      expect(links[0]!.bidi).to.equal('isolate');
      expect(shadow(el).querySelector('a[href^="tel:"]')!.getAttribute('dir')).to.equal('ltr');
      if (lang === 'en') expect(text(el)).to.contain('To book, call +1 (845) 555-0123.');
      await animationsDone();
      await expect(el).to.be.accessible();
    });
  }

  it("past the cancellation cutoff at a place with no phone: the number of the organization that runs it (the server's telecom)", async () => {
    const start = new Date(Date.now() + 30 * HOUR);
    start.setUTCMinutes(0, 0, 0);
    await sandbox.load([
      { resourceType: 'Organization', id: 'annex-org', name: 'Riverside Annex Services', telecom: [{ system: 'phone', value: '+1 845-555-0177' }] },
      { resourceType: 'Location', id: 'loc-annex', status: 'active', name: 'Riverside Annex', managingOrganization: { reference: 'Organization/annex-org' } },
      { resourceType: 'Schedule', id: 'annex-schedule', active: true, actor: [{ reference: 'Practitioner/dr-chen' }, { reference: 'Location/loc-annex' }] },
      {
        resourceType: 'Appointment',
        id: 'annex-visit',
        status: 'booked',
        start: start.toISOString(),
        end: new Date(start.getTime() + HOUR / 2).toISOString(),
        participant: [
          { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
          { actor: { reference: 'Location/loc-annex' }, status: 'accepted' },
        ],
      },
    ]);
    const client = await sandbox.client('maria');
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} view="appointments" cancel-cutoff-hours="48"></appointment-booker>`);
    const visit = await visitInList(el, 'annex-visit');
    await until(() => visit.querySelector('a[href^="tel:"]'), 'the number to call');
    expect((visit.textContent ?? '').replace(/\s+/g, ' ')).to.contain('To cancel or change it now, call +1 845-555-0177.');
    expect(visit.querySelector('a[href^="tel:"]')!.getAttribute('href')).to.equal('tel:+18455550177');
  });
});
