import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { BookingProvider } from '../src/core/provider.js';
import { DemoProvider, type DemoOptions } from '../src/providers/demo/index.js';
import { deepActiveElement, findIn } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, STORY_NOW, type ProviderSetup } from './support/page.js';
import { LONG_LOCATIONS, LONG_PRACTITIONERS } from './support/story-provider.js';

interface FilterArgs {
  fields?: string;
  service?: string;
  location?: string;
  practitioner?: string;
  /** Demo backend options (not an element attribute). */
  demo?: DemoOptions;
  /** `<booking-provider>` settings for this story (not an element attribute). */
  setup?: ProviderSetup;
  /** A story adapter made fresh per render (not an element attribute). */
  backend?: 'no-visit-types' | 'lists-nothing' | 'long-names';
}

/** The demo clinic, changed the way a story needs: a backend without some lists, or with long names. */
function storyBackend(kind: FilterArgs['backend']): BookingProvider | undefined {
  if (!kind) return undefined;
  const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(STORY_NOW) });
  if (kind === 'no-visit-types') return Object.assign(demo, { listServices: undefined });
  if (kind === 'lists-nothing')
    return Object.assign(demo, { listServices: undefined, listLocations: undefined, listPractitioners: undefined });
  return Object.assign(demo, {
    listPractitioners: async () => LONG_PRACTITIONERS.map((p) => ({ ...p, locationIds: ['long-site'] })),
    listLocations: async () => LONG_LOCATIONS,
    listServices: async () => [
      { id: 'visit', name: 'Comprehensive new-patient consultation with extended history review' },
    ],
  });
}

const meta = {
  title: 'Elements/Visit filter',
  component: 'visit-filter',
  args: {},
  argTypes: {
    fields: {
      control: 'select',
      options: [
        undefined,
        'service location practitioner',
        'service location',
        'location practitioner',
        'practitioner',
      ],
    },
    service: { control: 'select', options: [undefined, 'office-visit', 'video-visit', 'phone-visit'] },
    location: { control: 'select', options: [undefined, 'harbor', 'desert', 'adelaide', 'thames'] },
    practitioner: {
      control: 'select',
      options: [undefined, 'ruiz', 'okafor', 'night-line', 'nguyen', 'begay', 'walsh', 'tan', 'patel'],
    },
    demo: { control: 'object', table: { category: 'story' } },
    setup: { control: false, table: { disable: true } },
    backend: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { options: args.demo, provider: storyBackend(args.backend), ...args.setup },
      html`<visit-filter
        fields=${ifDefined(args.fields)}
        service=${ifDefined(args.service)}
        location=${ifDefined(args.location)}
        practitioner=${ifDefined(args.practitioner)}
      ></visit-filter>`,
    ),
} satisfies Meta<FilterArgs>;

export default meta;
type Story = StoryObj<FilterArgs>;

const filter = (root: HTMLElement) => root.querySelector('visit-filter')!;
const selectIn = (root: HTMLElement, field: string) => findIn<HTMLSelectElement>(root, 'visit-filter', `#${field}`);
const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent?.trim());

/** Visit type, location and clinician of the demo clinic, each with "Any". */
export const AllChoices: Story = {
  play: async ({ canvasElement }) => {
    await expect(optionTexts(await selectIn(canvasElement, 'service'))).toEqual([
      'Any type of visit',
      'Office visit',
      'Video visit',
      'Phone call',
    ]);
    await selectIn(canvasElement, 'location');
    await selectIn(canvasElement, 'practitioner');
  },
};

/** A location narrows the clinicians and the visit types to those it has. */
export const NarrowedByLocation: Story = {
  args: { location: 'thames' },
  play: async ({ canvasElement }) => {
    const practitioner = await selectIn(canvasElement, 'practitioner');
    await expect(optionTexts(practitioner)).toEqual(['Any clinician', 'Dr. Priya Patel, Cardiology']);
    await expect(optionTexts(await selectIn(canvasElement, 'service'))).toEqual([
      'Any type of visit',
      'Office visit',
      'Phone call',
    ]);
  },
};

/** A clinician chosen first (the page's `practitioner` attribute): only their places and visit types. */
export const ClinicianChosen: Story = {
  args: { practitioner: 'ruiz' },
  play: async ({ canvasElement }) => {
    await expect(optionTexts(await selectIn(canvasElement, 'location'))).toEqual([
      'Any location',
      'Harbor Family Clinic, New York',
    ]);
  },
};

/** Choosing with a pointer fires `filter-change` with the ids. */
export const ChoosingFiresFilterChange: Story = {
  play: async ({ canvasElement }) => {
    const changes: CustomEvent[] = [];
    canvasElement.addEventListener('filter-change', (e) => changes.push(e as CustomEvent));
    await userEvent.selectOptions(await selectIn(canvasElement, 'service'), 'video-visit');
    await expect(changes.at(-1)?.detail).toEqual({
      service: 'video-visit',
      location: undefined,
      practitioner: undefined,
    });
    await expect(optionTexts(await selectIn(canvasElement, 'location'))).not.toContain('Thameside Surgery, London');
  },
};

/**
 * Keyboard focus on a select: the focus ring. Arrow keys, typing and Enter are the browser's own on a native
 * `<select>` (test/visit-filter.test.ts presses them in Chromium).
 */
export const KeyboardFocus: Story = {
  play: async ({ canvasElement }) => {
    const location = await selectIn(canvasElement, 'location');
    location.focus();
    await expect(deepActiveElement()).toBe(location);
    await expect(getComputedStyle(location).outlineStyle).toBe('solid');
  },
};

/** Only the fields the page asks for (`fields="service location"`). */
export const SomeFields: Story = {
  args: { fields: 'service location' },
  play: async ({ canvasElement }) => {
    await selectIn(canvasElement, 'location');
    await expect(filter(canvasElement).shadowRoot!.querySelector('#practitioner')).toBeNull();
  },
};

/** Next to a slot picker without its own attributes, which shows the times that fit the choice. */
export const WithSlotPicker: Story = {
  args: { location: 'harbor' },
  render: (args) =>
    bookingProvider(
      { options: args.demo },
      html`<visit-filter location=${ifDefined(args.location)}></visit-filter> <slot-picker days="2"></slot-picker>`,
    ),
  play: async ({ canvasElement }) => {
    await selectIn(canvasElement, 'service');
  },
};

/** The backend does not list visit types: that field is not shown. */
export const BackendWithoutVisitTypes: Story = {
  args: { backend: 'no-visit-types' },
  play: async ({ canvasElement }) => {
    await selectIn(canvasElement, 'location');
    await expect(filter(canvasElement).shadowRoot!.querySelector('#service')).toBeNull();
  },
};

/** The backend lists nothing to choose from: the element shows nothing. */
export const BackendListsNothing: Story = {
  args: { backend: 'lists-nothing' },
  play: async ({ canvasElement }) => {
    await filter(canvasElement).updateComplete;
    await expect(filter(canvasElement).shadowRoot!.querySelector('select, [part="status"]')).toBeNull();
  },
};

/** The slow backend: the loading message stays up. */
export const Loading: Story = {
  args: { demo: { latencyMs: 86_400_000 } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'visit-filter', '[data-state="loading"]');
  },
};

/** The locations cannot be loaded once; "Try again" loads them. */
export const ErrorWithRetry: Story = {
  args: { demo: { failures: { listLocations: { kind: 'network', times: 1 } } } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'visit-filter', '[role="alert"]', { text: 'We could not reach the clinic.' });
    await userEvent.click(await findIn(canvasElement, 'visit-filter', 'button[part="retry"]'));
    await selectIn(canvasElement, 'location');
  },
};

/** The backend is down for good: the error stays, with the retry button. */
export const BackendDown: Story = {
  args: { demo: { failures: { listPractitioners: 'upstream-unavailable' } } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'visit-filter', 'button[part="retry"]');
  },
};

/** Very long names on a phone: the selects keep to the width. */
export const LongNames: Story = {
  args: { backend: 'long-names' },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: async ({ canvasElement }) => {
    const select = await selectIn(canvasElement, 'practitioner');
    await expect(select.getBoundingClientRect().width).toBeLessThanOrEqual(320);
  },
};

/** A 320 px phone screen: the fields stack. */
export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: async ({ canvasElement }) => {
    const service = (await selectIn(canvasElement, 'service')).getBoundingClientRect();
    const location = (await selectIn(canvasElement, 'location')).getBoundingClientRect();
    await expect(location.top).toBeGreaterThan(service.bottom);
  },
};

/** Dark colour scheme through the public custom properties. */
export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  args: { location: 'desert' },
};
