import { css } from 'lit';

/** A labelled form field (the selects of `<visit-filter>`, the search box of `<time-zone-select>`). */
export const fieldStyles = css`
  label {
    font-weight: 600;
  }
  .control {
    font: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-height: 2.75em;
    padding: 0.5em 0.75em;
    width: 100%;
    max-width: 100%;
    margin: 0;
  }
  .control:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
