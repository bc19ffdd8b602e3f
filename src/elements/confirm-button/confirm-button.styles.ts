import { css } from 'lit';

export const styles = css`
  .base {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5em;
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  [part='button'] {
    width: var(--careslot-button-width, auto);
  }
  .hint {
    font-size: 0.9em;
  }
  [part='status'] {
    margin: 0;
  }
`;
