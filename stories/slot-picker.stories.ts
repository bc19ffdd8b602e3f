import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { DemoOptions } from '../src/providers/demo/index.js';
import { deepActiveElement, deepText, findIn, waitForText } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';
import { chooseSlotByClick, chooseSlotByKeyboard, slotButtons, storyDefaults } from './support/play.js';

interface PickerArgs {
  days: number;
  start?: string;
  practitioner?: string;
  location?: string;
  service?: string;
  'time-zone'?: string;
  name?: string;
  required?: boolean;
  /** Demo backend options (not an element attribute). */
  demo?: DemoOptions;
  /** `<booking-provider>` settings for this story (not an element attribute). */
  setup?: ProviderSetup;
}

const meta = {
  title: 'Elements/Slot picker',
  component: 'slot-picker',
  // One site and three days keep the grid (and its axe run) small; the Slots story shows the whole group.
  args: { days: 3, location: 'harbor' },
  argTypes: {
    days: { control: { type: 'number', min: 1, max: 14 } },
    start: { control: 'text', description: 'First day, YYYY-MM-DD (default: today of the clock)' },
    practitioner: {
      control: 'select',
      options: [undefined, 'ruiz', 'okafor', 'night-line', 'nguyen', 'begay', 'walsh', 'tan', 'patel'],
    },
    location: { control: 'select', options: [undefined, 'harbor', 'desert', 'adelaide', 'thames'] },
    service: { control: 'select', options: [undefined, 'office-visit', 'video-visit', 'phone-visit'] },
    demo: { control: 'object', table: { category: 'story' } },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { options: args.demo, ...args.setup },
      html`<slot-picker
        days=${args.days}
        start=${ifDefined(args.start || undefined)}
        practitioner=${ifDefined(args.practitioner)}
        location=${ifDefined(args.location)}
        service=${ifDefined(args.service)}
        time-zone=${ifDefined(args['time-zone'] || undefined)}
        name=${ifDefined(args.name)}
        ?required=${args.required ?? false}
      ></slot-picker>`,
    ),
} satisfies Meta<PickerArgs>;

export default meta;
type Story = StoryObj<PickerArgs>;

/** Free times at every site of the clinic group, from the clock (Mon 2 March 2026, 10:00 New York). */
export const Slots: Story = {
  args: { location: undefined, days: 2 },
  play: async ({ canvasElement }) => {
    const buttons = await slotButtons(canvasElement);
    // Every time's accessible name carries date, time, zone, practitioner and location.
    await expect(deepText(buttons[0])).toMatch(/\d.*(AM|PM|:).*,.*(Clinic|Surgery|Health)/);
  },
};

/** The slow backend: the loading message (and its live-region announcement) stays up. */
export const Loading: Story = {
  args: { demo: { latencyMs: 86_400_000 } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="loading"]');
  },
};

/** Nothing free in the range: says so and offers later days. */
export const NoSlotsInRange: Story = {
  args: { demo: { noSlots: true } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="empty"]', { text: 'No times available' });
    await findIn(canvasElement, 'slot-picker', 'button', { text: 'Show later days' });
  },
};

/** The backend fails once; "Try again" loads the times. */
export const BackendErrorWithRetry: Story = {
  args: { demo: { failures: { findSlots: { kind: 'upstream-unavailable', times: 1 } } } },
  play: async ({ canvasElement, step }) => {
    await step('the error is shown with a retry button', async () => {
      await findIn(canvasElement, 'slot-picker', '[data-state="error"]', { text: 'unavailable' });
    });
    await step('retry loads the times', async () => {
      await userEvent.click(await findIn(canvasElement, 'slot-picker', 'button[part="retry"]'));
      await slotButtons(canvasElement);
    });
  },
};

/** A permanent outage (every call fails) with the backend's own message. */
export const BackendDown: Story = {
  args: {
    demo: {
      failures: {
        findSlots: { kind: 'network', message: 'The scheduling system could not be reached. Check your connection.' },
      },
    },
  },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="error"]', { text: 'could not be reached' });
  },
};

/** One tab stop; arrow keys move between times (WAI-ARIA grid), Enter chooses. */
export const KeyboardSelection: Story = {
  play: async ({ canvasElement }) => {
    const chosen = await chooseSlotByKeyboard(canvasElement);
    await expect(chosen.getAttribute('part')).toContain('slot-selected');
    await userEvent.keyboard('{End}');
    const last = deepActiveElement() as HTMLButtonElement;
    await expect(last.closest('[role="row"]')?.querySelectorAll('button.slot')).toContain(last);
  },
};

/** A chosen time, highlighted with the `slot-selected` part. */
export const Selected: Story = {
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement, 2);
  },
};

/** One practitioner with in-person and video blocks: video times show in the patient's zone too. */
export const OnePractitionerVideoAndInPerson: Story = {
  args: { practitioner: 'ruiz', location: undefined },
};

/** A clinic in Adelaide (half-hour offset, southern DST) seen from another zone. */
export const HalfHourZoneClinic: Story = {
  args: { location: 'adelaide' },
};

/** US DST starts on Sun 8 March 2026: the Night Nurse Line's 2:00–2:59 times do not exist (a 23-hour day). */
export const DstSpringForward: Story = {
  args: {
    practitioner: 'night-line',
    location: undefined,
    days: 2,
    setup: { now: '2026-03-08T05:00:00Z', timeZone: 'America/New_York', locale: 'en-US' },
  },
  play: async ({ canvasElement, globals }) => {
    const buttons = await slotButtons(canvasElement);
    if (!storyDefaults(globals)) return;
    const firstDay = [...buttons]
      .filter((b) => b.closest('[role="row"]') === buttons[0].closest('[role="row"]'))
      .map((b) => deepText(b));
    await expect(firstDay.join(' | ')).toContain('1:30 AM EST');
    await expect(firstDay.join(' | ')).toContain('3:00 AM EDT');
    await expect(firstDay.join(' | ')).not.toContain('2:00 AM');
  },
};

/** US DST ends on Sun 1 November 2026: 1:00 and 1:30 AM happen twice (EDT, then EST) on a 25-hour day. */
export const DstFallBack: Story = {
  args: {
    practitioner: 'night-line',
    location: undefined,
    days: 2,
    setup: { now: '2026-11-01T04:00:00Z', timeZone: 'America/New_York', locale: 'en-US' },
  },
  play: async ({ canvasElement, globals }) => {
    const buttons = await slotButtons(canvasElement);
    if (!storyDefaults(globals)) return;
    const firstDay = buttons
      .filter((b) => b.closest('[role="row"]') === buttons[0].closest('[role="row"]'))
      .map((b) => deepText(b))
      .join(' | ');
    await expect(firstDay).toContain('1:30 AM EDT');
    await expect(firstDay).toContain('1:30 AM EST');
  },
};

/** German locale: 24-hour clock and German dates. */
export const German24Hour: Story = {
  args: { setup: { locale: 'de-DE' } },
  play: async ({ canvasElement, globals }) => {
    const buttons = await slotButtons(canvasElement);
    if (storyDefaults(globals)) await expect(deepText(buttons[0])).not.toMatch(/AM|PM/);
  },
};

/** English (US) with a forced 24-hour clock (`hour-cycle="h23"`). */
export const ForcedHourCycle: Story = {
  args: { setup: { locale: 'en-US', hourCycle: 'h23' } },
};

/** Practitioner, location and service names far longer than the layout was drawn for. */
export const LongNames: Story = {
  args: { location: undefined, setup: { custom: 'long-names' } },
  play: async ({ canvasElement }) => {
    const buttons = await slotButtons(canvasElement);
    await expect(deepText(buttons[0])).toContain('St. Bartholomew-the-Great');
  },
};

/** A display-only clinic (e.g. Medfusion): no online booking, a phone number instead. */
export const BookingNotOffered: Story = {
  args: { setup: { custom: 'display-only' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', 'a[href^="tel:"]');
  },
};

/** A form field: `name` and `required`, submitted as the slot id. */
export const InAForm: Story = {
  args: { name: 'slot', required: true },
  render: (args) =>
    bookingProvider(
      {},
      html`<form
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          const data = new FormData(event.target as HTMLFormElement);
          (event.target as HTMLFormElement).querySelector('output')!.textContent =
            `Submitted slot: ${String(data.get('slot'))}`;
        }}
      >
        <slot-picker days=${args.days} name=${ifDefined(args.name)} ?required=${args.required ?? false}></slot-picker>
        <button type="submit">Continue</button>
        <output aria-live="polite"></output>
      </form>`,
    ),
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('form')!;
    await expect(form.checkValidity()).toBe(false);
    await chooseSlotByClick(canvasElement);
    await expect(form.checkValidity()).toBe(true);
    await userEvent.click(canvasElement.querySelector('button[type="submit"]')!);
    await waitForText(canvasElement.querySelector('output')!, /Submitted slot: \S+@/);
  },
};

/** A 320 px phone screen. */
export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
};

/** Dark colour scheme through the public custom properties. */
export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement, 1);
  },
};
