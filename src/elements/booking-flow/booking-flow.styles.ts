import { css } from 'lit';

export const styles = css`
  .emergency {
    margin: 0 0 1em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-inline-start: 0.35em solid var(--_danger);
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    list-style: none;
    padding: 0;
    margin: 0 0 1em;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .progress li.current {
    color: var(--_primary);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.25em;
  }
  .progress li.past {
    color: inherit;
  }
  .step[hidden] {
    display: none;
  }
  h2 {
    font-size: 1.25em;
    margin: 0 0 0.75em;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .count {
    font-weight: 400;
    color: var(--_muted);
  }
  .step > * + * {
    margin-top: 1em;
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    align-items: center;
    margin-top: 1.5em;
  }
  .hint,
  .muted {
    color: var(--_muted);
  }
  .review {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.5em 1em;
    margin: 0;
  }
  .review dt {
    font-weight: 600;
  }
  .review dd {
    margin: 0;
  }
  .clock {
    font-variant-numeric: tabular-nums;
  }
  confirm-button::part(summary) {
    display: none;
  }
`;
