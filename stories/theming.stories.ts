import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { bookingProvider, darkFrame, phoneFrame } from './support/page.js';
import { chooseSlotByClick } from './support/play.js';

/**
 * Branding through the public surface only: CSS custom properties (inherited into the shadow roots) and
 * `::part()` selectors. Nothing else from the page reaches inside the elements.
 */
const brandCss = `
  .northside {
    /* tokens shared by every element */
    --careslot-color-primary: #5b2a86;
    --careslot-color-on-primary: #ffffff;
    --careslot-color-text: #24163a;
    --careslot-color-muted: #5d4f6e;
    --careslot-color-surface: #fbf8ff;
    --careslot-color-border: #b9a7d1;
    --careslot-color-focus: #d9480f;
    --careslot-font-family: 'Trebuchet MS', 'Segoe UI', sans-serif;
    --careslot-font-size: 15px;
    --careslot-radius: 14px;
    /* per element */
    --careslot-slot-min-width: 7.5em;
    --careslot-slot-gap: 0.4em;
    --careslot-button-width: 100%;
    --careslot-item-gap: 1em;
    background: #f4effa;
    padding: 1rem;
    border-radius: 16px;
  }
  .northside slot-picker::part(day-label) { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8em; }
  .northside slot-picker::part(slot-selected) { box-shadow: 0 0 0 3px #f2c94c; }
  .northside confirm-button::part(button) { border-radius: 999px; }
  .northside appointment-list::part(badge) { background: #ece2f7; color: #3d1c5c; border-radius: 999px; padding: 0.1em 0.7em; }
  .northside appointment-list::part(item) { background: #ffffff; }
`;

const widget = () =>
  bookingProvider(
    {},
    html`<slot-picker view="list" days="2" location="harbor"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>`,
  );

const meta = {
  title: 'Theming/Examples',
  tags: ['!autodocs'],
  render: () => widget(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** The elements as they ship: no theme at all. */
export const Default: Story = {};

/** "Northside Health" brand: purple, rounded, its own font, a yellow ring on the chosen time. */
export const ClinicBrand: Story = {
  render: () =>
    html`<style>
        ${brandCss}
      </style>
      <div class="northside">${widget()}</div>`,
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
  },
};

/** Dark colour scheme: only the custom properties change. */
export const Dark: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
  },
};

/** Large text (a host page with a 20 px base) on a phone. */
export const LargeTextOnAPhone: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  render: () => phoneFrame(html`<div style="--careslot-font-size: 20px">${widget()}</div>`),
};
