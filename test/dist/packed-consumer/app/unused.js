// Imports the element classes and uses none of them: `sideEffects` in their package.json lets the bundler drop
// their code. (Plain JavaScript: a TypeScript compiler would remove an unused import before the bundler saw it.)
import { AppointmentBooker as _AppointmentBooker } from '@portico/appointment-booker';
import { PortalSession as _PortalSession } from '@portico/core';
import { LabResults as _LabResults } from '@portico/lab-results';
