import { css } from 'lit';

export const styles = css`
  .header {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin-bottom: 0.5em;
  }
  .range {
    flex: 1;
    text-align: center;
    font-weight: 600;
  }
  .nav {
    min-width: 2.75em;
    padding: 0.25em 0.6em;
    font-size: 1.1em;
  }
  .grid {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  .day {
    display: flex;
    flex-wrap: wrap;
    gap: var(--careslot-slot-gap, 0.5em);
  }
  .day-label {
    flex-basis: 100%;
    font-weight: 600;
    margin-top: 0.25em;
  }
  .cell {
    display: flex;
  }
  .slot {
    min-width: var(--careslot-slot-min-width, 6.5em);
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    text-align: start;
    gap: 0.1em;
  }
  .visible {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.1em;
  }
  .slot:hover {
    border-color: var(--_primary);
  }
  [part~='slot-selected'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .time {
    font-weight: 600;
    white-space: nowrap;
  }
  .zone,
  .other,
  .who,
  .mode {
    font-size: 0.8em;
    font-weight: 400;
  }
  .who {
    max-width: 12em;
    overflow-wrap: anywhere;
  }
`;
