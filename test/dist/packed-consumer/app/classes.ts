// Importing the classes registers no tag; a host registers a subclass under a name of its own.
import { AppointmentBooker } from '@portico/appointment-booker';
import { PatientBanner, PortalSession } from '@portico/core';
import { LabResults } from '@portico/lab-results';
import { MessageInbox } from '@portico/message-inbox';
import { BillPay } from '@portico/bill-pay';
import { RecordDownload } from '@portico/record-download';
import { MedicationList } from '@portico/medications';
import { HealthRecord, HealthReminders } from '@portico/health-record';

const before = Object.fromEntries(
  ['portal-session', 'patient-banner', 'appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medication-list', 'health-record', 'health-reminders'].map((tag) => [tag, customElements.get(tag) !== undefined]),
);
class HospitalLabResults extends LabResults {}
customElements.define('hospital-lab-results', HospitalLabResults);
const classes = [PortalSession, PatientBanner, AppointmentBooker, LabResults, MessageInbox, BillPay, RecordDownload, MedicationList, HealthRecord, HealthReminders].every((element) => element.prototype instanceof HTMLElement);

document.body.dataset.results = JSON.stringify({
  defined: before,
  classes,
  subclass: customElements.get('hospital-lab-results') === HospitalLabResults,
  upgraded: document.createElement('hospital-lab-results') instanceof LabResults,
});
