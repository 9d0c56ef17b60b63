import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Bundle, DocumentReference, Immunization, MedicationRequest, Patient, Resource } from 'fhir/r4';
import type { Locator, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { attachmentBytes, type Demo, fhirRead, sessionAccessToken, signInOn, startDemo } from './demo.js';

/** The visitor's zone and language. */
const ZONE = 'America/New_York';
const LOCALE = 'en-US';

/**
 * The types the export must hold exactly as the server lists them for Maria (`<type>?patient=maria`): the
 * clinical record. Other types reach the file through other links to her too (a message's sender, a
 * payment's invoice), so for them the server's `patient` search is only a part of what the file holds.
 */
const EXACT_TYPES = ['Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Immunization', 'Encounter', 'DocumentReference', 'DiagnosticReport'] as const;

/** Every `type/id` a search finds on the server, following its `next` links. */
async function serverKeys(demo: Demo, token: string, search: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let url: string | undefined = `${demo.backend.fhirBaseUrl}/${search}`;
  while (url) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' } });
    if (response.status !== 200) return keys;
    const bundle = (await response.json()) as Bundle;
    for (const entry of bundle.entry ?? []) if (entry.search?.mode !== 'include' && entry.resource) keys.add(`${entry.resource.resourceType}/${entry.resource.id}`);
    url = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  return keys;
}

/** The text Chromium's print to PDF of the page holds, all pages, its white space collapsed. */
async function printedText(page: Page): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/**
 * Whether `phrase` is in the extracted `text`. The extractor gives Arabic as the PDF's glyphs: shaped
 * forms (U+FExx, folded back to letters by NFKC), in an order of its own (visual, right to left, with
 * letters and spaces sometimes shifted by a place). So an Arabic phrase counts when its letters, spaces
 * left out, stand together in the text in any order (no other words of the page are such an anagram).
 */
function hasPhrase(text: string, phrase: string): boolean {
  if (text.includes(phrase)) return true;
  const letters = [...text.normalize('NFKC').replace(/\s+/g, '')];
  const wanted = [...phrase.normalize('NFKC').replace(/\s+/g, '')].sort().join('');
  for (let start = 0; start + wanted.length <= letters.length; start++) {
    if (letters.slice(start, start + wanted.length).sort().join('') === wanted) return true;
  }
  return false;
}

/** Opens one of the element's views by its tab. */
async function openView(record: Locator, name: string): Promise<void> {
  await record.locator('[part="tabs"]').getByRole('button', { name, exact: true }).click();
}

describe('the record on the demo hospital site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('exports the whole record, saves a visit summary and prints the summary in English, Spanish and Arabic', async () => {
    const { page, cspViolations, pageErrors } = await demo.newPage({ timezoneId: ZONE, locale: LOCALE, acceptDownloads: true });
    await signInOn(demo, page, 'my-health.html');
    const record = page.locator('portal-session record-download');
    await record.getByRole('heading', { name: 'Your record', level: 2 }).waitFor();
    assert.equal(await page.locator('[data-replace-with="record-download"]').count(), 0, 'no "Coming soon" card for the record');
    const token = await sessionAccessToken(page);

    // Everything: Start, wait for the end, Save the file: the file is Maria's record as the server holds it.
    await record.getByRole('button', { name: 'Start', exact: true }).click();
    const save = record.getByRole('button', { name: 'Save the file' });
    await save.waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    assert.match(download.suggestedFilename(), /^health-record-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as Bundle;
    assert.equal(file.resourceType, 'Bundle');
    assert.equal(file.type, 'collection');
    const resources = (file.entry ?? []).map((e) => e.resource as Resource);
    const inFile = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    assert.equal(inFile.size, resources.length, 'each resource once');
    assert.ok(inFile.has('Patient/maria'), 'her Patient resource');
    for (const type of EXACT_TYPES) {
      const held = await serverKeys(demo, token, `${type}?patient=maria&_count=200`);
      const exported = [...inFile].filter((key) => key.startsWith(`${type}/`));
      assert.ok(held.size > 0, `the server holds ${type} for Maria`);
      assert.deepEqual(exported.sort(), [...held].sort(), `${type}: the file holds what the server holds for Maria`);
    }
    // Every other type the file holds: at least what the server's patient search finds, and nobody else's record.
    for (const type of new Set(resources.map((r) => r.resourceType))) {
      if ((EXACT_TYPES as readonly string[]).includes(type) || type === 'Patient') continue;
      const held = await serverKeys(demo, token, `${type}?patient=maria&_count=200`);
      assert.deepEqual([...held].filter((key) => !inFile.has(key)), [], `${type}: nothing the server lists for Maria is missing`);
    }
    const otherPatients = resources.filter((r) => r.resourceType === 'Patient' && r.id !== 'maria');
    assert.deepEqual(otherPatients.map((p) => p.id), [], 'no other patient');
    await record.getByText(/^Saved as health-record-/).waitFor();

    // Documents: a visit summary's PDF, saved with her sign-in: the bytes are the server's Binary.
    await openView(record, 'Documents');
    const visitSummary = record.locator('[part="document"][data-document-id$="-visit-summary"]').first();
    const documentId = (await visitSummary.getAttribute('data-document-id'))!;
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), visitSummary.locator('[part="format-button"][data-kind="pdf"]').click()]);
    const documentReference = await fhirRead<DocumentReference>(demo, token, `DocumentReference/${documentId}`);
    const attachment = documentReference.content.find((c) => c.attachment.contentType === 'application/pdf')!.attachment;
    const saved = await readFile((await pdfDownload.path())!);
    assert.ok(saved.subarray(0, 5).toString('latin1') === '%PDF-', 'a PDF');
    assert.ok(saved.equals(await attachmentBytes(demo, token, attachment)), 'the bytes are the server’s');

    // Summary, printed to PDF by Chromium: her name, a vaccine, a medication, in English.
    const patient = await fhirRead<Patient>(demo, token, 'Patient/maria');
    const family = patient.name![0]!.family!;
    const immunizations = await fhirRead<Bundle>(demo, token, 'Immunization?patient=maria');
    const vaccine = (immunizations.entry ?? []).map((e) => e.resource as Immunization).find((i) => i.status === 'completed' && i.vaccineCode.text)!.vaccineCode.text!;
    const medications = await fhirRead<Bundle>(demo, token, 'MedicationRequest?patient=maria&status=active');
    const medication = (medications.entry ?? []).map((e) => e.resource as MedicationRequest).find((m) => m.medicationCodeableConcept?.text)!.medicationCodeableConcept!.text!;
    await openView(record, 'Summary');
    await record.locator('[part~="summary-immunizations"]').waitFor();
    const english = await printedText(page);
    for (const expected of ['Patient details', family, vaccine, medication]) assert.ok(english.includes(expected), `the printed summary says "${expected}"`);

    // The same in Spanish and Arabic, through the site's language switcher.
    for (const [lang, headings] of [
      ['es', ['Datos del paciente', 'Vacunas', 'Medicamentos']],
      ['ar', ['بيانات المريض', 'التطعيمات', 'الأدوية']],
    ] as const) {
      await page.locator(`.lang-switch button[data-lang="${lang}"]`).click();
      await record.locator('[part~="summary-patient"]', { hasText: headings[0] }).waitFor();
      const printed = await printedText(page);
      for (const heading of headings) assert.ok(hasPhrase(printed, heading), `${lang}: the printed summary says "${heading}" (${printed.slice(0, 200)}…)`);
      assert.ok(printed.includes(family), `${lang}: her name`);
    }

    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });
});
