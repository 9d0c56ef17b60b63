import { defineElement } from '@portico/core';
import { RecordDownload } from './record-download/record-download.js';

defineElement('record-download', RecordDownload);

declare global {
  interface HTMLElementTagNameMap {
    'record-download': RecordDownload;
  }
}
