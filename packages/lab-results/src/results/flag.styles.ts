import { css } from 'lit';

/**
 * One colour scale for flags wherever lab-results shows them (report rows, the trend table, the chart's
 * marks): core's `--_flag-*` tokens, by the flag's kind (`high`, `low`, `critical-high`, `critical-low`,
 * `abnormal`). A flag is never colour alone: its words are always beside it.
 */
export const flagColourStyles = css`
  .flag-high {
    --_flag: var(--_flag-high);
  }
  .flag-low {
    --_flag: var(--_flag-low);
  }
  .flag-critical-high,
  .flag-critical-low {
    --_flag: var(--_flag-critical);
  }
  .flag-abnormal {
    --_flag: var(--_flag-abnormal);
  }
`;
