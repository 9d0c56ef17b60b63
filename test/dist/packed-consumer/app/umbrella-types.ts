// A TypeScript host of the umbrella package: the lazily loaded tags are typed too.
import { loadAllElements } from 'portico';

await loadAllElements();
const labs = document.querySelector('lab-results');
const booker = document.querySelector('appointment-booker');
const reminders = document.querySelector('health-reminders');
// @ts-expect-error lab-results has no such property (the tag is typed, not a plain HTMLElement)
if (labs) labs.notAProperty = true;
console.info(labs?.category, booker?.patientId, reminders?.daysAhead.toFixed(0));
