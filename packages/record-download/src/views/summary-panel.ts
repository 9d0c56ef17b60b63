/**
 * The "Summary" view: a readable summary of the record, print-ready in the element's own styles, that
 * the browser prints or saves as PDF ("Print or save as PDF"). No PDF library: the browser's print
 * renders every script and direction the page does, at no cost in size.
 */
import { css } from 'lit';
import { Task } from '@lit/task';
import { renderError, renderSkeleton, type FhirClient } from '@portico/core';
import type { PanelContext, RecordPanel } from '../record-download/panel.js';
import { loadRecordSummary, type RecordSummary } from '../model/summary-record.js';
import { renderSummary } from './summary-views.js';

class SummaryPanel implements RecordPanel {
  private readonly summary: Task<[FhirClient | undefined, string | undefined], RecordSummary | undefined>;

  constructor(private readonly context: PanelContext) {
    this.summary = new Task(context.host, {
      args: () => [context.client(), context.patientId()],
      task: async ([client, patientId], { signal }) => (client && patientId ? loadRecordSummary(client, patientId, signal) : undefined),
    });
  }

  render() {
    const { localize } = this.context;
    const loading = () => renderSkeleton({ label: localize.term('summaryLoading'), lines: 6 });
    return this.summary.render({
      initial: loading,
      pending: loading,
      complete: (summary) => (summary ? renderSummary({ localize, summary, onPrint: () => window.print() }) : loading()),
      error: (error) => renderError({ message: localize.errorMessage(error), retryLabel: localize.term('retry'), onRetry: () => void this.summary.run() }),
    });
  }
}

/** The "Summary" view. */
export function createPanel(context: PanelContext): RecordPanel {
  return new SummaryPanel(context);
}

/** The summary on screen and on paper: on paper only the summary, in black on white. */
export const styles = css`
  .summary-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-sm);
    margin-block-end: var(--_space-md);
  }
  .summary-actions .hint {
    margin: 0;
    flex: 1 1 16rem;
  }
  .summary section {
    margin-block: var(--_space-md);
    break-inside: avoid-page;
  }
  .summary h3 {
    border-block-end: 1px solid var(--_color-border);
    padding-block-end: var(--_space-xs);
  }
  .summary-date {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .patient-details {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: var(--_space-sm) var(--_space-md);
    margin: 0;
  }
  .patient-details dt {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .patient-details dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .summary-lines {
    margin: 0;
    padding-inline-start: var(--_space-lg);
  }
  .summary-lines li {
    margin-block: var(--_space-xs);
    overflow-wrap: anywhere;
    break-inside: avoid;
  }
  .line-name {
    font-weight: 600;
  }
  .line-detail::before,
  .line-date::before {
    content: ' · ';
    color: var(--_color-text-muted);
  }
  .line-date {
    color: var(--_color-text-muted);
    white-space: nowrap;
  }
  .summary-empty {
    color: var(--_color-text-muted);
    font-style: italic;
  }
  @media print {
    .summary-actions,
    [part~='print-button'] {
      display: none;
    }
    .summary,
    .summary *,
    .summary-date,
    .line-date,
    .summary-empty,
    .patient-details dt {
      color: #000;
      background: transparent;
    }
    .summary h3 {
      border-color: #000;
    }
  }
`;
