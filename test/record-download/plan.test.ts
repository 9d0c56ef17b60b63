import { expect } from '@open-wc/testing';
import type { CapabilityStatement } from 'fhir/r4';
import { planExport, typesForKinds } from '../../packages/record-download/src/index.js';

/** A CapabilityStatement offering search on these types, with these search parameters (none listed: all standard ones). */
function capability(types: Record<string, string[]>, interactions: Record<string, string[]> = {}): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2024-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    rest: [{ mode: 'server', resource: Object.entries(types).map(([type, params]) => ({
      type,
      interaction: (interactions[type] ?? ['read', 'search-type']).map((code) => ({ code: code as 'read' })),
      searchParam: params.map((name) => ({ name, type: 'token' as const })),
    })) }],
  };
}

const all = () => true;

describe('the export plan', () => {
  it('searches each type by the parameters tying it to the patient, narrowed by its own date parameter', () => {
    const plan = planExport(capability({ Patient: [], Observation: [], Condition: [], Coverage: [] }), all, { patientId: 'p1', kinds: ['labs', 'billing', 'other'], dateRange: { from: '2024-01-01', to: '2024-12-31' } });
    const observation = plan.types.find((t) => t.type === 'Observation')!;
    expect(observation.searches).to.deep.equal([
      { _count: '200', date: ['ge2024-01-01', 'le2024-12-31'], patient: 'Patient/p1' },
      { _count: '200', date: ['ge2024-01-01', 'le2024-12-31'], performer: 'Patient/p1' },
    ]);
    expect(observation.kinds).to.deep.equal(['labs', 'other']);
    expect(plan.types.find((t) => t.type === 'Condition')!.searches[0]).to.deep.equal({ _count: '200', 'recorded-date': ['ge2024-01-01', 'le2024-12-31'], patient: 'Patient/p1' });
    expect(plan.types.find((t) => t.type === 'Patient')!.searches).to.deep.equal([{ _count: '200', _id: 'p1' }]);
    // Coverage has no date: it comes whole, and the summary says so.
    expect(plan.types.filter((t) => t.undated).map((t) => t.type).sort()).to.deep.equal(['Coverage', 'Patient']);
  });

  it('labs alone ask for laboratory Observations; with "other" too, for all of them once', () => {
    const labs = typesForKinds(['labs']).find((t) => t.entry.type === 'Observation')!;
    expect(labs.narrowed).to.equal(true);
    const plan = planExport(capability({ Observation: [] }), all, { patientId: 'p1', kinds: ['labs'] });
    expect(plan.types.find((t) => t.type === 'Observation')!.searches[0]).to.deep.include({ category: 'laboratory' });
    const both = planExport(capability({ Observation: [] }), all, { patientId: 'p1', kinds: ['other', 'labs'] });
    expect(both.types.filter((t) => t.type === 'Observation').length).to.equal(1);
    expect(both.types.find((t) => t.type === 'Observation')!.searches[0]).to.not.have.property('category');
  });

  it('leaves out, with the reason, what the server does not offer, what the scopes refuse and parameters it does not know', () => {
    const scopes = (type: string) => type !== 'Condition' && type !== 'Medication';
    const plan = planExport(
      capability({ Patient: [], Condition: [], Encounter: ['patient'], MedicationRequest: ['patient', 'authoredon'], DiagnosticReport: ['code'], Specimen: [] }, { Specimen: ['read'] }),
      scopes,
      { patientId: 'p1', dateRange: { from: '2024-01-01' } },
    );
    const reason = (type: string) => plan.skipped.find((s) => s.type === type)?.reason;
    expect(reason('Condition')).to.equal('scope');
    expect(plan.skipped.find((s) => s.type === 'Condition')!.detail).to.equal('patient/Condition.rs');
    expect(reason('Immunization')).to.equal('not-offered');
    expect(reason('Specimen'), 'offered, but not searched').to.equal('not-offered');
    expect(reason('DiagnosticReport'), 'no patient parameter listed').to.equal('not-offered');
    // Encounter's `date` is not listed: not narrowed, and said so.
    const encounter = plan.types.find((t) => t.type === 'Encounter')!;
    expect(encounter.searches).to.deep.equal([{ _count: '200', patient: 'Patient/p1' }]);
    expect(encounter.undated).to.equal(true);
    // No Medication scope: no _include of it.
    expect(plan.types.find((t) => t.type === 'MedicationRequest')!.searches).to.deep.equal([{ _count: '200', authoredon: ['ge2024-01-01'], patient: 'Patient/p1' }]);
    expect(plan.skipped.every((s) => s.kinds.length > 0)).to.equal(true);
  });

  it('fetches payments, owned through the invoices they pay, after everything else', () => {
    const plan = planExport(capability({ Invoice: [], PaymentReconciliation: [], Observation: [] }), all, { patientId: 'p1', kinds: ['billing', 'labs'] });
    expect(plan.types.at(-1)!.type).to.equal('PaymentReconciliation');
    expect(plan.types.at(-1)!.searches).to.deep.equal([{ _count: '200' }]);
    expect(plan.types.at(-1)!.ownedThrough).to.deep.equal(['detail.request']);
    // Without the invoices, the payments cannot be told apart: they are left out, and the summary says why.
    const noInvoices = planExport(capability({ Invoice: [], PaymentReconciliation: [] }), (type) => type !== 'Invoice', { patientId: 'p1', kinds: ['billing'] });
    expect(noInvoices.types.map((t) => t.type)).to.deep.equal([]);
    expect(noInvoices.skipped.find((s) => s.type === 'PaymentReconciliation')).to.deep.include({ reason: 'scope', detail: 'Kept by the Invoice it belongs to, which is not exported (patient/Invoice.rs).' });
  });
});
