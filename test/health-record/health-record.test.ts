import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Condition, DocumentReference, Immunization, Observation } from 'fhir/r4';
import '../../packages/health-record/src/define.js';
import type { HealthRecord } from '../../packages/health-record/src/index.js';
import { sandboxPerTest, type SentRequest, type Sandbox } from '../helpers/backend.js';
import { shadow, text, until } from '../helpers/element.js';
import { assertNoScriptRan, HOSTILE_PATIENT_ID, hostileResources, XSS_MARKER } from '../fixtures/hostile-data.js';

const words = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const section = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[data-section="${name}"]`);
const all = (root: Element | ShadowRoot | null | undefined, part: string) => [...(root?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? [])];
const names = (root: Element | null | undefined, part: string) => all(root, part).map((n) => words(n.querySelector('strong')));
/** An item's details as a person reads them: "Date: …; Dose: 2; Where: …". */
const details = (item: Element) => [...item.querySelectorAll('[part~="details"] .detail')].map((d) => `${words(d.querySelector('dt'))}: ${words(d.querySelector('dd'))}`).join('; ');
const loaded = (el: Element, name: string) => until(() => { const s = section(el, name); return s && !s.querySelector('[part~="skeleton"]') && s; }, `the ${name}`);

describe('<health-record> on the embedded FHIR server', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('signed out: asks to sign in', async () => {
    const el = await fixture<HealthRecord>(html`<health-record lang="en-US"></health-record>`);
    expect(text(el)).to.contain('Sign in to see your health record: conditions, allergies, immunizations, visits, notes and vital signs.');
    await expect(el).to.be.accessible();
  });

  it('summary: three sections read side by side, one request each with the people and places included, a few items each', async () => {
    const sent: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" lang="en-US"></health-record>`);
    await until(() => section(el, 'conditions')?.querySelector('[part~="skeleton"]'), 'the conditions loading');
    for (const name of ['conditions', 'allergies', 'immunizations', 'visits', 'notes', 'vitals']) await loaded(el, name);
    const reads = sent.filter((r) => r.method === 'GET' && !r.path.startsWith('metadata'));
    expect(reads.map((r) => r.path).sort()).to.deep.equal(['AllergyIntolerance', 'Condition', 'DocumentReference', 'Encounter', 'Immunization', 'Observation']);
    expect(reads.find((r) => r.path === 'Observation')!.params.get('category')).to.equal('vital-signs');
    expect(reads.find((r) => r.path === 'DocumentReference')!.params.get('category')).to.equal('clinical-note');
    expect(reads.find((r) => r.path === 'Encounter')!.params.getAll('_include')).to.deep.equal(['Encounter:participant', 'Encounter:location', 'Encounter:diagnosis']);
    expect(reads.find((r) => r.path === 'Immunization')!.params.getAll('_include')).to.deep.equal(['Immunization:location', 'Immunization:performer']);
    expect(reads.find((r) => r.path === 'Condition')!.params.getAll('_include')).to.deep.equal(['Condition:asserter']);
    // Maria has more than three current conditions: the summary shows three, current first, and offers the rest.
    const conditions = section(el, 'conditions')!;
    expect(all(conditions, 'condition').length).to.equal(3);
    expect(all(conditions, 'condition-active').length).to.equal(3);
    expect(words(conditions.querySelector('[part~="show-all"]'))).to.match(/^Show all \d+ conditions$/);
    expect(names(section(el, 'allergies'), 'allergy')).to.deep.equal(['Penicillin']);
    expect(words(section(el, 'allergies')!.querySelector('[part~="allergy-risk"]'))).to.equal('Mild reaction. Low risk of a serious reaction');
    expect(all(section(el, 'immunizations'), 'immunization').length).to.equal(3);
    await expect(el).to.be.accessible();
  });

  it('conditions in full: current, ruled out (Maria’s asthma, no clinical status) and resolved apart; names in words, since when, who recorded it', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="conditions" lang="en-US"></health-record>`);
    const conditions = await loaded(el, 'conditions');
    expect(names(conditions.querySelector('[part~="conditions-active"]'), 'condition')).to.include.members(['Type 2 diabetes', 'High cholesterol', 'High blood pressure', 'Chest tightness on exertion']);
    expect(names(conditions.querySelector('[part~="conditions-ruled-out"]'), 'condition')).to.deep.equal(['Asthma']);
    expect(names(conditions.querySelector('[part~="conditions-resolved"]'), 'condition')).to.deep.equal(['Chest cold (acute bronchitis)']);
    const asthma = conditions.querySelector('[data-condition-id="cond-maria-asthma-ruled-out"]')!;
    expect(words(asthma.querySelector('[part~="condition-status"]'))).to.equal('Ruled out');
    const diabetes = conditions.querySelector('[data-condition-id="cond-maria-diabetes"]')!;
    const stored = await client.read('Condition', 'cond-maria-diabetes');
    const day = new Date(`${stored.onsetDateTime!.slice(0, 10)}T12:00`).toLocaleDateString('en-US', { dateStyle: 'medium' });
    expect(details(diabetes)).to.equal(`Since: ${day}; Recorded by: ${stored.recorder!.display!}`);
    expect(words(conditions.querySelector('[data-condition-id="cond-maria-chest-pain"] [part~="condition-status"]'))).to.equal('Not confirmed yet');
    // The group headings count what is on record.
    expect(words(conditions.querySelector('h4'))).to.match(/^Current \(\d+\)$/);
    await expect(el).to.be.accessible();
  });

  it('a condition entered in error (James’s high blood pressure) is not shown', async () => {
    const client = await sandbox.client('james');
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="james" sections="conditions" lang="en-US"></health-record>`);
    const conditions = await loaded(el, 'conditions');
    const shown = names(conditions, 'condition');
    expect(shown).to.include('Seasonal allergies');
    expect(shown).not.to.include('High blood pressure');
    expect(conditions.querySelector('[data-condition-id="cond-james-hypertension-error"]') === null).to.equal(true);
  });

  it('allergies: “No known allergies” when the record says so (Aisha), “No allergies on record” when it merely holds none', async () => {
    const aisha = await fixture<HealthRecord>(html`<health-record .client=${await sandbox.client('aisha')} patient-id="aisha" sections="allergies" lang="en-US"></health-record>`);
    const stated = await loaded(aisha, 'allergies');
    expect(words(stated.querySelector('[part~="no-known-allergies"]'))).to.equal('No known allergies Your care team has recorded that you have no known allergies.');
    expect(all(stated, 'allergy').length).to.equal(0);
    expect(stated.querySelector('[part~="empty"]') === null).to.equal(true);
    await expect(aisha).to.be.accessible();

    const { client, patient } = await sandbox.newPatientClient();
    const none = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${patient} sections="allergies" lang="en-US"></health-record>`);
    const empty = await loaded(none, 'allergies');
    expect(empty.querySelector('[part~="no-known-allergies"]') === null).to.equal(true);
    expect(words(empty.querySelector('[part~="empty"]'))).to.contain('No allergies on record');
    await expect(none).to.be.accessible();
  });

  it('allergies in words: substance, reactions, severity and risk (Leo’s peanut allergy)', async () => {
    const el = await fixture<HealthRecord>(html`<health-record .client=${await sandbox.client('james', { patient: 'leo' })} patient-id="leo" sections="allergies" lang="en-US"></health-record>`);
    const allergies = await loaded(el, 'allergies');
    const peanut = allergies.querySelector('[data-allergy-id="allergy-leo-peanut"]')!;
    expect(words(peanut.querySelector('[part~="allergy-name"]'))).to.equal('Peanuts');
    expect(words(peanut.querySelector('[part~="allergy-risk"]'))).to.equal('Severe reaction. High risk of a serious reaction');
    expect(details(peanut)).to.match(/^Reactions: Anaphylaxis, Hives; Recorded: .+; Recorded by: .+$/);
    expect(words(peanut.querySelector('[part~="allergy-kind"]'))).to.equal('Food');
  });

  it('immunizations: date, dose, where and lot; Leo’s COVID vaccine not given, with why in words', async () => {
    const client = await sandbox.client('james', { patient: 'leo' });
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="leo" sections="immunizations" lang="en-US"></health-record>`);
    const list = await loaded(el, 'immunizations');
    const declined = await until(() => list.querySelector('[data-immunization-id="imm-leo-covid19-not-done"]'), 'the vaccine not given');
    expect(words(declined.querySelector('[part~="vaccine"]'))).to.equal('COVID-19 (Pfizer-BioNTech) Not given');
    expect(words(declined.querySelector('[part~="not-given-reason"]'))).to.equal('Why: Declined by parent');
    const { resources } = await client.searchAll('Immunization', { patient: 'Patient/leo' });
    const given = resources.find((i: Immunization) => i.status === 'completed' && i.lotNumber && i.protocolApplied)!;
    const item = list.querySelector(`[data-immunization-id="${given.id}"]`) ?? (await (async () => {
      list.querySelector<HTMLButtonElement>('[part~="load-more"]')?.click();
      return until(() => list.querySelector(`[data-immunization-id="${given.id}"]`), 'the given dose');
    })());
    const day = new Date(given.occurrenceDateTime!).toLocaleDateString('en-US', { dateStyle: 'medium' });
    expect(details(item)).to.equal(`Date: ${day}; Dose: ${given.protocolApplied![0]!.doseNumberPositiveInt}; Where: ${given.location!.display}; Lot: ${given.lotNumber}`);
    await expect(el).to.be.accessible();
  });

  it('loading: each section shows a skeleton named for it until its read answers', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Immunization', delayMs: 1500, times: 1 }]);
    const el = await fixture<HealthRecord>(html`<health-record .client=${await sandbox.client('maria')} patient-id="maria" lang="en-US"></health-record>`);
    const skeleton = await until(() => section(el, 'immunizations')?.querySelector('[part~="skeleton"]'), 'the immunizations skeleton');
    expect(words(skeleton)).to.contain('Loading immunizations…');
    await loaded(el, 'allergies');
    await expect(el).to.be.accessible();
    await loaded(el, 'immunizations');
  });

  it('records with only codes are named in words, never by a bare code; a reason given only as a code is worded', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const subject = { reference: `Patient/${patient}` };
    await sandbox.load([
      { resourceType: 'Condition', id: `${patient}-coded`, subject, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] }, code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] }, onsetDateTime: '2020-05-01' },
      { resourceType: 'Immunization', id: `${patient}-declined`, patient: subject, status: 'not-done', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '208' }] }, occurrenceDateTime: '2024-03-02', statusReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'IMMUNE' }] } },
      { resourceType: 'AllergyIntolerance', id: `${patient}-nka`, patient: subject, code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003' }] } },
      { resourceType: 'AllergyIntolerance', id: `${patient}-latex`, patient: subject, code: { text: 'Latex' }, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] } },
    ]);
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${patient} lang="en-US"></health-record>`);
    for (const name of ['conditions', 'allergies', 'immunizations']) await loaded(el, name);
    expect(words(section(el, 'conditions')!.querySelector('[part~="condition-name"]'))).to.equal('A condition with no name on record');
    expect(text(el)).not.to.contain('44054006');
    const declined = section(el, 'immunizations')!.querySelector('[part~="immunization-not-given"]')!;
    expect(words(declined.querySelector('[part~="vaccine"]'))).to.equal('A vaccine with no name on record Not given');
    expect(words(declined.querySelector('[part~="not-given-reason"]'))).to.equal('Why: Already immune');
    // A "no known allergies" record and a later allergy: the allergy is what is true now.
    expect(names(section(el, 'allergies'), 'allergy')).to.deep.equal(['Latex']);
    expect(section(el, 'allergies')!.querySelector('[part~="no-known-allergies"]') === null).to.equal(true);
  });

  it('past visits newest first, each with why, what was found, who and where (Maria’s chest-pain visit)', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="visits" lang="en-US"></health-record>`);
    const visits = await loaded(el, 'visits');
    const { resources: encounters } = await client.searchAll('Encounter', { patient: 'Patient/maria', status: 'finished' });
    const shown = all(visits, 'visit');
    expect(shown.length).to.equal(Math.min(encounters.length, 20));
    const newest = [...encounters].sort((a, b) => b.period!.start!.localeCompare(a.period!.start!));
    expect(shown.map((v) => v.dataset.encounterId)).to.deep.equal(newest.slice(0, shown.length).map((e) => e.id));
    const chest = encounters.find((e) => e.diagnosis?.some((d) => d.condition.reference === 'Condition/cond-maria-chest-pain'))!;
    const item = visits.querySelector(`[data-encounter-id="${chest.id}"]`)!;
    expect(details(item)).to.equal(
      `Why: Chest tightness when climbing stairs; What was found: Chest tightness on exertion; Seen by: ${chest.participant![0]!.individual!.display}; Where: ${chest.location![0]!.location.display}`,
    );
    await expect(el).to.be.accessible();
  });

  it('a visit’s summary (a note about that visit) is shown with it, its words read on request; visits alone still read the notes once', async () => {
    const sent: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="visits" lang="en-US"></health-record>`);
    const visits = await loaded(el, 'visits');
    const summary = await until(() => visits.querySelector<HTMLElement>('[part~="visit-summary"]'), 'a visit summary');
    const document = await client.read('DocumentReference', summary.dataset.documentId!);
    const visit = summary.closest<HTMLElement>('[part~="visit"]')!;
    expect(document.context!.encounter!.map((e) => e.reference)).to.deep.equal([`Encounter/${visit.dataset.encounterId}`]);
    expect(sent.filter((r) => r.path === 'DocumentReference').length).to.equal(1);
    const button = summary.querySelector<HTMLButtonElement>('[part~="read-note"]')!;
    expect(button.getAttribute('aria-label')).to.equal(`Read the note: ${document.type!.text ?? document.type!.coding![0]!.display}`);
    button.click();
    const body = await until(() => summary.querySelector('[part~="note-text"]'), 'the summary’s words');
    expect(words(body).length > 40).to.equal(true);
    // Its words as text: no markup of the HTML summary comes into the page.
    expect([...body.querySelectorAll('*')].map((n) => n.localName).join(',')).to.equal('bdi');
    await expect(el).to.be.accessible();
  });

  it('opened preset by another element: a named section in full, focus on its heading; no section: the summary', async () => {
    const el = await fixture<HealthRecord>(html`<health-record .client=${await sandbox.client('maria')} patient-id="maria" lang="en-US"></health-record>`);
    await loaded(el, 'immunizations');
    await el.open({ section: 'immunizations' });
    expect(shadow(el).querySelectorAll('[data-section]').length).to.equal(1);
    expect(shadow(el).activeElement?.id).to.equal('immunizations-heading-full');
    await el.open({ section: 'billing' });
    expect(shadow(el).querySelectorAll('[data-section]').length).to.equal(6);
    expect(shadow(el).activeElement?.id).to.equal('health-record-heading');
  });

  it('a visit’s diagnoses are named from the included Conditions: one ruled out says so, one entered in error is left out', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const subject = { reference: `Patient/${patient}` };
    const verified = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] });
    await sandbox.load([
      { resourceType: 'Condition', id: `${patient}-flu`, subject, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'resolved' }] }, verificationStatus: verified('confirmed'), code: { text: 'Flu' } },
      { resourceType: 'Condition', id: `${patient}-pneumonia`, subject, verificationStatus: verified('refuted'), code: { text: 'Pneumonia' } },
      { resourceType: 'Condition', id: `${patient}-wrong`, subject, verificationStatus: verified('entered-in-error'), code: { text: 'Heart failure' } },
      {
        resourceType: 'Encounter', id: `${patient}-visit`, status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2025-01-15T10:00:00Z' }, type: [{ text: 'Sick visit' }],
        reasonCode: [{ text: 'Fever and cough' }],
        diagnosis: [{ condition: { reference: `Condition/${patient}-wrong` }, rank: 1 }, { condition: { reference: `Condition/${patient}-flu` }, rank: 2 }, { condition: { reference: `Condition/${patient}-pneumonia` }, rank: 3 }],
      },
      { resourceType: 'Encounter', id: `${patient}-planned`, status: 'planned', class: { code: 'AMB' }, subject, period: { start: '2025-02-15T10:00:00Z' }, type: [{ text: 'Check-up' }] },
    ]);
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${patient} sections="visits" lang="en-US"></health-record>`);
    const visits = await loaded(el, 'visits');
    expect(all(visits, 'visit').map((v) => words(v.querySelector('[part~="visit-name"]')))).to.deep.equal(['Sick visit Jan 15, 2025']);
    expect(details(all(visits, 'visit')[0]!)).to.equal('Why: Fever and cough; What was found: Flu, Pneumonia (ruled out)');
  });

  it('notes newest first, with who wrote them; “Read the note” shows its words as plain text, read from the server once', async () => {
    const sent: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="notes" lang="en-US"></health-record>`);
    const notes = await loaded(el, 'notes');
    const { resources: documents } = await client.searchAll('DocumentReference', { patient: 'Patient/maria', category: 'clinical-note' });
    const current = documents.filter((d) => d.status === 'current').sort((a, b) => b.date!.localeCompare(a.date!));
    const shown = all(notes, 'clinical-note');
    expect(shown.map((n) => n.dataset.documentId)).to.deep.equal(current.slice(0, shown.length).map((d) => d.id));
    const progress = current.find((d) => d.content?.[0]?.attachment.contentType?.startsWith('text/plain'))!;
    const item = notes.querySelector<HTMLElement>(`[data-document-id="${progress.id}"]`) ?? (await (async () => {
      notes.querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
      return until(() => notes.querySelector<HTMLElement>(`[data-document-id="${progress.id}"]`), 'the progress note');
    })());
    expect(details(item)).to.contain(`Written by: ${progress.author![0]!.display}`);
    const expected = (await (await client.download(progress.content[0]!.attachment)).text()).trim();
    const button = item.querySelector<HTMLButtonElement>('[part~="read-note"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const before = sent.length;
    button.click();
    const body = await until(() => item.querySelector('[part~="note-text"]'), 'the note’s words');
    expect(body.textContent!.replace(/\s+/g, ' ').trim()).to.equal(expected.replace(/\s+/g, ' '));
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    button.click();
    await until(() => !item.querySelector('[part~="note-text"]'), 'the note closed');
    button.click();
    await until(() => item.querySelector('[part~="note-text"]'), 'the note open again');
    expect(sent.slice(before).map((r) => r.path)).to.deep.equal([progress.content[0]!.attachment.url]);
  });

  it('a note whose file fails to arrive says why and reads it again on “Try again”', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="notes" lang="en-US"></health-record>`);
    const notes = await loaded(el, 'notes');
    const item = all(notes, 'clinical-note').find((n) => n.querySelector('[part~="read-note"]'))!;
    await sandbox.injectFaults([{ method: 'GET', path: '^Binary', status: 400, times: 1 }]);
    item.querySelector<HTMLButtonElement>('[part~="read-note"]')!.click();
    const failed = await until(() => item.querySelector('[part~="error"]'), 'the error');
    await expect(el).to.be.accessible();
    failed.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    const body = await until(() => item.querySelector('[part~="note-text"]'), 'the note after trying again');
    expect(words(body).length > 20).to.equal(true);
  });

  it('hostile notes: markup in the title is text, an HTML note’s words are shown without any of its markup, a data: address is never read', async () => {
    const { client } = await sandbox.newPatientClient('maria', { id: HOSTILE_PATIENT_ID });
    const hostile = hostileResources().filter((r): r is DocumentReference => r.resourceType === 'DocumentReference' && r.id === 'doc-hostile-clinical-note');
    const url = hostile[0]!.content[0]!.attachment.url!;
    // The same markup, given inline by the server: its words shown as text.
    const inline = { ...hostile[0]!, id: 'doc-hostile-inline-note', date: '2026-01-03T09:00:00-05:00', content: [{ attachment: { contentType: 'text/html', data: url.slice(url.indexOf(',') + 1) } }] };
    // A note whose file is on another site (here the test page's): never read with or without the token.
    const elsewhere = { ...hostile[0]!, id: 'doc-hostile-elsewhere-note', date: '2026-01-02T09:00:00-05:00', content: [{ attachment: { contentType: 'text/plain', url: `${location.origin}/package.json` } }] };
    await sandbox.load([...hostile, inline, elsewhere]);
    try {
      const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${HOSTILE_PATIENT_ID} sections="notes" lang="en-US"></health-record>`);
      const notes = await loaded(el, 'notes');
      const dangerous = await until(() => notes.querySelector<HTMLElement>('[data-document-id="doc-hostile-clinical-note"]'), 'the hostile note');
      expect(words(dangerous.querySelector('[part~="note-title"]'))).to.contain('<img src=x');
      dangerous.querySelector<HTMLButtonElement>('[part~="read-note"]')!.click();
      await until(() => dangerous.querySelector('[part~="error"]'), 'the refusal');
      const away = notes.querySelector<HTMLElement>('[data-document-id="doc-hostile-elsewhere-note"]')!;
      away.querySelector<HTMLButtonElement>('[part~="read-note"]')!.click();
      await until(() => away.querySelector('[part~="error"]'), 'the refusal of a file elsewhere');
      expect(away.querySelector('[part~="note-text"]') === null).to.equal(true);
      const inlineNote = notes.querySelector<HTMLElement>('[data-document-id="doc-hostile-inline-note"]')!;
      inlineNote.querySelector<HTMLButtonElement>('[part~="read-note"]')!.click();
      const body = await until(() => inlineNote.querySelector('[part~="note-text"]'), 'the inline note’s words');
      expect(words(body)).to.equal('Progress note Open chart');
      expect(shadow(el).querySelectorAll('img, script, iframe, svg, a, h1').length).to.equal(0);
      assertNoScriptRan();
    } finally {
      delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    }
  });

  it('vital signs: the latest of each measure (blood pressure as top/bottom numbers), and in full each one’s values over time', async () => {
    const client = await sandbox.client('maria');
    const { resources } = await client.searchAll('Observation', { patient: 'Patient/maria', category: 'vital-signs' });
    const pressures = resources.filter((o) => o.code.coding?.some((c) => c.code === '85354-9')).sort((a, b) => b.effectiveDateTime!.localeCompare(a.effectiveDateTime!));
    const part = (o: Observation, code: string) => o.component!.find((c) => c.code.coding?.some((x) => x.code === code))!.valueQuantity!;
    const newest = pressures[0]!;
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="vitals" lang="en-US"></health-record>`);
    const vitals = await loaded(el, 'vitals');
    const pressure = await until(() => vitals.querySelector<HTMLElement>('[data-vital="85354-9"]'), 'blood pressure');
    expect(words(pressure.querySelector('[part~="vital-value"]'))).to.equal(`${part(newest, '8480-6').value}/${part(newest, '8462-4').value} ${part(newest, '8480-6').unit}`);
    // In full: a trend of the top and of the bottom number, every value in its table.
    const trends = all(pressure, 'vital-trend');
    expect(trends.length).to.equal(2);
    expect(trends[0]!.querySelectorAll('tbody tr').length).to.equal(pressures.length);
    // No value is flagged: the table has no empty column of flags.
    expect([...trends[0]!.querySelectorAll('thead th')].map((th) => words(th))).to.deep.equal(['When', 'Value']);
    expect(pressure.querySelector('svg') !== null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a device’s many decimals are read as a person writes them (Synthea’s 172.766 cm is 172.8 cm)', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const height = (id: string, value: number, day: string): Observation => ({
      resourceType: 'Observation', id: `${patient}-${id}`, status: 'final', subject: { reference: `Patient/${patient}` },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '8302-2', display: 'Body Height' }], text: 'Body Height' },
      effectiveDateTime: `${day}T10:00:00Z`, valueQuantity: { value, unit: 'cm', system: 'http://unitsofmeasure.org', code: 'cm' },
    });
    await sandbox.load([height('a', 172.766, '2020-11-02'), height('b', 171.04, '2019-10-28')]);
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${patient} sections="vitals" lang="en-US"></health-record>`);
    const vitals = await loaded(el, 'vitals');
    expect(words(vitals.querySelector('[part~="vital-value"]'))).to.equal('172.8 cm');
    expect([...vitals.querySelectorAll('[part~="vital-trend"] tbody td')].map((td) => words(td))).to.deep.equal(['172.8 cm', '171 cm']);
  });

  it('an empty record: each section says nothing is on record', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${patient} lang="en-US"></health-record>`);
    for (const name of ['conditions', 'allergies', 'immunizations', 'visits', 'notes', 'vitals']) await loaded(el, name);
    expect(all(shadow(el), 'empty').map((e) => words(e.querySelector('.state-heading')))).to.deep.equal(['No conditions on record', 'No allergies on record', 'No immunizations on record', 'No past visits on record', 'No clinicians’ notes on record', 'No vital signs on record']);
    await expect(el).to.be.accessible();
  });

  it('a section that fails says why and tries again; the others are shown meanwhile', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^AllergyIntolerance', status: 400, times: 1 }]);
    const el = await fixture<HealthRecord>(html`<health-record .client=${await sandbox.client('maria')} patient-id="maria" lang="en-US"></health-record>`);
    const failed = await until(() => section(el, 'allergies')?.querySelector('[part~="error"]'), 'the error');
    await loaded(el, 'conditions');
    expect(all(section(el, 'conditions'), 'condition').length).to.equal(3);
    await expect(el).to.be.accessible();
    failed.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await until(() => names(section(el, 'allergies'), 'allergy').includes('Penicillin'), 'the allergies after trying again');
  });

  it('hostile data: markup in a condition’s name and note is shown as text and runs nothing', async () => {
    const { client } = await sandbox.newPatientClient('maria', { id: HOSTILE_PATIENT_ID });
    await sandbox.load(hostileResources().filter((r): r is Condition => r.resourceType === 'Condition'));
    try {
      const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${HOSTILE_PATIENT_ID} lang="en-US"></health-record>`);
      const conditions = await loaded(el, 'conditions');
      const item = await until(() => conditions.querySelector('[data-condition-id="cond-hostile-markup"]'), 'the hostile condition');
      expect(item.querySelectorAll('img, script, a').length).to.equal(0);
      expect(words(item.querySelector('[part~="condition-name"]'))).to.contain('<script>');
      expect(words(item.querySelector('[part~="condition-note"]'))).to.contain('<a href="javascript:');
      assertNoScriptRan();
    } finally {
      delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    }
  });

  it('very long data at 320 px, by keyboard: “Show all” opens the section in full, “Show more” adds the next page and moves focus, “Back” returns', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const long = 'Diphtheriatetanusacellularpertussisinactivatedpoliovirus'.repeat(2);
    await sandbox.load(
      Array.from({ length: 45 }, (_, i) => ({
        resourceType: 'Immunization', id: `${patient}-${i}`, status: 'completed', patient: { reference: `Patient/${patient}` },
        vaccineCode: { text: `${long} ${i}` }, occurrenceDateTime: `20${String(10 + (i % 15)).padStart(2, '0')}-0${(i % 9) + 1}-1${i % 10}`, lotNumber: `LOT${i}`,
      })),
    );
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id=${patient} lang="en-US"></health-record>`);
      const summary = await loaded(el, 'immunizations');
      const showAll = summary.querySelector<HTMLButtonElement>('[part~="show-all"]')!;
      expect(words(showAll)).to.equal('Show all 45 immunizations');
      showAll.focus();
      await sendKeys({ press: 'Enter' });
      const full = await until(() => shadow(el).querySelector('.full'), 'the full view');
      expect(shadow(el).activeElement?.id).to.equal('immunizations-heading-full');
      expect(all(full, 'immunization').length).to.equal(20);
      expect(el.scrollWidth <= 320).to.equal(true);
      expect(shadow(el).querySelector('.health-record')!.scrollWidth <= el.clientWidth).to.equal(true);
      await expect(el).to.be.accessible();
      full.querySelector<HTMLButtonElement>('[part~="load-more"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => all(full, 'immunization').length === 40, 'the second page');
      await until(() => shadow(el).activeElement === all(full, 'immunization')[20], 'focus on the first added');
      expect(words(shadow(el).querySelector('[role="status"]'))).to.equal('20 more shown');
      shadow(el).querySelector<HTMLButtonElement>('[part~="back"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => shadow(el).activeElement?.getAttribute('part') === 'show-all', `focus back on “Show all”, not ${shadow(el).activeElement?.outerHTML.slice(0, 80)}`);
      expect(all(shadow(el), 'section').length).to.equal(6);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  for (const size of [{ name: '200 % zoom on a 1280 px desktop', width: 640, lang: 'en-US' }, { name: '200 % zoom on a 640 px desktop, in Arabic', width: 320, lang: 'ar' }]) {
    it(`${size.name}: every section of a full record fits, nothing wider than the page`, async () => {
      await setViewport({ width: size.width, height: 800 });
      try {
        const el = await fixture<HealthRecord>(html`<health-record .client=${await sandbox.client('maria')} patient-id="maria" lang=${size.lang}></health-record>`);
        for (const name of ['conditions', 'allergies', 'immunizations', 'visits', 'notes', 'vitals']) await loaded(el, name);
        expect(document.documentElement.scrollWidth <= size.width).to.equal(true);
        const wide = [...shadow(el).querySelectorAll<HTMLElement>('*')].filter((n) => n.getBoundingClientRect().right > size.width + 0.5 || n.getBoundingClientRect().left < -0.5);
        expect(wide.map((n) => n.getAttribute('part') ?? n.localName)).to.deep.equal([]);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('sections: unknown names ignored, the named ones in the element’s order; Spanish and Arabic (right to left)', async () => {
    const client = await sandbox.client('maria');
    const two = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="immunizations bogus allergies" lang="es"></health-record>`);
    await until(() => all(shadow(two), 'section').length === 2 && section(two, 'immunizations'), 'two sections');
    expect(all(shadow(two), 'section').map((s) => s.dataset.section)).to.deep.equal(['allergies', 'immunizations']);
    await until(() => words(section(two, 'allergies')?.querySelector('h3')) === 'Alergias', 'the Spanish headings');
    const ar = await fixture<HealthRecord>(html`<health-record .client=${client} patient-id="maria" sections="allergies" lang="ar"></health-record>`);
    const allergies = await loaded(ar, 'allergies');
    await until(() => words(shadow(ar).querySelector('h2')) === 'السجل الصحي', 'the Arabic heading');
    expect(shadow(ar).querySelector('.health-record')!.getAttribute('dir')).to.equal('rtl');
    expect(words(allergies.querySelector('[part~="allergy-risk"]'))).to.equal('تفاعل خفيف. خطر منخفض لتفاعل خطير');
    await expect(ar).to.be.accessible();
  });
});
