import { expect } from '@open-wc/testing';
import type { Invoice, PaymentReconciliation } from 'fhir/r4';
import { loadChargeItems, loadInsurance, loadStatements } from '../../packages/bill-pay/src/billing/read-billing.js';
import { toMinor } from '../../packages/bill-pay/src/model/money.js';
import { balanceOf } from '../../packages/bill-pay/src/model/statements.js';
import { Sandbox } from '../helpers/backend.js';

describe('bill-pay statements on the embedded FHIR server', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('the balance is the open statements’ totals less the payments the server recorded on them', async () => {
    const client = await sandbox.client('maria');
    const statements = await loadStatements(client, { patientId: 'maria' });
    // The same sum, worked out directly from what the server holds.
    const { resources: invoices } = await client.searchAll('Invoice', { subject: 'Patient/maria' });
    const { resources: payments } = await client.searchAll('PaymentReconciliation', {});
    let expected = 0;
    for (const invoice of invoices as Invoice[]) {
      if (invoice.status === 'cancelled' || invoice.status === 'balanced' || invoice.status === 'entered-in-error') continue;
      const paid = (payments as PaymentReconciliation[])
        .filter((p) => p.outcome === 'complete')
        .flatMap((p) => p.detail ?? [])
        .filter((d) => d.request?.reference === `Invoice/${invoice.id}`)
        .reduce((sum, d) => sum + toMinor(d.amount)!.minor, 0);
      expected += Math.max(0, toMinor(invoice.totalNet)!.minor - paid);
    }
    const balance = balanceOf(statements);
    expect(balance.owedMinor).to.equal(expected);
    expect(balance.owedMinor > 0).to.equal(true, 'maria owes something in the seed');
    expect(statements.length).to.equal((invoices as Invoice[]).filter((i) => i.status !== 'entered-in-error' && i.status !== 'draft').length);
    const dates = statements.map((s) => s.date ?? '');
    expect(dates).to.deep.equal([...dates].sort().reverse(), 'newest first');
    expect(statements.some((s) => s.state === 'partly-paid')).to.equal(true, 'one statement partly paid in the seed');
    expect(balance.dueDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a statement’s lines: the charge, the adjustments and what insurance paid add up to the patient’s share', async () => {
    const client = await sandbox.client('maria');
    const statements = await loadStatements(client, { patientId: 'maria' });
    for (const statement of statements) {
      const shares = statement.lines.reduce((sum, line) => sum + line.patientShare, 0);
      expect(shares).to.equal(statement.totalMinor, `statement ${statement.number}`);
    }
    const withInsurance = statements.find((s) => s.lines.some((l) => l.parts.some((p) => p.label?.startsWith('Paid by'))))!;
    const ids = withInsurance.invoice.lineItem!.map((item) => item.chargeItemReference!.reference!.split('/')[1]!);
    const charges = await loadChargeItems(client, ids);
    expect([...charges.keys()].sort()).to.deep.equal([...ids].sort());
    expect([...charges.values()].every((c) => !!c.occurrenceDateTime)).to.equal(true, 'each line has its date of service');
  });

  it('insurance: plan, payer, member and group ids, subscriber, primary first', async () => {
    const client = await sandbox.client('maria');
    const plans = await loadInsurance(client, { patientId: 'maria' });
    expect(plans.length >= 1).to.equal(true);
    expect(plans[0]!.order).to.equal(1);
    expect(plans[0]!.payer).to.be.a('string');
    expect(plans[0]!.plan).to.be.a('string');
    expect(plans[0]!.memberId).to.be.a('string');
    expect(plans[0]!.group).to.be.a('string');
  });

  it('another patient’s statements and payments never come back', async () => {
    const client = await sandbox.client('maria');
    const statements = await loadStatements(client, { patientId: 'james' }).catch((error: { kind?: string }) => error);
    const refused = !Array.isArray(statements) || statements.length === 0;
    expect(refused).to.equal(true);
  });
});
