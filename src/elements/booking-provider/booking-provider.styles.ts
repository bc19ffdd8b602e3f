import { css } from 'lit';

/*
 * The dark colour set of `theme="dark"` (and of `theme="auto"` under a dark `prefers-color-scheme`). Only
 * custom properties: they inherit into every careslot element inside, where baseStyles reads them after
 * the page's own `--careslot-color-*` (so those still win). The provider's own light-DOM content (a page
 * heading, a paragraph) is not restyled. Contrast against the dark background and surface: text 15:1 and
 * 13:1, muted 8.4:1, primary and links 8.5:1, on-primary on primary 8.3:1, danger 8.9:1, success 10:1,
 * focus ring 10:1, borders 4.5:1 and 3.9:1 (WCAG AA: 4.5:1 text, 3:1 large text and UI).
 */
const dark = css`
  --_theme-scheme: dark;
  --_theme-background: #14171c;
  --_theme-surface: #1e232b;
  --_theme-text: #e8ebf0;
  --_theme-muted: #aab2c0;
  --_theme-primary: #7cb6ff;
  --_theme-on-primary: #0a1a2f;
  --_theme-border: #767f90;
  --_theme-danger: #ff9b9b;
  --_theme-success: #74d691;
  --_theme-focus: #9cc3ff;
`;

export const styles = css`
  :host {
    display: block;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  /* The JSON options child is data: keep it hidden even when page CSS makes every element visible
     (* { display: inline !important } would print the JSON). Shadow-context !important wins. */
  ::slotted(script) {
    display: none !important;
  }
  /* The host passes the page's type to its light-DOM content untouched; its own message has careslot's. */
  [part='error'] {
    display: flex;
    gap: 1em;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
    font-family: var(--careslot-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--careslot-font-size, medium);
    line-height: 1.4;
    color: var(--_danger);
    background-color: var(--_theme-background);
  }
`;
