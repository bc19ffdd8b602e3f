import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import { deepActiveElement, deepText, findIn, waitForText } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';
import { slotButtons, storyDefaults } from './support/play.js';

interface ZoneArgs {
  value?: string;
  /** `<booking-provider>` settings for this story (not an element attribute). */
  setup?: ProviderSetup;
}

const meta = {
  title: 'Elements/Time zone select',
  component: 'time-zone-select',
  args: {},
  argTypes: {
    value: {
      control: 'select',
      options: [
        undefined,
        'America/New_York',
        'America/Phoenix',
        'Europe/London',
        'Asia/Kolkata',
        'Australia/Adelaide',
      ],
    },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider({ ...args.setup }, html`<time-zone-select value=${ifDefined(args.value)}></time-zone-select>`),
} satisfies Meta<ZoneArgs>;

export default meta;
type Story = StoryObj<ZoneArgs>;

const field = (root: HTMLElement) => findIn<HTMLInputElement>(root, 'time-zone-select', 'input[role="combobox"]');

/** Typing into the field, as a patient does. */
async function search(root: HTMLElement, text: string): Promise<HTMLInputElement> {
  const input = await field(root);
  input.focus();
  input.select();
  await userEvent.keyboard(text);
  return input;
}

/** The browser's zone, with its current offset and city. */
export const BrowserZone: Story = {
  play: async ({ canvasElement }) => {
    await expect((await field(canvasElement)).value).toMatch(/^\(UTC[+\u2212]\d\d:\d\d\) /);
  },
};

/** A zone the page sets (`value`): a half-hour offset. */
export const ChosenByThePage: Story = {
  args: { value: 'Australia/Adelaide' },
  play: async ({ canvasElement }) => {
    await expect((await field(canvasElement)).value).toMatch(/^\(UTC\+\d\d:30\) Adelaide$/);
  },
};

/** The list, open at the chosen zone (Arrow Down). */
export const ListOpen: Story = {
  args: { value: 'America/New_York' },
  play: async ({ canvasElement }) => {
    const input = await field(canvasElement);
    input.focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect(input.getAttribute('aria-expanded')).toBe('true');
    const active = await findIn(canvasElement, 'time-zone-select', '[role="option"][aria-selected="true"]');
    await expect(deepText(active)).toContain('New York');
  },
};

/** Searching by region: "europe" lists the European zones, the first highlighted. */
export const Searching: Story = {
  play: async ({ canvasElement }) => {
    await search(canvasElement, 'europe');
    await findIn(canvasElement, 'time-zone-select', '[role="option"]', { text: 'London' });
    await findIn(canvasElement, 'time-zone-select', '[role="option"][aria-selected="true"]');
  },
};

/** Nothing matches: the list says so. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    const input = await search(canvasElement, 'atlantis');
    await findIn(canvasElement, 'time-zone-select', '[part="empty"]', { text: 'No time zone matches.' });
    await expect(input.getAttribute('aria-expanded')).toBe('false');
  },
};

/** Keyboard only: type, Enter takes the highlighted zone and fires `time-zone-change`. */
export const KeyboardChoice: Story = {
  play: async ({ canvasElement }) => {
    const changes: CustomEvent[] = [];
    canvasElement.addEventListener('time-zone-change', (e) => changes.push(e as CustomEvent));
    const input = await search(canvasElement, 'tokyo');
    await userEvent.keyboard('{Enter}');
    await expect(changes.at(-1)?.detail).toEqual({ timeZone: 'Asia/Tokyo' });
    await expect(input.value).toBe('(UTC+09:00) Tokyo');
    await expect(deepActiveElement()).toBe(input);
  },
};

/** With a slot picker: choosing London moves the video visits there, and in-person ones say "your time" in it. */
export const WithSlotPicker: Story = {
  render: () =>
    bookingProvider(
      {},
      html`<time-zone-select></time-zone-select> <slot-picker view="list" practitioner="ruiz" days="2"></slot-picker>`,
    ),
  play: async ({ canvasElement, globals }) => {
    await slotButtons(canvasElement);
    await search(canvasElement, 'london');
    await userEvent.keyboard('{Enter}');
    // A display zone from the toolbar overrides the patient's zone.
    if (storyDefaults(globals)) await waitForText(canvasElement.querySelector('slot-picker')!, /GMT/);
  },
};

/** A 320 px phone screen, list open. */
export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: async ({ canvasElement }) => {
    await search(canvasElement, 'america');
    const listbox = await findIn(canvasElement, 'time-zone-select', '[role="listbox"]');
    await expect(listbox.getBoundingClientRect().width).toBeLessThanOrEqual(320);
  },
};

/** Dark colour scheme through the public custom properties, list open. */
export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    await search(canvasElement, 'new');
  },
};
