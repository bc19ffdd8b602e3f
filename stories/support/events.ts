import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { action } from 'storybook/actions';
import { CARESLOT_EVENT_NAMES } from '../../src/elements/shared/events.js';

/**
 * Logs every careslot event of the story in the Actions panel. It listens on the story's own root (the element
 * its markup renders into), where the composed events bubble; Storybook's `withActions` listens on
 * `#storybook-root` only, which some renderers (the test runner's) do not have.
 */
export const withCareslotActions: Decorator = (story) => {
  const listen = (root: Node & { careslotActions?: boolean }) => {
    if (root.careslotActions) return;
    root.careslotActions = true;
    for (const name of CARESLOT_EVENT_NAMES) root.addEventListener(name, (event) => action(name)(event));
  };
  // The marker is still in the rendered fragment when its ref first runs: listen once it is in the page.
  const attach = (marker?: Element) => {
    if (marker) queueMicrotask(() => marker.parentNode && listen(marker.parentNode));
  };
  return html`${story()}<span hidden data-careslot-actions ${ref(attach)}></span>`;
};
