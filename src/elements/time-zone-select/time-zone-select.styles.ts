import { css } from 'lit';

export const styles = css`
  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .hint {
    font-size: 0.9em;
  }
  [role='listbox'],
  .empty {
    position: absolute;
    top: 100%;
    inset-inline: 0;
    z-index: 1;
    margin: 0.25em 0 0;
    padding: 0.25em 0;
    list-style: none;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 15%);
  }
  [role='listbox'] {
    max-height: var(--careslot-listbox-max-height, 16em);
    overflow-y: auto;
  }
  .empty {
    padding: 0.5em 0.75em;
  }
  [role='option'] {
    padding: 0.5em 0.75em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  [role='option']:hover {
    background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
  }
  /* The option the arrow keys are on (aria-activedescendant): the same ring as keyboard focus. */
  [role='option'].active {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  [role='option'].current {
    font-weight: 600;
  }
`;
