import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  /* The JSON options child is data: keep it hidden even when page CSS makes every element visible
     (* { display: inline !important } would print the JSON). Shadow-context !important wins. */
  ::slotted(script) {
    display: none !important;
  }
  [part='error'] {
    display: flex;
    gap: 1em;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
  }
`;
