import { css } from 'lit';

export const styles = css`
  .base {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 1em;
  }
  .base > .message {
    flex: 1 1 100%;
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    /* Side by side where there is room, one under the other on a phone (12em each). */
    flex: 1 1 12em;
    min-width: 0;
  }
`;
