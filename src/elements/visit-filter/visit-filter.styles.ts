import { css } from 'lit';

export const styles = css`
  .base {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 1em;
  }
  .base > .message {
    flex: 1 1 100%;
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    /* Side by side where there is room, one under the other on a phone (12em each). */
    flex: 1 1 12em;
    min-width: 0;
  }
  label {
    font-weight: 600;
  }
  select {
    font: inherit;
    letter-spacing: inherit;
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
  select:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
