import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json';
import { CARESLOT_EVENT_NAMES } from '../stories/support/events.js';
import { careslotGlobalTypes, withCareslotGlobals } from '../stories/support/globals.js';
import '../src/define.js';

// Docs pages and controls (attributes, properties, events, slots, CSS parts and custom properties) come
// from the JSDoc on each element class, through custom-elements.json (`npm run analyze`).
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  // withActions: every careslot event a story fires shows in the Actions panel (they bubble to the root).
  decorators: [withCareslotGlobals, withActions],
  globalTypes: careslotGlobalTypes,
  initialGlobals: { timeZone: '', locale: '', hourCycle: '', theme: '', today: '' },
  parameters: {
    controls: { expanded: true, matchers: { color: /(background|color)$/i } },
    actions: { handles: CARESLOT_EVENT_NAMES },
    // Every story is an accessibility test: an axe violation fails it (in the a11y panel and in `npm test`).
    a11y: { test: 'error' },
    layout: 'padded',
    options: { storySort: { order: ['Introduction', 'Elements', 'States', 'Booking flow', 'Backends', 'Theming'] } },
  },
};

export default preview;
