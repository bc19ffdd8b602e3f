import { css } from 'lit';

export const styles = css`
  .base {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--careslot-confirmation-padding, 1em 1.25em);
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    overflow-wrap: anywhere;
  }
  .base.empty {
    border-style: dashed;
    color: var(--_muted);
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.25;
    color: var(--_success);
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .state-cancelled h2 {
    color: var(--_danger);
  }
  .state-requested h2 {
    color: inherit;
  }
  .state-cancelled .when {
    text-decoration: line-through;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.35em 1em;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .line {
    display: block;
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.2em;
  }
  a.button {
    border: 1px solid var(--_primary);
  }
  .note {
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
  }
  .note:focus {
    outline: none;
  }
  .note:focus-visible {
    outline: 3px solid var(--_focus);
  }
  @media (max-width: 30em) {
    dl {
      grid-template-columns: 1fr;
      gap: 0 0;
    }
    dd {
      margin-bottom: 0.4em;
    }
  }
`;
