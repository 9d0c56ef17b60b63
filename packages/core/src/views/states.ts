import type { TemplateResult } from 'lit';
import { html, nothing } from 'lit';

/**
 * Templates for the states every element renders besides its data: loading, empty, error and
 * signed out. Include `stateStyles` (from `states.styles.ts`) after `themeStyles` in the element's
 * `static styles`. Each template's outer block has a `part` hosts can style: `skeleton`, `empty`,
 * `error`, `signed-out`; buttons are `part="action-button"` / `part="retry-button"`. The Custom
 * Elements Manifest lists these parts on every element whose `static styles` include `stateStyles`:
 *
 * @csspart skeleton - Loading placeholder (shimmering lines, `aria-busy="true"`).
 * @csspart empty - The "nothing here" block.
 * @csspart empty-heading - Its heading.
 * @csspart empty-message - Its sentence.
 * @csspart error - The error block (`role="alert"`).
 * @csspart error-message - What went wrong.
 * @csspart error-detail - What to do, or a support reference.
 * @csspart retry-button - "Try again".
 * @csspart signed-out - The sign-in prompt block.
 * @csspart signed-out-heading - Its heading.
 * @csspart signed-out-message - Its sentence.
 * @csspart action-button - The action of the empty and signed-out states (e.g. "Sign in").
 */

/** Heading levels the state templates accept; choose the one that fits under the element's own heading. */
export const STATE_HEADING_LEVELS = [2, 3, 4, 5, 6] as const;
export type StateHeadingLevel = (typeof STATE_HEADING_LEVELS)[number];

export interface StateAction {
  label: string;
  onClick: (event: MouseEvent) => void;
}

export interface SkeletonOptions {
  /** What is loading, announced to screen readers: 'Loading lab results…'. */
  label: string;
  /** How many placeholder lines to draw; defaults to 3. */
  lines?: number;
}

export interface EmptyOptions {
  heading: string;
  message?: string;
  action?: StateAction;
  /** Renders the heading as `<h2>`…`<h6>`; by default it is an emphasised paragraph. */
  headingLevel?: StateHeadingLevel;
}

interface ErrorOptionsBase {
  /** What went wrong, for the patient (e.g. `localize.errorMessage(error)`). */
  message: string;
  /** A second line: what to do, or a support reference. */
  detail?: string;
  /**
   * While a retry is under way the button stays focusable (focus is not lost) but reports
   * `aria-disabled="true"` and ignores clicks.
   */
  retrying?: boolean;
}

export type ErrorOptions = ErrorOptionsBase &
  (
    | { onRetry: (event: MouseEvent) => void; retryLabel: string }
    | { onRetry?: undefined; retryLabel?: string }
  );

export interface SignedOutOptions {
  /** Why to sign in: `localize.term('signInPrompt')`. */
  message: string;
  /** The sign-in button; omit when the host page handles signing in. */
  action?: StateAction;
  heading?: string;
  headingLevel?: StateHeadingLevel;
}

function renderHeading(text: string, level: StateHeadingLevel | undefined, part: string): TemplateResult {
  switch (level) {
    case 2:
      return html`<h2 class="state-heading" part=${part}>${text}</h2>`;
    case 3:
      return html`<h3 class="state-heading" part=${part}>${text}</h3>`;
    case 4:
      return html`<h4 class="state-heading" part=${part}>${text}</h4>`;
    case 5:
      return html`<h5 class="state-heading" part=${part}>${text}</h5>`;
    case 6:
      return html`<h6 class="state-heading" part=${part}>${text}</h6>`;
    default:
      return html`<p class="state-heading" part=${part}>${text}</p>`;
  }
}

function renderAction(action: StateAction | undefined, variant: 'primary' | 'secondary' = 'primary'): TemplateResult | typeof nothing {
  if (!action) return nothing;
  return html`<button type="button" class="state-button state-button--${variant}" part="action-button" @click=${action.onClick}>
    ${action.label}
  </button>`;
}

/**
 * A shimmering placeholder shown while data loads, with `aria-busy="true"` and a visually hidden
 * status message naming what is loading. The shimmer stops under `prefers-reduced-motion`.
 */
export function renderSkeleton({ label, lines = 3 }: SkeletonOptions): TemplateResult {
  const count = Math.max(1, Math.min(Math.floor(lines) || 1, 20));
  return html`<div class="skeleton" part="skeleton" aria-busy="true">
    <span class="visually-hidden" role="status">${label}</span>
    ${Array.from({ length: count }, () => html`<div class="skeleton-line" aria-hidden="true"></div>`)}
  </div>`;
}

/** What an element shows when it has nothing to show: a heading, a sentence, and maybe an action. */
export function renderEmpty({ heading, message, action, headingLevel }: EmptyOptions): TemplateResult {
  return html`<div class="empty" part="empty">
    ${renderHeading(heading, headingLevel, 'empty-heading')}
    ${message ? html`<p class="state-message" part="empty-message">${message}</p>` : nothing}
    ${renderAction(action, 'secondary')}
  </div>`;
}

/**
 * A failure, announced as an alert, with a "Try again" button when `onRetry` is given. The button
 * is a real `<button>` and is never disabled, so keyboard focus stays on it across retries.
 */
export function renderError(options: ErrorOptions): TemplateResult {
  const { message, detail, onRetry, retryLabel, retrying = false } = options;
  const retry = (event: MouseEvent) => {
    if (!retrying) onRetry?.(event);
  };
  return html`<div class="error" part="error" role="alert">
    <p class="state-message error-message" part="error-message">${message}</p>
    ${detail ? html`<p class="state-detail" part="error-detail">${detail}</p>` : nothing}
    ${onRetry
      ? html`<button
          type="button"
          class="state-button state-button--secondary"
          part="retry-button"
          aria-disabled=${retrying ? 'true' : 'false'}
          @click=${retry}
        >
          ${retryLabel}
        </button>`
      : nothing}
  </div>`;
}

/** What an element shows before the patient signs in. */
export function renderSignedOut({ message, action, heading, headingLevel }: SignedOutOptions): TemplateResult {
  return html`<div class="signed-out" part="signed-out">
    ${heading ? renderHeading(heading, headingLevel, 'signed-out-heading') : nothing}
    <p class="state-message" part="signed-out-message">${message}</p>
    ${renderAction(action, 'primary')}
  </div>`;
}

/** What an element needs to know of its session to render before it is ready. */
interface SessionLike {
  readonly client?: unknown;
  readonly patientId?: string;
  readonly status: string;
  readonly session?: { signIn(): Promise<void> | void };
}

/**
 * What an element shows until it has a client and a patient: "sign in" when nobody is signed in (or
 * sign-in failed), else a skeleton. Returns undefined once the element can load its data.
 */
export function renderUntilReady(
  session: SessionLike,
  options: { message: string; signInLabel: string; loadingLabel: string; lines?: number },
): TemplateResult | undefined {
  if (session.client && session.patientId) return undefined;
  if (session.status === 'signed-out' || session.status === 'error') {
    const context = session.session;
    return renderSignedOut({ message: options.message, action: context ? { label: options.signInLabel, onClick: () => void context.signIn() } : undefined });
  }
  return renderSkeleton({ label: options.loadingLabel, lines: options.lines ?? 4 });
}
