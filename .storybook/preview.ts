import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { withCareslotActions } from '../stories/support/events.js';
import { careslotGlobalTypes, withCareslotGlobals } from '../stories/support/globals.js';
import '../src/define.js';

// Docs pages and controls (attributes, properties, events, slots, CSS parts and custom properties) come
// from the JSDoc on each element class, through custom-elements.json (`npm run analyze`).
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  // Every careslot event a story fires shows in the Actions panel.
  decorators: [withCareslotGlobals, withCareslotActions],
  globalTypes: careslotGlobalTypes,
  initialGlobals: { timeZone: '', locale: '', hourCycle: '', theme: '', today: '' },
  parameters: {
    controls: { expanded: true, matchers: { color: /(background|color)$/i } },
    // Every story is an accessibility test: an axe violation fails it (in the a11y panel and in `npm test`).
    a11y: { test: 'error' },
    layout: 'padded',
    options: { storySort: { order: ['Introduction', 'Elements', 'States', 'Booking flow', 'Backends', 'Theming'] } },
  },
};

export default preview;
