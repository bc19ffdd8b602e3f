import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='error'] {
    display: flex;
    gap: 1em;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
  }
`;
