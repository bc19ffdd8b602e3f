import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_PATIENT, STORY_NOW } from './support/page.js';
import { chooseSlotByClick } from './support/play.js';

/**
 * The built-in colour sets: `theme="dark"` on `<booking-provider>`, or `theme="auto"` to follow the reader's
 * `prefers-color-scheme`. The theme only sets custom properties, so the page's own `--careslot-color-*`
 * still win, and the page's content inside the provider keeps the page's type and colours.
 */
const themed = (theme: string, pageStyle: string, extra = '') =>
  html`<div style="padding: 16px; border-radius: 8px; ${pageStyle}">
    <booking-provider theme=${theme} backend="demo" patient=${DEMO_PATIENT} now=${STORY_NOW}>
      <h2 style=${extra}>Book a visit</h2>
      <slot-picker location="harbor"></slot-picker>
      <confirm-button></confirm-button>
    </booking-provider>
  </div>`;

const meta = {
  title: 'Theming/Themes',
  tags: ['!autodocs'],
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** `theme="dark"` on a dark page: every text 4.5:1 or more against the dark surface. */
export const Dark: Story = {
  globals: { backgrounds: { value: 'dark' } },
  render: () => themed('dark', 'background: #0d0f12; color: #e8ebf0; font-family: Georgia, serif'),
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
  },
};

/** `theme="auto"`: light or dark with the reader's colour scheme (switch it in the browser's dev tools). */
export const Auto: Story = {
  render: () =>
    html`<style>
        .auto-page {
          background: #ffffff;
          color: #1f2430;
        }
        @media (prefers-color-scheme: dark) {
          .auto-page {
            background: #0d0f12;
            color: #e8ebf0;
          }
        }
      </style>
      <div class="auto-page">${themed('auto', '')}</div>`,
};

/** A brand colour on top of the dark theme: the page's `--careslot-color-primary` wins. */
export const DarkWithBrandColour: Story = {
  globals: { backgrounds: { value: 'dark' } },
  render: () =>
    themed(
      'dark',
      'background: #0d0f12; color: #e8ebf0; --careslot-color-primary: #f2c94c; --careslot-color-on-primary: #1b1400',
    ),
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
  },
};
