import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent } from 'storybook/test';
import type { DemoOptions } from '../src/providers/demo/index.js';
import { findIn } from './support/dom.js';
import { bookingProvider, bookingWidget, DEMO_PATIENT, STORY_NOW } from './support/page.js';
import { slotButtons } from './support/play.js';

interface ProviderArgs {
  backend: string;
  patient?: string;
  now?: string;
  'time-zone'?: string;
  locale?: string;
  'hour-cycle'?: 'h12' | 'h23';
  demo?: DemoOptions;
}

const meta = {
  title: 'Elements/Booking provider',
  component: 'booking-provider',
  args: { backend: 'demo', patient: DEMO_PATIENT, now: STORY_NOW },
  argTypes: {
    backend: { control: 'text' },
    'hour-cycle': { control: 'inline-radio', options: [undefined, 'h12', 'h23'] },
    demo: { control: 'object', table: { category: 'story' } },
  },
  render: (args) =>
    bookingProvider(
      {
        backend: args.backend,
        patient: args.patient,
        now: args.now,
        timeZone: args['time-zone'] || undefined,
        locale: args.locale || undefined,
        hourCycle: args['hour-cycle'],
        options: args.demo,
      },
      bookingWidget({ days: 2, location: 'harbor' }),
    ),
} satisfies Meta<ProviderArgs>;

export default meta;
type Story = StoryObj<ProviderArgs>;

/** The three elements under one provider (the demo backend). */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await slotButtons(canvasElement);
    await findIn(canvasElement, 'appointment-list', '[part="list"]');
  },
};

/** Options from a JSON `<script>` child, for pages that allow no inline scripts. */
export const OptionsFromJson: Story = {
  render: () =>
    html`<booking-provider backend="demo" patient="demo-patient" now=${STORY_NOW}>
      <script type="application/json">
        { "latencyMs": 400, "seed": 7 }
      </script>
      <slot-picker view="list" days="3"></slot-picker>
      <confirm-button></confirm-button>
    </booking-provider>`,
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="loading"]');
    await slotButtons(canvasElement);
  },
};

/** An unknown backend name: the provider says so, with a retry button; the children stand down. */
export const BackendCannotLoad: Story = {
  args: { backend: 'not-a-backend' },
  play: async ({ canvasElement }) => {
    const errors: CustomEvent[] = [];
    canvasElement.addEventListener('booking-provider-error', (e) => errors.push(e as CustomEvent));
    const retry = await findIn(canvasElement, 'booking-provider', 'button[part="retry"]');
    await findIn(canvasElement, 'booking-provider', '[part="error"]', {
      text: 'Online booking is not available on this page right now',
    });
    await userEvent.click(retry);
    await findIn(canvasElement, 'booking-provider', '[part="error"]');
    await expect(errors.length).toBeGreaterThan(0);
  },
};

/** Broken JSON options: a clear message instead of a silent failure. */
export const BadJsonOptions: Story = {
  render: () =>
    html`<booking-provider backend="demo" patient="demo-patient" now=${STORY_NOW}>
      <script type="application/json">
        { latencyMs: 400
      </script>
      <slot-picker view="list" days="3"></slot-picker>
    </booking-provider>`,
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'booking-provider', '[part="error"]', {
      text: 'Online booking is not available on this page right now',
    });
  },
};

/** Display settings on the provider: every element follows them. */
export const LondonClockInFrench: Story = {
  args: { 'time-zone': 'Europe/London', locale: 'fr-FR' },
};
