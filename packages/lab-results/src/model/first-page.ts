/**
 * How many reports the first request asks for: as many as the element shows in its first view, so a
 * phone on a slow link reads one screen of reports (and their results), not a whole page of them.
 */

/** Reports the first request asks for at least (fewer than a screen is never worth a second request). */
export const MIN_FIRST_PAGE = 5;

/**
 * The height of one closed report in the list, with the gap after it, in rem: its name, and a line of
 * date, status and flags (the list's `contain-intrinsic-size` says the same). Where the element is
 * narrow the line of flags wraps, so rows are taller: fewer fit.
 */
export const REPORT_ROW_REM = { wide: 5, narrow: 6.5 } as const;

/** Below this width (rem) the element stacks its rows (the narrow layout of its styles). */
export const NARROW_REM = 34;

/** What the first page is worked out from. */
export interface FirstView {
  /** The height of the view the element is in (the window's), in px. */
  viewportHeight: number;
  /** Where the list starts, from the top of that view, in px (negative: scrolled past; beyond the height: below the fold). */
  listTop: number;
  /** The width of the element, in px. */
  width: number;
  /** One rem, in px. */
  rem: number;
  /** The most reports a request may ask for (the `page-size` attribute). */
  pageSize: number;
}

/**
 * The reports the first view holds, one more (so the end of the list starts below the fold and
 * nothing more is read before the patient scrolls), at least `MIN_FIRST_PAGE`, at most `pageSize`.
 */
export function firstPageSize(view: FirstView): number {
  const pageSize = Math.max(1, Math.floor(view.pageSize) || 1);
  const rem = view.rem > 0 ? view.rem : 16;
  const rowRem = view.width > 0 && view.width < NARROW_REM * rem ? REPORT_ROW_REM.narrow : REPORT_ROW_REM.wide;
  const top = Math.min(Math.max(view.listTop || 0, 0), Math.max(view.viewportHeight, 0));
  const visible = Math.max(view.viewportHeight - top, 0);
  const rows = Math.ceil(visible / (rowRem * rem)) + 1;
  return Math.min(pageSize, Math.max(MIN_FIRST_PAGE, rows));
}

/** The first view of `element`'s list, whose top is where `list` (the loading placeholder, or the element) is now. */
export function firstViewOf(element: HTMLElement, list: Element | null | undefined, pageSize: number): FirstView {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return {
    viewportHeight: window.innerHeight,
    listTop: (list ?? element).getBoundingClientRect().top,
    width: element.getBoundingClientRect().width,
    rem,
    pageSize,
  };
}
