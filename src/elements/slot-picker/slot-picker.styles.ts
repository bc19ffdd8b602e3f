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
  /* The earlier / later chevrons point the way the days run. */
  .chevron {
    display: inline-block;
  }
  :host(:dir(rtl)) .chevron {
    transform: scaleX(-1);
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
  .visible > :empty {
    display: none;
  }
  .who {
    max-width: 12em;
    overflow-wrap: anywhere;
  }

  /* ------------------------------------------------------------ calendar */
  :host {
    --_available: var(--careslot-color-available, var(--_primary));
  }
  .calendar {
    display: grid;
    gap: 1em;
  }
  .calendar.wide {
    grid-template-columns: 20em minmax(0, 1fr);
    gap: 1.5em;
    align-items: start;
  }
  .dates-grid {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 0.2em;
  }
  .dates-grid th {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_muted);
    padding: 0.2em 0;
    text-align: center;
  }
  .dates-grid td {
    position: relative;
    height: 2.75em;
    padding: 0;
    text-align: center;
    vertical-align: middle;
    border: 1px solid transparent;
    border-radius: var(--_radius);
  }
  .dates-grid .date[aria-disabled='true'] {
    color: var(--_muted);
    cursor: default;
  }
  .dates-grid [part~='date-available'] {
    cursor: pointer;
    font-weight: 700;
    background: var(--_surface);
    border-color: var(--_border);
  }
  .dates-grid [part~='date-available']:hover {
    border-color: var(--_primary);
  }
  .mark {
    position: absolute;
    inset-inline-start: 50%;
    bottom: 0.3em;
    width: 0.4em;
    height: 0.4em;
    margin-inline-start: -0.2em;
    border-radius: 50%;
    background: var(--_available);
  }
  .dates-grid [part~='date-today'] .num {
    text-decoration: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 0.25em;
  }
  .dates-grid [part~='date-selected'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .dates-grid [part~='date-selected'] .mark {
    background: var(--_on-primary);
  }
  .dates-grid .date:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .day-view {
    min-width: 0;
  }
  .day-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 0.5em;
    margin-bottom: 0.5em;
  }
  .day-head .day-label {
    flex-basis: auto;
    margin: 0;
  }
  .times {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .group {
    display: grid;
    grid-template-columns: repeat(var(--_cols, 4), minmax(0, 1fr));
    gap: var(--careslot-slot-gap, 0.375em);
  }
  .group-label {
    grid-column: 1 / -1;
    font-size: 0.875em;
    font-weight: 600;
    line-height: 1.2;
    overflow-wrap: anywhere;
  }
  .times .slot,
  .more {
    width: 100%;
    min-width: 0;
    padding: 0.2em 0.3em;
    line-height: 1.2;
  }
  .times .slot {
    align-items: center;
    justify-content: center;
    text-align: center;
  }
  .times .visible {
    flex-direction: row;
    flex-wrap: wrap;
    justify-content: center;
    column-gap: 0.3em;
    row-gap: 0;
  }
  .times .time {
    display: contents;
  }
  .clock {
    flex-basis: 100%;
  }
  .more {
    font-size: 0.9em;
  }
  .summary {
    margin-top: 0.5em;
    padding: 0.4em 0.6em;
    line-height: 1.3;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .narrow .summary {
    position: sticky;
    bottom: 0;
  }
  .summary .where {
    font-size: 0.9em;
  }
  [part='next-available'] {
    display: block;
    margin-top: 0.5em;
  }
  @media (forced-colors: active) {
    .dates-grid [part~='date-available'] {
      forced-color-adjust: none;
      background: Canvas;
      color: LinkText;
      border: 2px solid LinkText;
    }
    .mark {
      forced-color-adjust: none;
      background: LinkText;
    }
    .dates-grid .date[aria-disabled='true'] {
      color: GrayText;
    }
    .dates-grid [part~='date-selected'],
    [part~='slot-selected'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border: 2px solid CanvasText;
    }
    /* Days without times: no border, the number in GrayText (above), no mark. */
    .dates-grid .date:not([part~='date-available']) {
      border-color: Canvas;
    }
    .dates-grid .date:focus-visible,
    .slot:focus-visible {
      outline: 3px solid Highlight;
    }
    /* The next-available hint and the chosen-time summary keep their frame. */
    .summary {
      border: 2px solid CanvasText;
    }
    .dates-grid [part~='date-selected'] .mark {
      background: HighlightText;
    }
  }
`;
