/** Is the clock pinned (`PORTICO_NOW`) in this run? Importing the module installs the pinned clock in Node. */
export const clockPinned: boolean;
/** A classic script that pins a page's clock to this process's, or '' when not pinned. */
export function pinnedClockScript(): string;
/** What the run's clock is set to, for logs. */
export function describeClock(): string;
