import { porticoEvent } from '@portico/core';

/** What a saved file is: the FHIR export as one Bundle or NDJSON, the International Patient Summary, or the continuity-of-care document. */
export const RECORD_FILE_FORMATS = ['bundle', 'ndjson', 'ips', 'ccd'] as const;
export type RecordFileFormat = (typeof RECORD_FILE_FORMATS)[number];

export interface RecordDownloadedDetail {
  format: RecordFileFormat;
  /** Resources in the file (1 for a document). */
  resources: number;
  bytes: number;
}

/** Fired by `<record-download>` when the patient saves a file of their record. */
export class PorticoRecordDownloadedEvent extends porticoEvent<RecordDownloadedDetail>('portico-record-downloaded') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-record-downloaded': PorticoRecordDownloadedEvent;
  }
}
