import { html, type TemplateResult } from 'lit';
import type { LabLocalize } from '../i18n/terms.js';
import { TREND_RANGES, type TrendRangeYears } from '../model/trend-ranges.js';

/** The test whose trend is open, and the trend button to go back to. */
export interface TrendOf {
  code: string;
  name: string;
  returnTo?: string;
}

/** What the trend view reads and calls. */
export interface TrendViewHost {
  readonly localize: LabLocalize;
  /** The patient, for the reference range that applies to them. */
  readonly patient?: { birthDate?: string; gender?: string };
  readonly years: TrendRangeYears;
  setYears(years: TrendRangeYears): void;
  /** Back to the results. */
  closeTrend(): void;
}

/** The trend view: its heading, "back to results" and the time range, then `body` (the chart and table as they load). */
export function renderTrendView(host: TrendViewHost, of: TrendOf, body: unknown): TemplateResult {
  return html`<div class="trend-view" part="trend">
      <h3 tabindex="-1" data-focus-target>${host.localize.term('trendTitle', of.name)}</h3>
      <div class="trend-bar">
        <button type="button" @click=${() => host.closeTrend()}>${host.localize.term('backToResults')}</button>
        <label class="field">
          <span>${host.localize.term('timeRange')}</span>
          <select @change=${(e: Event) => host.setYears(Number((e.target as HTMLSelectElement).value) as TrendRangeYears)}>
            ${TREND_RANGES.map(
              (years) => html`<option value=${years} ?selected=${years === host.years}>
                ${years ? host.localize.term('trendSpan', years) : host.localize.term('allTime')}
              </option>`,
            )}
          </select>
        </label>
      </div>
      ${body}
    </div>`;
}
