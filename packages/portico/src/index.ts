/**
 * Portico for a plain `<script type="module">` include: registers `portal-session` and
 * `patient-banner` at once, and every other element the first time the page uses its tag. Each
 * element's code is a chunk of its own beside `portico.js`, so a page pays only for the elements it
 * shows. Sign-in libraries are separate chunks too, loaded only by the sign-in mode in use.
 *
 * With a bundler, import an element's `define.js` (e.g. `@portico/lab-results/define.js`) instead.
 */
import '@portico/core/define.js';
import { declareElementScopes, declareFirstSearches } from '@portico/core';
import { APPOINTMENT_BOOKER_FIRST_SEARCHES, APPOINTMENT_BOOKER_SCOPES } from '@portico/appointment-booker/scopes.js';
import { LAB_RESULTS_FIRST_SEARCHES, LAB_RESULTS_SCOPES } from '@portico/lab-results/scopes.js';
import { MESSAGE_INBOX_FIRST_SEARCHES, MESSAGE_INBOX_SCOPES } from '@portico/message-inbox/scopes.js';
import { BILL_PAY_FIRST_SEARCHES, BILL_PAY_SCOPES } from '@portico/bill-pay/scopes.js';
import { RECORD_DOWNLOAD_SCOPES } from '@portico/record-download/scopes.js';
import { MEDICATION_LIST_FIRST_SEARCHES, MEDICATION_LIST_SCOPES } from '@portico/medications/scopes.js';
import { HEALTH_RECORD_FIRST_SEARCHES, HEALTH_RECORD_SCOPES, HEALTH_REMINDERS_FIRST_SEARCHES, HEALTH_REMINDERS_SCOPES } from '@portico/health-record/scopes.js';
import type { AppointmentBooker } from '@portico/appointment-booker';
import type { LabResults } from '@portico/lab-results';
import type { MessageInbox } from '@portico/message-inbox';
import type { BillPay } from '@portico/bill-pay';
import type { RecordDownload } from '@portico/record-download';
import type { MedicationList } from '@portico/medications';
import type { HealthRecord, HealthReminders } from '@portico/health-record';

export * from '@portico/core';
export type { AppointmentBooker, BillPay, HealthRecord, HealthReminders, LabResults, MedicationList, MessageInbox, RecordDownload };

// The lazily loaded tags, typed for `document.querySelector('lab-results')` in a host's TypeScript.
declare global {
  interface HTMLElementTagNameMap {
    'appointment-booker': AppointmentBooker;
    'lab-results': LabResults;
    'message-inbox': MessageInbox;
    'bill-pay': BillPay;
    'record-download': RecordDownload;
    'medication-list': MedicationList;
    'health-record': HealthRecord;
    'health-reminders': HealthReminders;
  }
}

// What each lazily loaded element will need, known before its code arrives: a session that signs in
// at once (an EHR launch) asks for it all.
declareElementScopes('appointment-booker', APPOINTMENT_BOOKER_SCOPES);
declareElementScopes('lab-results', LAB_RESULTS_SCOPES);
declareElementScopes('message-inbox', MESSAGE_INBOX_SCOPES);
declareElementScopes('bill-pay', BILL_PAY_SCOPES);
declareElementScopes('record-download', RECORD_DOWNLOAD_SCOPES);
declareElementScopes('medication-list', MEDICATION_LIST_SCOPES);
declareElementScopes('health-record', HEALTH_RECORD_SCOPES);
declareElementScopes('health-reminders', HEALTH_REMINDERS_SCOPES);

// What their first screens search for, sent by the session as soon as it knows the patient, while the
// elements' code is still on its way (each element takes the answers to its identical searches).
declareFirstSearches('appointment-booker', APPOINTMENT_BOOKER_FIRST_SEARCHES);
declareFirstSearches('lab-results', LAB_RESULTS_FIRST_SEARCHES);
declareFirstSearches('message-inbox', MESSAGE_INBOX_FIRST_SEARCHES);
declareFirstSearches('bill-pay', BILL_PAY_FIRST_SEARCHES);
declareFirstSearches('medication-list', MEDICATION_LIST_FIRST_SEARCHES);
declareFirstSearches('health-record', HEALTH_RECORD_FIRST_SEARCHES);
declareFirstSearches('health-reminders', HEALTH_REMINDERS_FIRST_SEARCHES);

/** The elements loaded on first use, by tag. */
const ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  'appointment-booker': () => import('@portico/appointment-booker/define.js'),
  'lab-results': () => import('@portico/lab-results/define.js'),
  'message-inbox': () => import('@portico/message-inbox/define.js'),
  'bill-pay': () => import('@portico/bill-pay/define.js'),
  'record-download': () => import('@portico/record-download/define.js'),
  'medication-list': () => import('@portico/medications/define.js'),
  'health-record': () => import('@portico/health-record/health-record.js'),
  'health-reminders': () => import('@portico/health-record/health-reminders.js'),
};

export const LAZY_ELEMENTS = Object.keys(ELEMENTS);

const loading = new Map<string, Promise<void>>();

/** Loads and registers one element (a no-op once done). Resolves when the tag is defined. */
export function loadElement(tag: string): Promise<void> {
  const name = tag.toLowerCase();
  let pending = loading.get(name);
  if (!pending) {
    const load = ELEMENTS[name];
    pending = load ? load().then(() => customElements.whenDefined(name)).then(() => undefined) : Promise.resolve();
    loading.set(name, pending);
  }
  return pending;
}

/** Registers every element now (for pages that create elements inside their own shadow roots). */
export function loadAllElements(): Promise<void> {
  return Promise.all(LAZY_ELEMENTS.map(loadElement)).then(() => undefined);
}

const LAZY_SELECTOR = LAZY_ELEMENTS.join(',');

/**
 * Loads the elements used under `root`, in the order the page has them: a network that sends answers in
 * the order they were asked for (as HTTP/2 does by default) brings the elements higher on the page first.
 */
function discover(root: ParentNode): void {
  for (const element of root.querySelectorAll(LAZY_SELECTOR)) {
    if (!customElements.get(element.localName)) void loadElement(element.localName);
  }
}

if (typeof document !== 'undefined') {
  discover(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (element.localName in ELEMENTS) void loadElement(element.localName);
        if (element.firstElementChild) discover(element);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
