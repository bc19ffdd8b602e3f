import { css } from 'lit';

export const styles = css`
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--careslot-item-gap, 0.75em);
  }
  .item {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    background: var(--_surface);
    display: flex;
    flex-direction: column;
    gap: 0.4em;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
  }
  .badge {
    font-size: 0.85em;
    padding: 0.1em 0.6em;
    border-radius: 1em;
    border: 1px solid var(--_border);
    white-space: nowrap;
  }
  .item:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .status-cancelled .when {
    text-decoration: line-through;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .instructions {
    margin: 0;
    padding-inline-start: 1.2em;
  }
`;
