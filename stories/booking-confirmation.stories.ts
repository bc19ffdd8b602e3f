import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { Appointment, Location, Practitioner } from '../src/core/model.js';
import { findIn, waitForText } from './support/dom.js';
import { STORY_NOW, bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';
import { chooseSlotByClick, clickBook } from './support/play.js';
import { StoryProvider } from './support/story-provider.js';

/** Which appointment the story's clinic has (args stay plain data; the adapter is made per render). */
type Visit = 'in-person' | 'video' | 'instructions' | 'cancelled' | 'requested';

interface ConfirmationArgs {
  /** The appointment id to show; empty: the booking just made. */
  appointment?: string;
  'time-zone'?: string;
  visit?: Visit;
  setup?: ProviderSetup;
}

const RUIZ: Practitioner = { id: 'ruiz', name: 'Dr. Ana Ruiz', specialty: 'Family medicine' };
const HARBOR: Location = {
  id: 'harbor',
  name: 'Harbor Family Clinic',
  timeZone: 'America/New_York',
  address: {
    lines: ['120 Water Street', 'Suite 4B'],
    city: 'New York',
    state: 'NY',
    postalCode: '10038',
    country: 'US',
  },
  phone: '+1 212 555 0142',
};

/** The one appointment of each story: Thursday 5 March 2026, 9:30 in New York. */
function visitOf(kind: Visit): Appointment {
  const base: Appointment = {
    id: 'HFC-2026-0305-0930',
    status: 'booked',
    start: '2026-03-05T14:30:00.000Z',
    end: '2026-03-05T15:00:00.000Z',
    timeZone: 'America/New_York',
    timeZoneSource: 'backend',
    mode: 'in-person',
    practitioner: RUIZ,
    location: HARBOR,
    service: { id: 'office-visit', name: 'Office visit' },
    canConfirm: false,
    cancel: 'direct',
  };
  switch (kind) {
    case 'video':
      return {
        ...base,
        mode: 'video',
        service: { id: 'video-visit', name: 'Video visit', mode: 'video' },
        telehealthUrl: 'https://video.example.org/room/ruiz-0305',
        instructions: ['Join from a quiet, private place. Test your camera and microphone beforehand.'],
      };
    case 'instructions':
      return {
        ...base,
        instructions: [
          'Arrive 15 minutes early to complete the new-patient forms.',
          'Bring your insurance card, a photo ID and a list of your current medications.',
          'Nothing to eat or drink except water for 8 hours before your visit (fasting blood test).',
        ],
      };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'requested':
      return { ...base, status: 'pending', cancel: 'request' };
    default:
      return base;
  }
}

function clinic(kind: Visit): StoryProvider {
  return new StoryProvider(
    {
      practitioners: [RUIZ],
      locations: [HARBOR],
      firstDay: '2026-03-03T14:00:00.000Z',
      days: 3,
      perDay: 3,
      phone: '+1 212 555 0100',
      appointments: () => [visitOf(kind)],
    },
    new Date(STORY_NOW),
  );
}

const meta = {
  title: 'Elements/Booking confirmation',
  component: 'booking-confirmation',
  args: { appointment: 'HFC-2026-0305-0930', visit: 'in-person' },
  argTypes: {
    appointment: { control: 'text' },
    'time-zone': { control: 'text' },
    visit: {
      control: 'inline-radio',
      options: ['in-person', 'video', 'instructions', 'cancelled', 'requested'],
      table: { category: 'story' },
    },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { provider: clinic(args.visit ?? 'in-person'), ...args.setup },
      html`<booking-confirmation
        appointment=${ifDefined(args.appointment || undefined)}
        time-zone=${ifDefined(args['time-zone'] || undefined)}
      ></booking-confirmation>`,
    ),
} satisfies Meta<ConfirmationArgs>;

export default meta;
type Story = StoryObj<ConfirmationArgs>;

const confirmation = (root: HTMLElement) => root.querySelector('booking-confirmation')!;

/** An office visit: when (with "your time"), who, where with a map link, phone, reference and the actions. */
export const BookedInPerson: Story = {
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'booking-confirmation', '[part="heading"]', { text: "You're booked" });
    await findIn(canvasElement, 'booking-confirmation', 'a[part="map"]');
    await findIn(canvasElement, 'booking-confirmation', 'a[part="phone"]', { text: '+1 212 555 0142' });
    const calendar = await findIn<HTMLAnchorElement>(canvasElement, 'booking-confirmation', 'a[part="calendar"]');
    await expect(calendar.href).toMatch(/^blob:/);
  },
};

/** A video visit: shown in the patient's zone, with the link to join and no address. */
export const VideoVisit: Story = {
  args: { visit: 'video' },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'booking-confirmation', 'a[part="join"]', { text: 'Join video visit' });
    await expect(confirmation(canvasElement).shadowRoot!.querySelector('a[part="map"]')).toBeNull();
  },
};

/** The clinic's instructions for the visit, as a list. */
export const WithInstructions: Story = {
  args: { visit: 'instructions' },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'booking-confirmation', '[part="instructions"]', { text: 'fasting blood test' });
  },
};

/** A cancelled visit: no calendar file, no actions. */
export const Cancelled: Story = {
  args: { visit: 'cancelled' },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'booking-confirmation', '[part="heading"]', { text: 'Cancelled' });
    await expect(confirmation(canvasElement).shadowRoot!.querySelector('button')).toBeNull();
  },
};

/** A request the clinic has yet to confirm; it takes cancellation requests only. */
export const Requested: Story = {
  args: { visit: 'requested' },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'booking-confirmation', '[part="heading"]', { text: 'Requested' });
    await findIn(canvasElement, 'booking-confirmation', 'button[part="action"]', { text: 'Request cancellation' });
  },
};

/** Cancelling asks once more; Yes cancels, and the heading says so. */
export const CancelTheVisit: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(
      await findIn(canvasElement, 'booking-confirmation', 'button[part="action"]', { text: 'Cancel appointment' }),
    );
    await findIn(canvasElement, 'booking-confirmation', '[role="group"]', { text: 'Cancel this appointment?' });
    await userEvent.click(await findIn(canvasElement, 'booking-confirmation', 'button.danger'));
    await findIn(canvasElement, 'booking-confirmation', '[part="heading"]', { text: 'Cancelled' });
  },
};

/** Before anything is booked: a short hint. */
export const NothingBookedYet: Story = {
  args: { appointment: '' },
  play: async ({ canvasElement }) => {
    await waitForText(confirmation(canvasElement), 'No booking yet.');
  },
};

/** The journey's last step: choose a time, book it, and the confirmation shows the booking just made. */
export const AfterBooking: Story = {
  args: { appointment: '' },
  render: (args) =>
    bookingProvider(
      { provider: clinic('in-person'), ...args.setup },
      html`<slot-picker view="list" start="2026-03-03" days="3"></slot-picker>
        <confirm-button></confirm-button>
        <booking-confirmation></booking-confirmation>`,
    ),
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await clickBook(canvasElement);
    await findIn(canvasElement, 'booking-confirmation', '[part="heading"]', { text: "You're booked" });
  },
};

export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  args: { visit: 'instructions' },
};

export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  args: { visit: 'video' },
};
