/** Registers both elements of the package: `<health-record>` and `<health-reminders>` (each alone: `health-record.js`, `health-reminders.js`). */
import './health-record/define.js';
import './reminders/define.js';
