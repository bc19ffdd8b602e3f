import { css } from 'lit';

export const styles = css`
  .base {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5em;
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  [part='button'] {
    width: var(--careslot-button-width, auto);
  }
  .hint {
    font-size: 0.9em;
  }
  [part='status'] {
    margin: 0;
  }
  .hold {
    margin: 0;
    font-size: 0.9em;
  }
  .clock {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  button.link {
    border: none;
    background: none;
    padding: 0.25em 0;
    min-height: 1.5em;
    color: var(--_primary);
    text-decoration: underline;
  }
  .alternatives {
    list-style: none;
    padding: 0;
    margin: 0.5em 0 0;
    display: grid;
    gap: 0.5em;
  }
`;
