/**
 * How one element sends the patient to another ("book a follow-up" in the results, "message about
 * this bill"): a cancelable `portico-navigate` event the host can take over; else the target element,
 * when it is on the page, opens there preset; else the host's address for it is followed.
 */
import { porticoEvent } from '../events.js';

/** The elements one can send the patient to. */
export const NAVIGATION_TARGETS = ['appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'health-record', 'medication-list', 'health-reminders'] as const;
export type NavigationTarget = (typeof NAVIGATION_TARGETS)[number];

/** What the target opens on: plain strings, so they fit an address's query as well as an element's preset. */
export type NavigationParams = Readonly<Record<string, string>>;

export interface NavigateDetail {
  target: NavigationTarget;
  params: NavigationParams;
}

/**
 * Fired (bubbling, composed, cancelable) by an element that sends the patient elsewhere. A host that
 * routes itself (a single-page app) calls `preventDefault()` and goes where `detail` says.
 */
export class PorticoNavigateEvent extends porticoEvent<NavigateDetail>('portico-navigate', { cancelable: true }) {}

/** An element that can be opened preset (`open({ reason: 'Follow-up on your A1c' })`). */
export interface Navigable {
  open(params: NavigationParams): void | Promise<void>;
}

function isNavigable(element: Element | null): element is Element & Navigable {
  return !!element && typeof (element as Partial<Navigable>).open === 'function';
}

/**
 * The address for a target, from the host's pattern (`navigate-url` on portal-session):
 * `{target}` becomes the tag, `{params}` the query (`reason=…&serviceType=…`). No pattern: none.
 */
export function navigationUrl(pattern: string | undefined, detail: NavigateDetail): string | undefined {
  if (!pattern) return undefined;
  const query = new URLSearchParams(detail.params).toString();
  return pattern.replaceAll('{target}', encodeURIComponent(detail.target)).replaceAll('{params}', query);
}

/** The target element on the page: in the same portal-session first, else anywhere in the document. */
function targetOnPage(from: Element, target: NavigationTarget): Element | null {
  const session = from.closest('portal-session');
  return session?.querySelector(target) ?? from.ownerDocument.querySelector(target);
}

/** The host's address pattern: the nearest session's `navigate-url` (its attribute while its code is not loaded yet). */
function sessionUrlPattern(from: Element): string | undefined {
  const session = from.closest('portal-session') as (Element & { navigateUrl?: string }) | null;
  return session?.navigateUrl || session?.getAttribute('navigate-url') || undefined;
}

/**
 * Can `navigate(from, target)` lead somewhere without the host's help: the target is on the page, or
 * the session has a `navigate-url`? An element shows an action that navigates only then.
 */
export function canNavigate(from: Element, target: NavigationTarget): boolean {
  const found = targetOnPage(from, target);
  return (!!found && found !== from) || !!sessionUrlPattern(from);
}

/** Where the navigation went: the host took it, the target opened on this page, an address was followed, or nowhere. */
export type NavigationOutcome = 'host' | 'opened' | 'followed' | 'none';

/**
 * Sends the patient from `from` to `target`: fires `portico-navigate`; when no one cancels it, opens
 * the target element on this page (the first of that tag, in the same portal-session when there is
 * one), scrolled into view; else follows the address the nearest `portal-session`'s `navigate-url`
 * gives (or `urlPattern`).
 */
export async function navigate(
  from: HTMLElement,
  target: NavigationTarget,
  params: NavigationParams = {},
  options: { urlPattern?: string; follow?: (url: string) => void } = {},
): Promise<NavigationOutcome> {
  const event = new PorticoNavigateEvent({ target, params });
  if (!from.dispatchEvent(event)) return 'host';
  const found = targetOnPage(from, target);
  if (found && found !== from) {
    await customElements.whenDefined(target);
    if (isNavigable(found)) {
      await found.open(params);
      found.scrollIntoView({ block: 'start', behavior: 'smooth' });
      return 'opened';
    }
  }
  const url = navigationUrl(options.urlPattern ?? sessionUrlPattern(from), { target, params });
  if (url) {
    (options.follow ?? ((address: string) => from.ownerDocument.defaultView?.location.assign(address)))(url);
    return 'followed';
  }
  return 'none';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-navigate': PorticoNavigateEvent;
  }
}
