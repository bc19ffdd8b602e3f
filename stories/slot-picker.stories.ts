import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { BookingProvider } from '../src/core/provider.js';
import { DemoProvider, type DemoOptions } from '../src/providers/demo/index.js';
import { deepActiveElement, deepQueryAll, deepText, findIn, waitForText } from './support/dom.js';
import { STORY_NOW, bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';
import { chooseSlotByClick, chooseSlotByKeyboard, slotButtons, storyDefaults } from './support/play.js';

interface PickerArgs {
  view?: 'calendar' | 'list';
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
  // One site (and, for the list, three days) keep the grid and its axe run small; Slots and CalendarAnyone
  // show the whole group.
  args: { view: 'calendar', days: 3, location: 'harbor' },
  argTypes: {
    view: { control: 'inline-radio', options: ['calendar', 'list'] },
    days: { control: { type: 'number', min: 1, max: 14 }, description: 'Days shown (list)' },
    start: {
      control: 'text',
      description:
        'YYYY-MM-DD. List: the first day. Calendar: opens on the first day with times from it. Default: today',
    },
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
        view=${ifDefined(args.view)}
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

// ------------------------------------------------------------------ calendar (the default view)

/** The chosen day's time buttons of the calendar, once they are there. */
async function calendarTimes(root: HTMLElement, timeout = 8000): Promise<HTMLButtonElement[]> {
  await findIn(root, 'slot-picker', '[part="times"] button.slot', { timeout });
  return deepQueryAll<HTMLButtonElement>(root, '[part="times"] button.slot');
}

/** A calendar day cell by its date. */
async function dayCell(root: HTMLElement, date: string): Promise<HTMLElement> {
  return findIn(root, 'slot-picker', `td[data-date="${date}"]`);
}

/** A 390 px phone column (the week strip). */
function phone390(content: unknown) {
  return html`<div style="max-width: 390px; border: 1px dashed #8a8f99; padding: 8px">${content}</div>`;
}

/** The demo clinic with its times only from 7 April 2026 on, and without `findAvailability` (the fallback). */
function laterTimesOnly(now: string): BookingProvider {
  const demo = new DemoProvider({ options: { days: 60 }, now: () => new Date(now) });
  return {
    backend: 'demo',
    capabilities: demo.capabilities,
    phone: demo.phone,
    horizonDays: 60,
    findSlots: async (query, signal) =>
      (await demo.findSlots(query, signal)).filter((slot) => slot.start >= '2026-04-07'),
    book: (request, signal) => demo.book(request, signal),
  };
}

/**
 * The default view: a month that marks the days with times, open on the first of them, and that day's times
 * grouped by clinician, a few per row. Arrows, Home/End and PageUp/PageDown move through the days.
 */
export const Calendar: Story = {
  play: async ({ canvasElement, globals }) => {
    const buttons = await calendarTimes(canvasElement);
    await expect(deepText(buttons[0])).toMatch(/\d/);
    const chosen = await findIn(canvasElement, 'slot-picker', 'td[aria-selected="true"]');
    await expect(deepText(chosen)).toMatch(/times? available/);
    if (storyDefaults(globals)) await expect(chosen.dataset.date).toBe('2026-03-02');
  },
};

/** Every clinician of the group on one day: one row of times each, the others behind "more". */
export const CalendarAnyone: Story = {
  args: { location: undefined },
  play: async ({ canvasElement }) => {
    await calendarTimes(canvasElement);
    const more = await findIn<HTMLButtonElement>(canvasElement, 'slot-picker', 'button.more');
    await userEvent.click(more);
    await expect(more.getAttribute('aria-expanded')).toBe('true');
  },
};

/** On a phone (390 px): a week strip instead of the month; the chosen time's summary follows the times. */
export const CalendarWeekStrip: Story = {
  args: { location: undefined },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
  decorators: [(story) => phone390(story())],
  render: (args) =>
    bookingProvider(
      { options: args.demo, ...args.setup },
      html`<slot-picker location=${ifDefined(args.location)}></slot-picker><confirm-button></confirm-button>`,
    ),
  play: async ({ canvasElement }) => {
    const buttons = await calendarTimes(canvasElement);
    await expect(deepQueryAll(canvasElement, 'tbody tr')).toHaveLength(1);
    await userEvent.click(buttons[0]);
    await findIn(canvasElement, 'slot-picker', '[part="summary"]');
  },
};

/** A month without times says when the next one is, with a button that goes there. */
export const CalendarEmptyMonth: Story = {
  render: (args) =>
    bookingProvider(
      { ...args.setup, provider: laterTimesOnly(args.setup?.now ?? STORY_NOW) },
      html`<slot-picker practitioner="ruiz"></slot-picker>`,
    ),
  play: async ({ canvasElement, globals }) => {
    await calendarTimes(canvasElement);
    if (!storyDefaults(globals)) return;
    await userEvent.click(
      await findIn(canvasElement, 'slot-picker', 'button[part="nav-button"]', { text: 'Previous' }),
    );
    await findIn(canvasElement, 'slot-picker', '[data-state="empty"]', {
      text: 'No times in March. Next available: Tuesday, April 7.',
    });
    await userEvent.click(await findIn(canvasElement, 'slot-picker', '[part="next-available"]'));
    await expect((await dayCell(canvasElement, '2026-04-07')).getAttribute('aria-selected')).toBe('true');
  },
};

/** Nothing free within the backend's horizon: says so, with the clinic's number. */
export const CalendarNoTimes: Story = {
  args: { demo: { noSlots: true } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="empty"]', { text: 'No times available online' });
  },
};

/** The slow backend: the calendar's loading message (and its announcement) stays up. */
export const CalendarLoading: Story = {
  args: { demo: { latencyMs: 86_400_000 } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="loading"]');
  },
};

/** The backend fails once; "Try again" loads the days and times, and focus stays in the picker. */
export const CalendarError: Story = {
  args: { demo: { failures: { findSlots: { kind: 'upstream-unavailable', times: 1 } } } },
  play: async ({ canvasElement }) => {
    const retry = await findIn(canvasElement, 'slot-picker', 'button[part="retry"]');
    retry.focus();
    await userEvent.keyboard('{Enter}');
    await calendarTimes(canvasElement);
    await expect(deepActiveElement()).not.toBe(document.body);
  },
};

/** A chosen time: pressed on the button itself, announced, and summed up after the times. */
export const CalendarChosenTime: Story = {
  play: async ({ canvasElement }) => {
    const buttons = await calendarTimes(canvasElement);
    await userEvent.click(buttons[1]);
    await expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
    await findIn(canvasElement, 'slot-picker', '[part="summary"]');
    await findIn(canvasElement, 'slot-picker', '[role="status"]', { text: 'Chosen:' });
  },
};

/** The keyboard path: arrows to another day, Enter; then in its times, arrows and Enter. */
export const CalendarKeyboard: Story = {
  play: async ({ canvasElement }) => {
    await calendarTimes(canvasElement);
    const day = await findIn(canvasElement, 'slot-picker', 'td[tabindex="0"]');
    day.focus();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect((deepActiveElement() as HTMLElement).dataset.date).not.toBe(day.dataset.date));
    const next = deepActiveElement() as HTMLElement;
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(next.getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(deepQueryAll(canvasElement, '[data-state="loading"]')).toHaveLength(0));
    await calendarTimes(canvasElement);
    // The times' tab stop (user-event's Tab does not walk shadow roots; real Tab is tested in test/).
    const first = await findIn(canvasElement, 'slot-picker', '[part="times"] button[tabindex="0"]');
    first.focus();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(deepActiveElement()).not.toBe(first));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect((deepActiveElement() as HTMLElement).getAttribute('aria-pressed')).toBe('true'));
  },
};

/** US DST starts on Sun 8 March 2026: the Night Nurse Line's 2:00–2:59 times do not exist (a 23-hour day). */
export const CalendarDstSpringForward: Story = {
  args: {
    practitioner: 'night-line',
    location: undefined,
    start: '2026-03-08',
    setup: { now: '2026-03-07T17:00:00Z', timeZone: 'America/New_York', locale: 'en-US' },
  },
  play: async ({ canvasElement, globals }) => {
    await calendarTimes(canvasElement);
    if (!storyDefaults(globals)) return;
    for (const more of deepQueryAll<HTMLButtonElement>(canvasElement, 'button.more')) await userEvent.click(more);
    const text = deepQueryAll(canvasElement, '[part="times"] button.slot .time')
      .map((t) => deepText(t))
      .join(' | ');
    // Some times are taken (the demo's default); none falls in the hour that does not exist.
    await expect(text).toContain('1:30 AM EST');
    await expect(text).toContain('3:00 AM EDT');
    await expect(text).not.toMatch(/(^|\| )2:[03]0 AM/);
  },
};

/** Dark colour scheme through the public custom properties, with a chosen day and time. */
export const CalendarDarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    const buttons = await calendarTimes(canvasElement);
    await userEvent.click(buttons[0]);
  },
};

// ------------------------------------------------------------------ list (view="list")

/** Free times at every site of the clinic group, from the clock (Mon 2 March 2026, 10:00 New York). */
export const Slots: Story = {
  args: { view: 'list', location: undefined, days: 2 },
  play: async ({ canvasElement }) => {
    const buttons = await slotButtons(canvasElement);
    // Every time's accessible name carries date, time, zone, practitioner and location.
    await expect(deepText(buttons[0])).toMatch(/\d.*(AM|PM|:).*,.*(Clinic|Surgery|Health)/);
  },
};

/** The slow backend: the loading message (and its live-region announcement) stays up. */
export const Loading: Story = {
  args: { view: 'list', demo: { latencyMs: 86_400_000 } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="loading"]');
  },
};

/** Nothing free in the range: says so and offers later days. */
export const NoSlotsInRange: Story = {
  args: { view: 'list', demo: { noSlots: true } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="empty"]', { text: 'No times available' });
    await findIn(canvasElement, 'slot-picker', 'button', { text: 'Show later days' });
  },
};

/** The backend fails once; "Try again" loads the times. */
export const BackendErrorWithRetry: Story = {
  args: { view: 'list', demo: { failures: { findSlots: { kind: 'upstream-unavailable', times: 1 } } } },
  play: async ({ canvasElement, step }) => {
    await step('the error is shown with a retry button', async () => {
      await findIn(canvasElement, 'slot-picker', '[data-state="error"]', { text: 'not available right now' });
    });
    await step('retry loads the times', async () => {
      await userEvent.click(await findIn(canvasElement, 'slot-picker', 'button[part="retry"]'));
      await slotButtons(canvasElement);
    });
  },
};

/** A permanent outage (every call fails): the patient reads what to do; the backend's own words go to the console. */
export const BackendDown: Story = {
  args: {
    view: 'list',
    demo: {
      failures: {
        findSlots: { kind: 'network', message: 'The scheduling system could not be reached. Check your connection.' },
      },
    },
  },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', '[data-state="error"]', { text: 'could not reach the clinic' });
  },
};

/** One tab stop; arrow keys move between times (WAI-ARIA grid), Enter chooses. */
export const KeyboardSelection: Story = {
  args: { view: 'list' },
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
  args: { view: 'list' },
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement, 2);
  },
};

/** One practitioner with in-person and video blocks: video times show in the patient's zone too. */
export const OnePractitionerVideoAndInPerson: Story = {
  args: { view: 'list', practitioner: 'ruiz', location: undefined },
};

/** A clinic in Adelaide (half-hour offset, southern DST) seen from another zone. */
export const HalfHourZoneClinic: Story = {
  args: { view: 'list', location: 'adelaide' },
};

/** US DST starts on Sun 8 March 2026: the Night Nurse Line's 2:00–2:59 times do not exist (a 23-hour day). */
export const DstSpringForward: Story = {
  args: {
    view: 'list',
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
    view: 'list',
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
  args: { view: 'list', setup: { locale: 'de-DE' } },
  play: async ({ canvasElement, globals }) => {
    const buttons = await slotButtons(canvasElement);
    if (storyDefaults(globals)) await expect(deepText(buttons[0])).not.toMatch(/AM|PM/);
  },
};

/** English (US) with a forced 24-hour clock (`hour-cycle="h23"`). */
export const ForcedHourCycle: Story = {
  args: { view: 'list', setup: { locale: 'en-US', hourCycle: 'h23' } },
};

/** Practitioner, location and service names far longer than the layout was drawn for. */
export const LongNames: Story = {
  args: { view: 'list', location: undefined, setup: { custom: 'long-names' } },
  play: async ({ canvasElement }) => {
    const buttons = await slotButtons(canvasElement);
    await expect(deepText(buttons[0])).toContain('St. Bartholomew-the-Great');
  },
};

/** A display-only clinic (e.g. Medfusion): no online booking, a phone number instead. */
export const BookingNotOffered: Story = {
  args: { view: 'list', setup: { custom: 'display-only' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'slot-picker', 'a[href^="tel:"]');
  },
};

/** A form field: `name` and `required`, submitted as the slot id. */
export const InAForm: Story = {
  args: { view: 'list', name: 'slot', required: true },
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
        <slot-picker
          view=${ifDefined(args.view)}
          days=${args.days}
          name=${ifDefined(args.name)}
          ?required=${args.required ?? false}
        ></slot-picker>
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
  args: { view: 'list' },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
};

/** Dark colour scheme through the public custom properties. */
export const DarkScheme: Story = {
  args: { view: 'list' },
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement, 1);
  },
};
