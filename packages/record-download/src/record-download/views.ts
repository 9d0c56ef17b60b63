import type { RecordTerms } from '../i18n/terms.js';
import * as exportPanel from '../views/export-panel.js';
import type { RecordPanelModule } from './panel.js';

/** The element's views, in the order of its tabs. */
export const RECORD_VIEWS = ['everything', 'summary', 'documents', 'immunizations', 'health-card'] as const;
export type RecordView = (typeof RECORD_VIEWS)[number];

/** Each view's tab label. */
export const VIEW_TERMS = {
  everything: 'viewEverything',
  summary: 'viewSummary',
  documents: 'viewDocuments',
  immunizations: 'viewImmunizations',
  'health-card': 'viewHealthCard',
} as const satisfies Record<RecordView, keyof RecordTerms>;

/**
 * Each view's code, loaded the first time it is shown. The view the element opens on by default comes with
 * the element: loaded after it, it was one more round trip on every first view.
 */
export const VIEW_MODULES: Record<RecordView, () => Promise<RecordPanelModule>> = {
  everything: () => Promise.resolve(exportPanel),
  summary: () => import('../views/summary-panel.js'),
  documents: () => import('../views/documents-panel.js'),
  immunizations: () => import('../views/immunization-panel.js'),
  'health-card': () => import('../views/health-card-panel.js'),
};
