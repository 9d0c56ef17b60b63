/**
 * The Custom Elements Manifest each package ships (`dist/custom-elements.json`, after
 * `npm run build:packages`) documents what the READMEs document: every element's attributes (with a
 * type, and the default the README gives), properties, events (with their type), slots, CSS parts and
 * `--portico-*` custom properties (docs/theming.md). The manifest is generated from the elements'
 * JSDoc, so a `@csspart`, `@fires` or `@property` comment that goes missing fails here, by name.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_FOLDERS, WORKSPACE, distDir, type PackageFolder } from './built-files.js';

interface Entry {
  name: string;
  type?: { text: string };
  default?: string;
  fieldName?: string;
  attribute?: string;
  kind?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Entry[];
  members?: Entry[];
  events?: Entry[];
  slots?: Entry[];
  cssParts?: Entry[];
  cssProperties?: Entry[];
}
interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: Declaration[] }[];
}

/** An attribute as the README gives it: its name and, where the README says one, its default (as the manifest writes it). */
type DocumentedAttribute = readonly [name: string, defaultValue?: string];

interface DocumentedElement {
  pkg: PackageFolder;
  attributes: readonly DocumentedAttribute[];
  /** Properties with no attribute (`.client`, `.scheduler`…). */
  properties: readonly string[];
  events: readonly string[];
  slots: readonly string[];
  parts: readonly string[];
}

/** The state parts every element has (docs/theming.md, "Parts"). */
const STATE_PARTS = ['skeleton', 'empty', 'empty-heading', 'empty-message', 'error', 'error-message', 'error-detail', 'retry-button', 'signed-out', 'signed-out-heading', 'signed-out-message', 'action-button'] as const;

/** `theme="dark" | "auto"` on any element (README.md, docs/theming.md "Dark mode"). */
const THEME: DocumentedAttribute = ['theme', "'light'"];

/**
 * What the READMEs document: packages/appointment-booker/README.md, packages/lab-results/README.md,
 * packages/message-inbox/README.md, packages/bill-pay/README.md and packages/record-download/README.md for their elements; README.md ("Sign-in modes", events, `part="acting-for"`), docs/navigation.md
 * (`navigate-url`) and docs/theming.md for core's `portal-session` and `patient-banner`.
 */
const DOCUMENTED: Record<string, DocumentedElement> = {
  'portal-session': {
    pkg: 'core',
    attributes: [
      ['fhir-base-url'],
      ['client-id'],
      ['scope'],
      ['redirect-uri'],
      ['offline-access', 'false'],
      ['auth', "'smart'"],
      ['oidc-authority'],
      ['patient-claim'],
      ['patient-id'],
      ['fhir-user'],
      ['storage-key'],
      ['locale'],
      ['navigate-url'],
      ['idle-timeout-minutes', '15'],
      THEME,
    ],
    properties: ['accessToken', 'getAccessToken'],
    events: ['portico-session-change', 'portico-sign-in-requested'],
    slots: ['', 'sign-in'],
    parts: ['acting-for', 'sign-in-button', 'sign-out-button', ...STATE_PARTS],
  },
  'patient-banner': {
    pkg: 'core',
    attributes: [['patient-id'], THEME],
    properties: ['client', 'patient'],
    events: [],
    slots: [],
    parts: ['banner', 'name', 'details', 'switch-button', ...STATE_PARTS],
  },
  'appointment-booker': {
    pkg: 'appointment-booker',
    attributes: [
      ['view', "'book'"],
      ['service-type'],
      ['practitioner'],
      ['location'],
      ['days-ahead', '90'],
      ['min-notice-hours', '2'],
      ['cancel-cutoff-hours', '24'],
      ['clinic-phone'],
      ['ics-include-reason', 'false'],
      ['no-waitlist', 'false'],
      ['scheduling-path', "'auto'"],
      ['viewer-time-zone'],
      ['patient-id'],
      THEME,
    ],
    properties: ['client', 'scheduler'],
    events: ['portico-appointment-booked', 'portico-appointment-requested', 'portico-appointment-cancelled'],
    slots: [],
    parts: [
      'tabs', 'filters', 'calendar', 'calendar-heading', 'month-button', 'grid', 'weekday', 'day', 'day-selected', 'day-today',
      'day-has-times', 'day-unavailable', 'day-marker', 'times', 'time-button', 'review', 'confirm-button', 'confirmation',
      'visit', 'notice', 'contact', 'load-more', ...STATE_PARTS,
    ],
  },
  'lab-results': {
    pkg: 'lab-results',
    attributes: [['category', "'laboratory'"], ['since'], ['page-size', '20'], ['show-trends', 'true'], ['no-pdf', 'false'], ['note'], ['patient-id'], THEME],
    properties: ['client'],
    events: ['portico-navigate'],
    slots: ['note'],
    parts: ['note', 'filters', 'report', 'report-button', 'results', 'flag', 'new-badge', 'trend', 'load-more', 'follow-up-button', ...STATE_PARTS],
  },
  'message-inbox': {
    pkg: 'message-inbox',
    attributes: [
      ['patient-id'],
      ['recipient', "''"],
      ['emergency-number', "''"],
      ['reply-time', "''"],
      ['fee-notice', "''"],
      ['contact-phone', "''"],
      ['accept', "'application/pdf,image/jpeg,image/png,image/heic'"],
      ['max-file-size'],
      ['max-message-size'],
      ['poll-seconds', '60'],
      THEME,
    ],
    properties: ['client', 'messageService', 'unreadCount'],
    events: ['portico-unread-change', 'portico-navigate'],
    slots: ['contact'],
    parts: [
      'threads', 'thread', 'thread-unread', 'thread-button', 'unread-badge', 'conversation', 'back-button', 'messages', 'message',
      'message-unread', 'message-text', 'attachment', 'attachment-button', 'thumbnail', 'load-more', 'new-message-button', 'compose',
      'emergency-notice', 'recipient', 'topic', 'subject', 'message-input', 'file-input', 'chosen-file', 'attach-again', 'fee-notice',
      'send-button', 'send-error', 'cancel-button', 'elsewhere-button', 'read-only', ...STATE_PARTS,
    ],
  },
  'bill-pay': {
    pkg: 'bill-pay',
    attributes: [['patient-id'], ['view', "'statements'"], ['processor-url', "''"], ['billing-phone', "''"], ['help-href', "''"], THEME],
    properties: ['client', 'processor'],
    events: ['portico-payment-start', 'portico-navigate'],
    slots: ['processor'],
    parts: [
      'balance', 'balance-amount', 'tabs', 'statements', 'statement', 'statement-button', 'state', 'statement-detail', 'back-button', 'print-button', 'lines',
      'line', 'totals', 'insurance', 'plan', 'payments', 'payment', 'pay-open-button', 'pay-form', 'statement-choice', 'amount-input',
      'amount-problem', 'pay-button', 'payment-stage', 'payment-processing', 'payment-not-completed', 'receipt', 'help', 'explanation', 'pay-unavailable', ...STATE_PARTS,
    ],
  },
  'record-download': {
    pkg: 'record-download',
    attributes: [['views'], ['view'], ['help-href', "''"], ['patient-id'], THEME],
    properties: ['client', 'views'],
    events: ['portico-record-downloaded', 'portico-navigate'],
    slots: [],
    parts: [
      'tabs', 'export', 'export-form', 'export-kinds', 'export-dates', 'export-format', 'export-problem', 'export-start-button', 'export-stopped',
      'export-progress', 'export-progress-words', 'export-announcement', 'export-cancel-button', 'export-done', 'export-counts', 'export-left-out',
      'export-save-button', 'export-again-button', 'export-type-files', 'export-saved', 'other-forms', 'ips-button', 'ccd-button', 'other-forms-outcome',
      'print-button', 'summary', 'summary-date', 'summary-patient', 'summary-section', 'documents', 'document-filters', 'documents-count', 'document',
      'added-badge', 'format-button', 'download-button', 'document-problem', 'document-viewer', 'document-frame', 'document-text', 'document-image',
      'add-document', 'add-form', 'add-elsewhere', 'immunization-record', 'immunization-patient', 'immunizations', 'immunizations-print-button',
      'health-card', 'health-card-qr', 'health-card-too-large', 'health-card-download', 'health-card-issuer', 'health-card-patient',
      'health-card-vaccines', 'health-card-refused', 'summary-problems', 'summary-allergies', 'summary-medications', 'summary-immunizations',
      'summary-results', 'summary-visits', 'summary-care-team', 'type-filter', 'from-filter', 'to-filter', 'close-document', 'file-input',
      'chosen-file', 'added-type', 'added-date', 'add-problem', 'add-button', 'cancel-add', 'message-clinic', 'help-link', 'immunization',
      'not-given', ...STATE_PARTS,
    ],
  },
  'medication-list': {
    pkg: 'medications',
    attributes: [['patient-id'], ['help-href', "''"], THEME],
    properties: ['client', 'refills'],
    events: [],
    slots: [],
    parts: [
      'medicines', 'current', 'past', 'no-current', 'medicine', 'medicine-current', 'medicine-past', 'medicine-name', 'medicine-status', 'dose', 'details',
      'requests', 'request', 'request-pending', 'request-answered', 'request-status', 'withdraw-button', 'ask', 'ask-button', 'ask-reason', 'ask-link',
      'ask-offline', 'request-form', 'note-input', 'pharmacy-choice', 'send-button', 'cancel-button', 'request-error', 'sent', ...STATE_PARTS,
    ],
  },
  'health-record': {
    pkg: 'health-record',
    attributes: [['patient-id'], ['sections'], THEME],
    properties: ['client', 'sections'],
    events: [],
    slots: [],
    parts: ['section', 'show-all', 'back', 'load-more', 'details', 'conditions', 'condition', 'condition-name', 'condition-status', 'condition-note', 'no-active-conditions', 'allergies', 'allergy', 'allergy-name', 'allergy-status', 'allergy-risk', 'allergy-kind', 'reaction-description', 'allergy-note', 'no-known-allergies', 'immunizations', 'immunization', 'vaccine', 'immunization-status', 'not-given-reason', 'visits', 'visit', 'visit-name', 'clinical-notes', 'clinical-note', 'note-title', 'note-description', 'read-note', 'note-text', 'note-elsewhere', 'vitals', 'vital', 'vital-name', 'vital-value', 'vital-trend', ...STATE_PARTS],
  },
  'health-reminders': {
    pkg: 'health-record',
    attributes: [['patient-id'], ['days-ahead'], ['vaccine-service-type'], ['screening-service-type', "''"], ['book-href', "''"], THEME],
    properties: ['client'],
    events: ['portico-navigate'],
    slots: [],
    parts: [
      'group', 'reminder', 'reminder-name', 'reminder-kind', 'reminder-when', 'details', 'reminder-why', 'reminder-instructions', 'reminder-actions',
      'book-button', 'book-link', 'calendar-button', 'change-visit', 'elsewhere-button', 'partial', ...STATE_PARTS,
    ],
  },
};

/**
 * Parts the lab-results README documents that its element's JSDoc does not list yet (the trend chart's
 * and the narrow layout's): checked apart, as a known gap, until `@csspart` lines document them.
 */
const LAB_RESULTS_CHART_PARTS = ['flag-inline', 'trend-chart', 'range-band', 'trend-line', 'point', 'point-abnormal', 'trend-table'] as const;

/** The `--portico-*` tokens docs/theming.md documents (its tables), each element reads them all through `themeStyles`. */
async function documentedTokens(): Promise<string[]> {
  const theming = await readFile(join(WORKSPACE, 'docs/theming.md'), 'utf8');
  return [...new Set([...theming.matchAll(/^\| `(--portico-[\w-]+)` \|/gm)].map((m) => m[1]!))];
}

async function readManifest(folder: PackageFolder): Promise<Manifest> {
  const file = join(distDir(folder), 'custom-elements.json');
  if (!existsSync(file)) throw new Error(`packages/${folder}/dist/custom-elements.json is missing: run \`npm run build:packages\` first.`);
  return JSON.parse(await readFile(file, 'utf8')) as Manifest;
}

function elementIn(manifest: Manifest, tag: string): Declaration | undefined {
  return manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.kind === 'class' && d.tagName === tag);
}

/** What `tag`'s declaration lacks of what is documented, one line each. */
function missingFrom(element: Declaration | undefined, tag: string, documented: DocumentedElement, tokens: readonly string[]): string[] {
  if (!element) return [`${tag}: no class declaration with this tagName`];
  const missing: string[] = [];
  const named = (entries: Entry[] | undefined, name: string) => entries?.find((e) => e.name === name);
  if (!element.customElement) missing.push(`${tag}: not marked customElement`);
  for (const [name, defaultValue] of documented.attributes) {
    const attribute = named(element.attributes, name);
    if (!attribute) missing.push(`${tag}: attribute ${name}`);
    else if (!attribute.type?.text) missing.push(`${tag}: attribute ${name} has no type`);
    else if (defaultValue !== undefined && attribute.default !== defaultValue) missing.push(`${tag}: attribute ${name} default ${attribute.default} (documented: ${defaultValue})`);
    if (attribute?.fieldName && !named(element.members, attribute.fieldName)) missing.push(`${tag}: property ${attribute.fieldName} of attribute ${name}`);
  }
  for (const name of documented.properties) {
    const member = named(element.members, name);
    if (!member) missing.push(`${tag}: property ${name}`);
    else if (!member.type?.text) missing.push(`${tag}: property ${name} has no type`);
  }
  for (const name of documented.events) {
    const event = named(element.events, name);
    if (!event) missing.push(`${tag}: event ${name}`);
    else if (!event.type?.text) missing.push(`${tag}: event ${name} has no type (@fires {EventClass} ${name})`);
  }
  for (const event of element.events ?? []) if (!event.name) missing.push(`${tag}: an event with no name (${event.type?.text ?? 'no type'})`);
  for (const name of documented.slots) if (!named(element.slots, name)) missing.push(`${tag}: slot ${name || '(default)'}`);
  for (const name of documented.parts) if (!named(element.cssParts, name)) missing.push(`${tag}: part ${name}`);
  for (const name of tokens) {
    const property = named(element.cssProperties, name);
    if (!property) missing.push(`${tag}: custom property ${name}`);
    else if (!property.default) missing.push(`${tag}: custom property ${name} has no default`);
  }
  return missing;
}

describe('Custom Elements Manifest', () => {
  for (const folder of PACKAGE_FOLDERS) {
    it(`packages/${folder} names and ships its manifest`, async () => {
      const pkg = JSON.parse(await readFile(join(WORKSPACE, 'packages', folder, 'package.json'), 'utf8')) as { customElements?: string; files?: string[] };
      assert.equal(pkg.customElements, 'dist/custom-elements.json');
      assert.ok(pkg.files?.includes('dist'), `packages/${folder}/package.json "files" ships dist/`);
      const manifest = await readManifest(folder);
      assert.equal(manifest.schemaVersion, '1.0.0');
      // Analysed from its own source (the umbrella: from every package's), never from built files.
      const source = folder === 'portico' ? /^(src|\.\.\/(core|appointment-booker|lab-results|message-inbox|bill-pay|record-download|medications|health-record)\/src)\/.+\.ts$/ : /^src\/.+\.ts$/;
      const paths = manifest.modules.map((m) => m.path);
      assert.ok(paths.length > 0, `packages/${folder}: no modules`);
      assert.deepEqual(paths.filter((path) => !source.test(path)), []);
    });
  }

  it('documents what the READMEs document, in each element package and in the umbrella', async () => {
    const tokens = await documentedTokens();
    assert.ok(tokens.length >= 30 && tokens.includes('--portico-color-primary') && tokens.includes('--portico-flag-high'), `tokens read from docs/theming.md: ${tokens.join(', ')}`);
    const umbrella = await readManifest('portico');
    const missing: string[] = [];
    for (const [tag, documented] of Object.entries(DOCUMENTED)) {
      const own = await readManifest(documented.pkg);
      missing.push(...missingFrom(elementIn(own, tag), tag, documented, tokens).map((line) => `packages/${documented.pkg}: ${line}`));
      missing.push(...missingFrom(elementIn(umbrella, tag), tag, documented, tokens).map((line) => `packages/portico: ${line}`));
    }
    assert.deepEqual(missing, []);
  });

  it('each package documents only its own elements; the umbrella documents them all', async () => {
    const tagsOf = async (folder: PackageFolder) =>
      (await readManifest(folder)).modules
        .flatMap((m) => m.declarations ?? [])
        .flatMap((d) => (d.tagName ? [d.tagName] : []))
        .sort();
    for (const folder of ['core', 'appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medications', 'health-record'] as const) {
      const expected = Object.entries(DOCUMENTED)
        .filter(([, element]) => element.pkg === folder)
        .map(([tag]) => tag)
        .sort();
      assert.deepEqual(await tagsOf(folder), expected, `packages/${folder}`);
    }
    assert.deepEqual(await tagsOf('portico'), Object.keys(DOCUMENTED).sort());
  });

  it('lists no private or protected members', async () => {
    const leaked: string[] = [];
    for (const folder of PACKAGE_FOLDERS) {
      for (const declaration of (await readManifest(folder)).modules.flatMap((m) => m.declarations ?? [])) {
        if (!declaration.tagName) continue;
        for (const member of declaration.members ?? []) {
          const privacy = (member as Entry & { privacy?: string }).privacy;
          if (privacy === 'private' || privacy === 'protected') leaked.push(`packages/${folder}: ${declaration.tagName}.${member.name} (${privacy})`);
        }
      }
    }
    assert.deepEqual(leaked, []);
  });

  it('lab-results documents its chart and narrow-layout parts', async () => {
    const element = elementIn(await readManifest('lab-results'), 'lab-results');
    const absent = LAB_RESULTS_CHART_PARTS.filter((part) => !element?.cssParts?.some((p) => p.name === part));
    assert.deepEqual(absent, []);
  });
});
