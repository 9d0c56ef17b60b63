import { css } from 'lit';

/**
 * Portico's design tokens: CSS custom properties every element reads, with their defaults.
 * `themeStyles` goes first in every element's `static styles`; each element still writes its own
 * `:host { display: … }`.
 *
 * A host changes a token by setting it on the elements (a page rule that selects an element beats
 * the defaults these styles set on its `:host`), for instance
 * `portal-session, portal-session * { --portico-color-primary: #6a1b9a; }`. Setting a token only on
 * an ancestor such as `:root` does not reach inside, because each element sets its defaults itself.
 *
 * Light and dark: the dark values apply under `prefers-color-scheme: dark` unless the element has
 * `theme="light"`, and always with `theme="dark"`. In forced-colours mode the colours are system
 * colours; under `prefers-reduced-motion: reduce` the transition duration is 0s. All text colours
 * meet WCAG AA (4.5:1) on `surface` and `surface-raised` in both schemes, `on-primary` on `primary`
 * and `danger` and `text` on `danger-surface`; `border` and `focus-ring` meet 3:1.
 *
 * @cssprop --portico-color-primary - Brand colour of buttons, links and selection; also readable as text on surfaces.
 * @cssprop --portico-color-on-primary - Text and icons drawn on `--portico-color-primary`.
 * @cssprop --portico-color-surface - Background of an element.
 * @cssprop --portico-color-surface-raised - Background of cards, rows and panels on the surface.
 * @cssprop --portico-color-text - Body text.
 * @cssprop --portico-color-text-muted - Secondary text: dates, captions, hints.
 * @cssprop --portico-color-border - Borders of fields, cards and separators.
 * @cssprop --portico-color-focus-ring - Outline of the focused control.
 * @cssprop --portico-color-success - Text and icons that mean done or normal.
 * @cssprop --portico-color-warning - Text and icons that need attention (e.g. a high lab value).
 * @cssprop --portico-color-danger - Errors and critical values.
 * @cssprop --portico-color-danger-surface - Background of error messages.
 * @cssprop --portico-color-info - Informational text and icons.
 * @cssprop --portico-font-family - Font of all text; by default the host page's own font.
 * @cssprop --portico-font-size-small - Captions and secondary text (0.875rem).
 * @cssprop --portico-font-size-base - Body text (1rem).
 * @cssprop --portico-font-size-large - Emphasised text and values (1.125rem).
 * @cssprop --portico-font-size-heading - Headings inside an element (1.375rem).
 * @cssprop --portico-line-height - Line height of body text (1.5).
 * @cssprop --portico-radius - Corner radius of buttons, fields and cards (0.5rem).
 * @cssprop --portico-space-2xs - Spacing step: 0.125rem.
 * @cssprop --portico-space-xs - Spacing step: 0.25rem.
 * @cssprop --portico-space-sm - Spacing step: 0.5rem.
 * @cssprop --portico-space-md - Spacing step: 1rem.
 * @cssprop --portico-space-lg - Spacing step: 1.5rem.
 * @cssprop --portico-space-xl - Spacing step: 2rem.
 * @cssprop --portico-shadow - Shadow of raised surfaces (menus, dialogs, cards).
 * @cssprop --portico-focus-ring-width - Width of the focus outline (2px).
 * @cssprop --portico-transition-duration - Duration of transitions and animations (150ms; 0s under reduced motion).
 */
export const themeStyles = css`
  :host {
    --portico-color-primary: #0b5cad;
    --portico-color-on-primary: #ffffff;
    --portico-color-surface: #ffffff;
    --portico-color-surface-raised: #f3f5f8;
    --portico-color-text: #1a1d21;
    --portico-color-text-muted: #4f5863;
    --portico-color-border: #7b8490;
    --portico-color-focus-ring: #0b5cad;
    --portico-color-success: #1a7032;
    --portico-color-warning: #8a5300;
    --portico-color-danger: #b3261e;
    --portico-color-danger-surface: #fdecea;
    --portico-color-info: #0a5e8a;

    /* 'inherit' takes the value an ancestor gave the token; when none did, text keeps the page's font. */
    --portico-font-family: inherit;
    --portico-font-size-small: 0.875rem;
    --portico-font-size-base: 1rem;
    --portico-font-size-large: 1.125rem;
    --portico-font-size-heading: 1.375rem;
    --portico-line-height: 1.5;

    --portico-radius: 0.5rem;
    --portico-space-2xs: 0.125rem;
    --portico-space-xs: 0.25rem;
    --portico-space-sm: 0.5rem;
    --portico-space-md: 1rem;
    --portico-space-lg: 1.5rem;
    --portico-space-xl: 2rem;

    --portico-shadow: 0 1px 3px rgb(0 0 0 / 0.12), 0 4px 12px rgb(0 0 0 / 0.08);
    --portico-focus-ring-width: 2px;
    --portico-transition-duration: 150ms;
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    ${darkColours()}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkColours()}
    }
  }

  @media (forced-colors: active) {
    /* Listed so that they outrank the theme selectors above. */
    :host,
    :host([theme]),
    :host(:not([theme='light'])) {
      --portico-color-primary: Highlight;
      --portico-color-on-primary: HighlightText;
      --portico-color-surface: Canvas;
      --portico-color-surface-raised: Canvas;
      --portico-color-text: CanvasText;
      --portico-color-text-muted: CanvasText;
      --portico-color-border: CanvasText;
      --portico-color-focus-ring: Highlight;
      --portico-color-success: CanvasText;
      --portico-color-warning: CanvasText;
      --portico-color-danger: CanvasText;
      --portico-color-danger-surface: Canvas;
      --portico-color-info: CanvasText;
      --portico-shadow: none;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --portico-transition-duration: 0s;
    }
  }
`;

/** The dark-scheme colours, applied by `theme="dark"` and by `prefers-color-scheme: dark`. */
function darkColours() {
  return css`
    color-scheme: dark;
    --portico-color-primary: #8ab8ff;
    --portico-color-on-primary: #0b1b33;
    --portico-color-surface: #15181c;
    --portico-color-surface-raised: #1f2329;
    --portico-color-text: #e9ecef;
    --portico-color-text-muted: #aeb6c0;
    --portico-color-border: #7d8691;
    --portico-color-focus-ring: #8ab8ff;
    --portico-color-success: #6fd08c;
    --portico-color-warning: #f2b84b;
    --portico-color-danger: #ff8f87;
    --portico-color-danger-surface: #3b1614;
    --portico-color-info: #7cc4f0;
    --portico-shadow: 0 1px 3px rgb(0 0 0 / 0.5), 0 4px 12px rgb(0 0 0 / 0.35);
  `;
}

/**
 * Declarations for a visible focus outline, for use inside a rule:
 * `` css`button:focus-visible { ${focusRing} }` ``. An outline (not a box-shadow) survives forced colours.
 */
export const focusRing = css`
  outline: var(--portico-focus-ring-width) solid var(--portico-color-focus-ring);
  outline-offset: 2px;
`;

/**
 * Declarations that hide content visually but keep it for screen readers, for use inside a rule:
 * `` css`.visually-hidden { ${visuallyHidden} }` ``.
 */
export const visuallyHidden = css`
  position: absolute !important;
  inline-size: 1px !important;
  block-size: 1px !important;
  margin: -1px !important;
  padding: 0 !important;
  border: 0 !important;
  overflow: hidden !important;
  clip-path: inset(50%) !important;
  white-space: nowrap !important;
`;
