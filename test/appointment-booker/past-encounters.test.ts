import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { sandboxPerTest, type Sandbox, type SentRequest } from '../helpers/backend.js';
import { buttonNamed, shadow, text, until } from './booker-page.js';
import { animationsDone } from '../helpers/element.js';

const DAY = 86_400_000;

describe('<appointment-booker> past visits from Encounters (records with no Appointments)', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('lists finished Encounters newest first with type, reason, clinician and place, one request a page', async () => {
    const sent: SentRequest[] = [];
    const { client, patient } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    // Maria's Appointments belong to someone else in this sandbox: like a patient whose records came from an EHR export.
    const { resources: appointments } = await client.searchAll('Appointment', { patient: `Patient/${patient}` });
    await sandbox.load(appointments.map((a) => ({ ...a, participant: a.participant.map((p) => (p.actor?.reference === `Patient/${patient}` ? { ...p, actor: { reference: 'Patient/not-maria' } } : p)) })));
    const { resources: encounters } = await client.searchAll('Encounter', { patient: `Patient/${patient}` });
    // Her own Encounters are replaced by 13 finished ones (and one still in progress, which is no past visit).
    await sandbox.load(encounters.map((e) => ({ ...e, subject: { reference: 'Patient/not-maria' } })));
    await sandbox.load([
      ...Array.from({ length: 13 }, (_, i) => ({
        resourceType: 'Encounter',
        id: `synthea-visit-${i}`,
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185349003' }], text: `Encounter for check up ${i}` }],
        reasonCode: i === 0 ? [{ text: 'Hypertension' }] : undefined,
        subject: { reference: `Patient/${patient}` },
        participant: [{ individual: { reference: 'Practitioner/dr-chen' } }],
        // As Synthea writes them: the organization that gave the care, and no Location.
        ...(i === 1 ? { serviceProvider: { reference: 'Organization/riverside' } } : { location: [{ location: { reference: 'Location/loc-north' } }] }),
        period: { start: new Date(Date.now() - (i + 1) * 30 * DAY).toISOString(), end: new Date(Date.now() - (i + 1) * 30 * DAY + 1_800_000).toISOString() },
      })),
      {
        resourceType: 'Encounter',
        id: 'synthea-open',
        status: 'in-progress',
        class: { code: 'AMB' },
        type: [{ text: 'Still going' }],
        subject: { reference: `Patient/${patient}` },
        period: { start: new Date(Date.now() - DAY).toISOString() },
      },
    ]);
    // From here on, only what the element sends.
    sent.length = 0;
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} view="appointments" viewer-time-zone="America/New_York"></appointment-booker>`);
    (await until(() => buttonNamed(el, 'Past'), 'the Past tab')).click();
    await until(() => buttonNamed(el, 'Past')?.getAttribute('aria-pressed') === 'true' && !shadow(el).querySelector('[part="skeleton"]'), 'the past list');
    const listed = () => [...shadow(el).querySelectorAll<HTMLElement>('[part="visit"]')];
    await until(() => listed().length || text(el).includes('No past visits'), 'past visits or none');
    expect(text(el)).not.to.contain('No past visits');
    expect(listed().map((v) => v.dataset.encounterId)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `synthea-visit-${i}`));
    const first = (listed()[0]!.textContent ?? '').replace(/\s+/g, ' ');
    expect(first).to.contain('Completed');
    expect(first).to.contain('Encounter for check up 0');
    expect(first).to.contain('Hypertension');
    expect(first).to.match(/Chen/);
    expect(first).to.contain('Riverside North');
    expect((listed()[1]!.textContent ?? '').replace(/\s+/g, ' ')).to.contain('Riverside Health');
    expect(text(el)).not.to.contain('Still going');
    const encounterSearches = sent.filter((r) => r.method === 'GET' && r.path === 'Encounter');
    expect(encounterSearches.map((r) => [r.params.get('patient'), r.params.get('status'), r.params.get('_sort'), r.params.get('_count')])).to.deep.equal([[`Patient/${patient}`, 'finished', '-date', '10']]);
    expect(encounterSearches[0]!.params.getAll('_include')).to.deep.equal(['Encounter:participant', 'Encounter:location', 'Encounter:service-provider']);
    await animationsDone();
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Show more')!.click();
    await until(() => listed().length === 13, 'the next page');
    expect(listed().map((v) => v.dataset.encounterId).slice(10)).to.deep.equal(['synthea-visit-10', 'synthea-visit-11', 'synthea-visit-12']);
    expect(shadow(el).activeElement === listed()[10]).to.equal(true);
    // One more request for the second page, nothing per visit.
    expect(sent.filter((r) => r.method === 'GET' && r.path.startsWith('Encounter')).length).to.equal(2);
    expect(buttonNamed(el, 'Show more')).to.equal(undefined);
  });
});
