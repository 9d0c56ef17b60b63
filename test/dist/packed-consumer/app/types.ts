// What a TypeScript host writes against the packed packages' declarations (checked with `tsc --strict`).
import '@portico/appointment-booker/define.js';
import '@portico/core/define.js';
import '@portico/lab-results/define.js';
import '@portico/message-inbox/define.js';
import '@portico/bill-pay/define.js';
import '@portico/record-download/define.js';
import '@portico/medications/define.js';
import '@portico/health-record/define.js';
import '@portico/health-record/health-record.js';
import '@portico/health-record/health-reminders.js';
import { AppointmentBooker, PorticoAppointmentBookedEvent } from '@portico/appointment-booker';
import { BillPay, PorticoPaymentStartEvent, type BillPayView } from '@portico/bill-pay';
import { DEFAULT_SCOPE, FhirClient, PortalSession, PorticoSessionChangeEvent, type SessionStatus } from '@portico/core';
import { LabResults, RESULT_GROUPINGS, type ResultGrouping } from '@portico/lab-results';
import { PorticoRecordDownloadedEvent, RecordDownload, type RecordView } from '@portico/record-download';
import { MessageInbox, PorticoUnreadChangeEvent } from '@portico/message-inbox';
import { MedicationList, type RefillService } from '@portico/medications';
import { DEFAULT_DAYS_AHEAD, HEALTH_REMINDERS_SCOPES, HealthRecord, HealthReminders, type HealthRecordSection } from '@portico/health-record';
import { HEALTH_RECORD_SCOPES } from '@portico/health-record/scopes.js';

const labs: LabResults = document.createElement('lab-results');
const tagged: HTMLElementTagNameMap['lab-results'] = labs;
const booker: AppointmentBooker = document.createElement('appointment-booker');
const inbox: MessageInbox = document.createElement('message-inbox');
inbox.replyTime = '2 business days';
const unread: number = inbox.unreadCount;
// @ts-expect-error unreadCount is read only
inbox.unreadCount = 3;
const bills: BillPay = document.createElement('bill-pay');
const view: BillPayView = 'insurance';
bills.view = view;
bills.billingPhone = '845-555-0150';
// @ts-expect-error a view is one of BILL_PAY_VIEWS
bills.view = 'invoices';
const record: RecordDownload = document.createElement('record-download');
const recordView: RecordView = 'health-card';
record.view = recordView;
record.helpHref = '/contact';
// @ts-expect-error a view is one of RECORD_VIEWS
record.view = 'downloads';
const medicines: MedicationList = document.createElement('medication-list');
medicines.helpHref = '/pharmacy';
const ownRefills: RefillService | undefined = undefined;
medicines.refills = ownRefills;
const record2: HealthRecord = document.createElement('health-record');
const shown: HealthRecordSection[] = ['conditions', 'allergies'];
record2.sections = shown.join(' ');
const reminders: HealthReminders = document.createElement('health-reminders');
reminders.daysAhead = DEFAULT_DAYS_AHEAD * 2;
reminders.vaccineServiceType = 'http://terminology.hl7.org/CodeSystem/service-type|57';
reminders.screeningServiceType = '124';
reminders.bookHref = '/appointments';
// @ts-expect-error days-ahead is a number of days
reminders.daysAhead = '90';
const readOnly: readonly string[] = [...HEALTH_RECORD_SCOPES, ...HEALTH_REMINDERS_SCOPES];
console.info(readOnly.every((scope) => scope.endsWith('.rs') || scope.endsWith('.r')));
const session: PortalSession = document.createElement('portal-session');
session.fhirBaseUrl = 'https://fhir.example-hospital.org/r4';
session.scope = DEFAULT_SCOPE;
tagged.category = 'laboratory';
booker.patientId = 'example';
const grouping: ResultGrouping = RESULT_GROUPINGS[0];
// @ts-expect-error a grouping is one of RESULT_GROUPINGS
const wrongGrouping: ResultGrouping = 'by-colour';
// @ts-expect-error lab-results has no such property
labs.notAProperty = true;

document.addEventListener('portico-session-change', (event) => {
  const change: PorticoSessionChangeEvent = event;
  const status: SessionStatus = change.detail.status;
  console.info(status, change.detail.patientId?.toUpperCase());
});
inbox.addEventListener(PorticoUnreadChangeEvent.eventName, (event) => console.info((event as PorticoUnreadChangeEvent).detail.count + unread));
document.addEventListener('portico-payment-start', (event) => {
  const start: PorticoPaymentStartEvent = event;
  // The processor's page, where a host that routes itself goes its own way.
  if (new URL(start.detail.url).origin !== location.origin) start.preventDefault();
});
document.addEventListener('portico-record-downloaded', (event) => {
  const downloaded: PorticoRecordDownloadedEvent = event;
  // @ts-expect-error a format is one of RECORD_FILE_FORMATS
  const format: 'pdf' = downloaded.detail.format;
  console.info(format, downloaded.detail.resources, downloaded.detail.bytes);
});
document.addEventListener('portico-appointment-booked', (event) => {
  const booked: PorticoAppointmentBookedEvent = event;
  // The detail is a FHIR R4 Appointment, typed.
  const start: string | undefined = booked.detail.appointment.start;
  // @ts-expect-error an Appointment's status is a code, not a number
  const status: number = booked.detail.appointment.status;
  console.info(start, status);
});

const client: FhirClient | undefined = labs.client;
console.info(grouping, wrongGrouping, client?.baseUrl);
