// @ts-check
/**
 * A pinned clock for the test rig: with `PORTICO_NOW=<ISO instant>` in the environment, every process of a
 * test run (the embedded backend and its seed, the test runner, and the browser pages) sees the clock as if
 * it had been set to that instant when the run started; it then moves on at its normal pace. Time zones come
 * from `TZ`, which Node and Chromium both honour. Importing this module installs the clock in Node.
 *
 * The offset is fixed when this module is first evaluated in the Node process, and the browser pages get the
 * same offset (`pinnedClockScript()`), so the server's "now" and the page's "now" agree to the millisecond.
 */

/**
 * The browser's half: replaces `Date` so that `Date.now()` and `new Date()` are shifted by `offset` ms.
 * Kept as a string (not a function's source) so no transpiler can add helpers that the page lacks.
 */
const SHIFT_SOURCE = `(function (offset) {
  var RealDate = Date;
  if (RealDate.__porticoOffset !== undefined) return;
  function PinnedDate() {
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();
    var args = arguments.length ? Array.prototype.slice.call(arguments) : [RealDate.now() + offset];
    return Reflect.construct(RealDate, args, new.target);
  }
  PinnedDate.prototype = RealDate.prototype;
  PinnedDate.now = function () { return RealDate.now() + offset; };
  PinnedDate.parse = RealDate.parse;
  PinnedDate.UTC = RealDate.UTC;
  PinnedDate.__porticoOffset = offset;
  Object.defineProperty(PinnedDate, 'name', { value: 'Date' });
  globalThis.Date = PinnedDate;
})`;

/** The offset (ms) between the pinned clock and the machine's, or 0 when `PORTICO_NOW` is not set. */
function offsetFromEnvironment() {
  const pinned = process.env.PORTICO_NOW;
  if (!pinned) return 0;
  const at = Date.parse(pinned);
  if (Number.isNaN(at)) throw new Error(`PORTICO_NOW=${pinned} is not an ISO instant`);
  return at - Date.now();
}

const installed = /** @type {{ __porticoOffset?: number }} */ (/** @type {unknown} */ (Date)).__porticoOffset;
const offset = installed ?? offsetFromEnvironment();
if (offset && installed === undefined) {
  // Same code as the pages run: one implementation of the shift.
  new Function(`${SHIFT_SOURCE}(${offset});`)();
}

/** Is the clock pinned in this run? */
export const clockPinned = offset !== 0;

/** A classic script for a page (before any module) that pins its clock to this process's, or '' when not pinned. */
export function pinnedClockScript() {
  return clockPinned ? `${SHIFT_SOURCE}(${offset});` : '';
}

/** What the run's clock is set to, for logs: the instant and the zone. */
export function describeClock() {
  const zone = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
  return clockPinned ? `clock pinned to ${new Date().toISOString()} (${zone})` : `real clock (${zone})`;
}
