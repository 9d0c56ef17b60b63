import { css } from 'lit';
import { headingTokens } from '@portico/core';

/** The element's frame: its heading and tabs (each view brings its own styles). */
export const recordDownloadStyles = css`
  .record-download {
    container-type: inline-size;
  }
  h3,
  h4 {
    margin: var(--_space-sm) 0;
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  @media print {
    .tabs {
      display: none;
    }
  }
`;
