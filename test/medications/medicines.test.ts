import { expect } from '@open-wc/testing';
import type { MedicationDispense, MedicationRequest, Task } from 'fhir/r4';
import { medicinesOf, requestKindFor, TASK_CODE_SYSTEM } from '../../packages/medications/src/index.js';

const prescription = (id: string, more: Partial<MedicationRequest> = {}): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id,
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/p' },
  medicationCodeableConcept: { text: id },
  dispenseRequest: { numberOfRepeatsAllowed: 2, validityPeriod: { start: '2026-01-01', end: '2026-12-31' } },
  ...more,
});
const fill = (of: string, day: string): MedicationDispense => ({ resourceType: 'MedicationDispense', status: 'completed', authorizingPrescription: [{ reference: `MedicationRequest/${of}` }], whenHandedOver: `${day}T16:00:00Z`, medicationCodeableConcept: { text: of } });

describe('medicinesOf: the list from the server’s answers', () => {
  it('refills left count the fills after the first; without fills on the server, the refills allowed', () => {
    const [withFills] = medicinesOf({ prescriptions: [prescription('a')], dispenses: [fill('a', '2026-01-02'), fill('a', '2026-04-02')], today: '2026-06-01' });
    expect(withFills!.refillsLeft).to.equal(1);
    expect(withFills!.lastFilled).to.equal('2026-04-02T16:00:00Z');
    expect(withFills!.ask).to.equal('refill');
    const [unknown] = medicinesOf({ prescriptions: [prescription('a')], today: '2026-06-01' });
    expect([unknown!.refillsLeft, unknown!.fillsKnown]).to.deep.equal([2, false]);
    // A server that answers with no fill at all (as for Synthea's patients) does not say it was never filled.
    const [none] = medicinesOf({ prescriptions: [prescription('a')], dispenses: [], today: '2026-06-01' });
    expect([none!.refillsLeft, none!.fillsKnown, none!.lastFilled]).to.deep.equal([2, false, undefined]);
  });

  it('decides refill or renewal: refills left and valid; none left; expired (the last valid day still refills); nothing for a past one', () => {
    const used = medicinesOf({ prescriptions: [prescription('a')], dispenses: ['01-02', '03-02', '05-02'].map((d) => fill('a', `2026-${d}`)), today: '2026-06-01' });
    expect(used[0]!.ask).to.equal('renewal');
    expect(medicinesOf({ prescriptions: [prescription('a')], dispenses: [], today: '2026-12-31' })[0]!.ask).to.equal('refill');
    const expired = medicinesOf({ prescriptions: [prescription('a')], dispenses: [], today: '2027-01-01' })[0]!;
    expect([expired.ask, expired.expired]).to.deep.equal(['renewal', true]);
    expect(requestKindFor({ status: 'completed', refillsLeft: 3, expired: false })).to.equal(undefined);
    expect(requestKindFor({ status: 'stopped', refillsLeft: 0, expired: true })).to.equal(undefined);
  });

  it('current by name first, then past newest first; entered in error left out; requests with their medicine, newest first', () => {
    const tasks: Task[] = ['2026-05-01', '2026-05-20'].map((day, i) => ({
      resourceType: 'Task', id: `t${i}`, status: i ? 'requested' : 'completed', intent: 'order', authoredOn: day,
      code: { coding: [{ system: TASK_CODE_SYSTEM, code: 'refill' }] }, focus: { reference: 'MedicationRequest/b' },
    }));
    const list = medicinesOf({
      prescriptions: [
        prescription('old', { status: 'stopped', authoredOn: '2020-01-01' }),
        prescription('b'),
        prescription('newer', { status: 'completed', authoredOn: '2024-01-01' }),
        prescription('a'),
        prescription('wrong', { status: 'entered-in-error' }),
      ],
      tasks,
      today: '2026-06-01',
    });
    expect(list.map((m) => m.id)).to.deep.equal(['a', 'b', 'newer', 'old']);
    expect(list[1]!.requests.map((r) => [r.id, r.pending])).to.deep.equal([['t1', true], ['t0', false]]);
  });
});
