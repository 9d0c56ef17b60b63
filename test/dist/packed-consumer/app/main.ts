// A hospital's page, as its README tells a web team with a bundler: import each element's define.js.
import '@portico/core/define.js';
import '@portico/appointment-booker/define.js';
import '@portico/lab-results/define.js';
import '@portico/message-inbox/define.js';
import '@portico/bill-pay/define.js';
import '@portico/record-download/define.js';
import '@portico/medications/define.js';
import '@portico/health-record/define.js';
