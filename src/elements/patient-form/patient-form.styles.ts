import { css } from 'lit';

export const styles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: 1.25em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend,
  .label {
    padding: 0;
    font-weight: 600;
  }
  .field,
  .sub {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: 0;
  }
  /* First and last name side by side where there is room, one under the other on a phone. */
  .pair {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 1em;
  }
  .sub {
    flex: 1 1 12em;
  }
  .required {
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .control[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .control:disabled,
  .choice:has(input:disabled) {
    opacity: 0.6;
    cursor: not-allowed;
  }
  textarea.control {
    min-height: 6em;
    resize: vertical;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-height: 2.75em;
    font-weight: 400;
    cursor: pointer;
  }
  .choice input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .choice input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .value {
    overflow-wrap: anywhere;
  }
`;
