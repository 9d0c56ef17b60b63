import { css } from 'lit';

/**
 * Portico's design tokens: public CSS custom properties a host page sets, and that every element reads
 * through private copies. `themeStyles` goes first in every element's `static styles`; each element
 * still writes its own `:host { display: … }`. See docs/theming.md. The `@cssprop` tags below are the
 * tokens' documentation: the Custom Elements Manifest lists them on every element that includes `themeStyles`.
 *
 * Public and private names: for each public token `--portico-<name>` the `:host` declares a private
 * `--_<name>: var(--portico-<name>, <default>)`, and element CSS reads only the private names
 * (`color: var(--_color-text)`). Portico never declares a public token on an element, except the dark
 * palette (`darkTokens`), so a token a host sets anywhere above an element — `:root`,
 * `portal-session`, any wrapper, or the element itself — reaches it by inheritance.
 *
 * Light and dark: light by default, whatever the operating system's setting. `theme="dark"` applies
 * the dark palette, `theme="auto"` applies it under `prefers-color-scheme: dark`. The palette is made
 * of public tokens, so it inherits: `<portal-session theme="dark">` darkens every element inside it.
 * In forced-colours mode the colours are system colours; under `prefers-reduced-motion: reduce` the
 * transition duration is 0s. All text colours meet WCAG AA (4.5:1) on `surface` and `surface-raised`
 * in both schemes, `on-primary` on `primary` and `danger` and `text` on `danger-surface`; `border` and
 * `focus-ring` meet 3:1. The flag colours (`--portico-flag-*`), one scale for every element that marks
 * results out of range, also meet 4.5:1 on both surfaces in both schemes; a flag is never colour alone
 * (it also says H, L, critical…).
 *
 * @cssprop --portico-color-primary - Brand colour of buttons, links and selection; also readable as text on surfaces (#0b5cad; dark #8ab8ff).
 * @cssprop --portico-color-on-primary - Text and icons drawn on `--portico-color-primary` (#ffffff; dark #0b1b33).
 * @cssprop --portico-color-surface - Background of an element (#ffffff; dark #15181c).
 * @cssprop --portico-color-surface-raised - Background of cards, rows and panels on the surface (#f3f5f8; dark #1f2329).
 * @cssprop --portico-color-text - Body text (#1a1d21; dark #e9ecef).
 * @cssprop --portico-color-text-muted - Secondary text: dates, captions, hints (#4f5863; dark #aeb6c0).
 * @cssprop --portico-color-border - Borders of fields, cards and separators (#7b8490; dark #7d8691).
 * @cssprop --portico-color-focus-ring - Outline of the focused control (#0b5cad; dark #8ab8ff).
 * @cssprop --portico-color-success - Text and icons that mean done or normal (#1a7032; dark #6fd08c).
 * @cssprop --portico-color-warning - Text and icons that need attention, e.g. a high lab value (#8a5300; dark #f2b84b).
 * @cssprop --portico-color-danger - Errors and critical values (#b3261e; dark #ff8f87).
 * @cssprop --portico-color-danger-surface - Background of error messages (#fdecea; dark #3b1614).
 * @cssprop --portico-color-info - Informational text and icons (#0a5e8a; dark #7cc4f0).
 * @cssprop --portico-flag-high - Text and marks of a result above its range, H (#9a4a00; dark #ffb35c).
 * @cssprop --portico-flag-low - Text and marks of a result below its range, L (#0b57a4; dark #8cc8ff).
 * @cssprop --portico-flag-critical - Text and marks of a critical result, HH / LL / AA (#b3261e; dark #ff8f87).
 * @cssprop --portico-flag-abnormal - Text and marks of a result flagged abnormal without a direction, A (#6a3d9a; dark #d0a8ff).
 * @cssprop --portico-color-scheme - `color-scheme` of native controls and scrollbars inside (light; dark with the dark palette).
 * @cssprop --portico-font-family - Font of all text; by default the host page's own font.
 * @cssprop --portico-font-size-small - Captions and secondary text (0.875rem).
 * @cssprop --portico-font-size-base - Body text (1rem).
 * @cssprop --portico-font-size-large - Emphasised text and values (1.125rem).
 * @cssprop --portico-font-size-heading - Headings inside an element (1.375rem).
 * @cssprop --portico-heading-font - Font of headings, to match the host page's own headings; by default the element's font.
 * @cssprop --portico-heading-color - Colour of headings; by default the element's text colour. Keep it AA on the surface in the scheme you use.
 * @cssprop --portico-line-height - Line height of body text (1.5).
 * @cssprop --portico-radius - Corner radius of buttons, fields and cards (0.5rem).
 * @cssprop --portico-space-2xs - Spacing step: 0.125rem.
 * @cssprop --portico-space-xs - Spacing step: 0.25rem.
 * @cssprop --portico-space-sm - Spacing step: 0.5rem.
 * @cssprop --portico-space-md - Spacing step: 1rem.
 * @cssprop --portico-space-lg - Spacing step: 1.5rem.
 * @cssprop --portico-space-xl - Spacing step: 2rem.
 * @cssprop --portico-shadow - Shadow of raised surfaces: menus, dialogs, cards (a stronger one in dark).
 * @cssprop --portico-focus-ring-width - Width of the focus outline (2px).
 * @cssprop --portico-transition-duration - Duration of transitions and animations (150ms; 0s under reduced motion).
 */

/**
 * The dark palette: declarations of the public colour tokens (and the shadow), for use inside a rule.
 * `themeStyles` applies it as `:host([theme='dark'])` and, under `prefers-color-scheme: dark`,
 * `:host([theme='auto'])`. Because the tokens inherit, an element whose styles include these rules
 * (as `portal-session`'s do) darkens everything inside it.
 */
export const darkTokens = css`
  --portico-color-scheme: dark;
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
  --portico-flag-high: #ffb35c;
  --portico-flag-low: #8cc8ff;
  --portico-flag-critical: #ff8f87;
  --portico-flag-abnormal: #d0a8ff;
  --portico-shadow: 0 1px 3px rgb(0 0 0 / 0.5), 0 4px 12px rgb(0 0 0 / 0.35);
`;

/** The private tokens every element reads, with the light defaults; the first styles of every element. */
export const themeStyles = css`
  :host {
    --_color-primary: var(--portico-color-primary, #0b5cad);
    --_color-on-primary: var(--portico-color-on-primary, #ffffff);
    --_color-surface: var(--portico-color-surface, #ffffff);
    --_color-surface-raised: var(--portico-color-surface-raised, #f3f5f8);
    --_color-text: var(--portico-color-text, #1a1d21);
    --_color-text-muted: var(--portico-color-text-muted, #4f5863);
    --_color-border: var(--portico-color-border, #7b8490);
    --_color-focus-ring: var(--portico-color-focus-ring, #0b5cad);
    --_color-success: var(--portico-color-success, #1a7032);
    --_color-warning: var(--portico-color-warning, #8a5300);
    --_color-danger: var(--portico-color-danger, #b3261e);
    --_color-danger-surface: var(--portico-color-danger-surface, #fdecea);
    --_color-info: var(--portico-color-info, #0a5e8a);
    --_color-scheme: var(--portico-color-scheme, light);
    --_flag-high: var(--portico-flag-high, #9a4a00);
    --_flag-low: var(--portico-flag-low, #0b57a4);
    --_flag-critical: var(--portico-flag-critical, #b3261e);
    --_flag-abnormal: var(--portico-flag-abnormal, #6a3d9a);

    /*
     * The font is set on font-family itself (below), not through a token: a custom property cannot
     * pass the CSS-wide 'inherit' on, so with no --portico-font-family the host inherits the page's
     * font there and its parts inherit it from the host. --_font-family is then empty, and a part
     * that reads it (font-family: var(--_font-family)) gets 'unset', which inherits as well.
     */
    --_font-family: var(--portico-font-family, inherit);
    --_heading-font: var(--portico-heading-font, inherit);
    --_heading-color: var(--portico-heading-color, inherit);
    --_font-size-small: var(--portico-font-size-small, 0.875rem);
    --_font-size-base: var(--portico-font-size-base, 1rem);
    --_font-size-large: var(--portico-font-size-large, 1.125rem);
    --_font-size-heading: var(--portico-font-size-heading, 1.375rem);
    --_line-height: var(--portico-line-height, 1.5);

    --_radius: var(--portico-radius, 0.5rem);
    --_space-2xs: var(--portico-space-2xs, 0.125rem);
    --_space-xs: var(--portico-space-xs, 0.25rem);
    --_space-sm: var(--portico-space-sm, 0.5rem);
    --_space-md: var(--portico-space-md, 1rem);
    --_space-lg: var(--portico-space-lg, 1.5rem);
    --_space-xl: var(--portico-space-xl, 2rem);

    --_shadow: var(--portico-shadow, 0 1px 3px rgb(0 0 0 / 0.12), 0 4px 12px rgb(0 0 0 / 0.08));
    --_focus-ring-width: var(--portico-focus-ring-width, 2px);
    --_transition-duration: var(--portico-transition-duration, 150ms);

    font-family: var(--portico-font-family, inherit);
    color-scheme: var(--_color-scheme);
  }

  :host([theme='dark']) {
    ${darkTokens}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }

  @media (forced-colors: active) {
    /* After the :host rule above, so these win over the tokens; the dark palette only sets public tokens. */
    :host {
      --_color-primary: Highlight;
      --_color-on-primary: HighlightText;
      --_color-surface: Canvas;
      --_color-surface-raised: Canvas;
      --_color-text: CanvasText;
      --_color-text-muted: CanvasText;
      --_color-border: CanvasText;
      --_color-focus-ring: Highlight;
      --_color-success: CanvasText;
      --_color-warning: CanvasText;
      --_color-danger: CanvasText;
      --_color-danger-surface: Canvas;
      --_color-info: CanvasText;
      --_flag-high: CanvasText;
      --_flag-low: CanvasText;
      --_flag-critical: CanvasText;
      --_flag-abnormal: CanvasText;
      --_shadow: none;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition-duration: 0s;
    }
  }
`;

/**
 * Declarations that draw a heading in the host's heading font and colour (`--portico-heading-font`,
 * `--portico-heading-color`), for use inside a rule: `` css`h2 { ${headingTokens} }` ``. With neither
 * token set the private tokens are empty, which for these inherited properties means the heading
 * inherits the element's font and colour (see the note on the font in `themeStyles`).
 */
export const headingTokens = css`
  font-family: var(--_heading-font);
  color: var(--_heading-color);
`;

/**
 * Declarations for a visible focus outline, for use inside a rule:
 * `` css`button:focus-visible { ${focusRing} }` ``. An outline (not a box-shadow) survives forced colours.
 */
export const focusRing = css`
  outline: var(--_focus-ring-width) solid var(--_color-focus-ring);
  outline-offset: 2px;
`;

/**
 * For an element a page may show below the fold (every element but the session and the banner): the
 * browser skips its style, layout and painting while it is far off screen (`content-visibility: auto`),
 * so a page with many elements draws the first screen's sooner and loading ones below it cost little.
 * Its DOM, text and accessibility tree stay as they are (find in page, screen readers, tab order), and it
 * is drawn as it nears the screen. Until first drawn it takes 24rem of height, then the height it last
 * had. Only where the browser lets focus outlines show past the element's edge (`overflow-clip-margin`,
 * which the paint containment this brings would otherwise cut off): elsewhere nothing changes.
 */
export const offscreenStyles = css`
  @supports (overflow-clip-margin: 1px) {
    :host {
      content-visibility: auto;
      contain-intrinsic-block-size: auto 24rem;
      /* A length, not calc() (which Chromium refuses here): room for any focus outline and its offset. */
      overflow-clip-margin: 1em;
    }
  }
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
