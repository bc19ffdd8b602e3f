import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { findIn, waitForText } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';
import { bookingOutcome, chooseSlotByKeyboard, clickBook } from './support/play.js';

interface FlowArgs {
  setup?: ProviderSetup;
}

const clinicCss = `
  .clinic { font-family: Georgia, 'Times New Roman', serif; color: inherit; max-width: 960px; margin: 0 auto; }
  .clinic header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; border-bottom: 3px solid #0f6e5c; padding-bottom: .5rem; }
  .clinic header h1 { margin: 0; font-size: 1.6rem; }
  .clinic nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
  .clinic nav a { color: inherit; }
  .clinic .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 2rem; margin-top: 1rem; }
  .clinic label { display: block; font-weight: 600; margin-bottom: .25rem; }
  .clinic select { font: inherit; padding: .3rem; margin-bottom: 1rem; }
  .clinic footer { margin-top: 2rem; font-size: .9rem; border-top: 1px solid #999; padding-top: .5rem; }
  /* Hostile host-page CSS the elements must survive. */
  .clinic button { text-transform: uppercase; letter-spacing: .2em; }
  @media (max-width: 640px) { .clinic .layout { grid-template-columns: minmax(0, 1fr); } }
`;

/** A clinic's own page with careslot dropped in: header, practitioner filter, picker, button, list. */
function clinicPage(args: FlowArgs) {
  const onPractitioner = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    const picker = (event.target as HTMLElement).closest('.clinic')!.querySelector<SlotPickerElement>('slot-picker')!;
    picker.practitioner = value || undefined;
  };
  return html`<style>
      ${clinicCss}
    </style>
    <div class="clinic">
      <header>
        <h1>Harbor Family Clinic</h1>
        <nav aria-label="Clinic">
          <ul>
            <li><a href="#services">Services</a></li>
            <li><a href="#team">Our team</a></li>
            <li><a href="#contact">Contact</a></li>
          </ul>
        </nav>
      </header>
      <main>
        ${bookingProvider(
          { ...args.setup },
          html`<div class="layout">
            <section aria-labelledby="book-title">
              <h2 id="book-title">Book an appointment</h2>
              <label for="who">Practitioner</label>
              <select id="who" @change=${onPractitioner}>
                <option value="">Anyone available</option>
                <option value="ruiz">Dr. Ana Ruiz — Family medicine</option>
                <option value="okafor">Dr. Chidi Okafor — Pediatrics</option>
                <option value="night-line">Night Nurse Line (video)</option>
              </select>
              <slot-picker view="list" days="3" location="harbor"></slot-picker>
              <confirm-button></confirm-button>
            </section>
            <aside aria-labelledby="mine-title">
              <h2 id="mine-title">Your appointments</h2>
              <appointment-list></appointment-list>
            </aside>
          </div>`,
        )}
      </main>
      <footer>120 Water Street, New York · <a href="tel:+12125550142">+1 212 555 0142</a></footer>
    </div>`;
}

const meta = {
  title: 'Booking flow/Clinic page',
  render: (args) => clinicPage(args),
  parameters: { layout: 'fullscreen' },
  decorators: [(story) => html`<div style="padding: 1rem">${story()}</div>`],
} satisfies Meta<FlowArgs>;

export default meta;
type Story = StoryObj<FlowArgs>;

/**
 * The whole flow a patient goes through: pick a practitioner, choose a time with the keyboard, book,
 * and find the new appointment in the list.
 */
export const BookAVisit: Story = {
  play: async ({ canvasElement, step }) => {
    await step('filter to one practitioner', async () => {
      const select = canvasElement.querySelector('select')!;
      select.value = 'ruiz';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await expect(canvasElement.querySelector('slot-picker')!.practitioner).toBe('ruiz');
    });
    await step('choose a time', async () => {
      await chooseSlotByKeyboard(canvasElement);
    });
    await step('book it', async () => {
      await clickBook(canvasElement);
      await bookingOutcome(canvasElement, 'Booked:');
    });
    await step('it appears in the list', async () => {
      await findIn(canvasElement, 'appointment-list', '[part="item"]', { text: 'Dr. Ana Ruiz', timeout: 8000 });
      await waitForText(canvasElement.querySelector('appointment-list')!, 'Booked');
    });
  },
};

/** The page before anything is chosen. */
export const Start: Story = {};

/** The flow on a phone. */
export const OnAPhone: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: BookAVisit.play,
};

/** The flow on a dark clinic site. */
export const DarkSite: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: BookAVisit.play,
};

/** The slot was taken by someone else while the patient confirmed. */
export const SlotTaken: Story = {
  args: { setup: { options: { failures: { book: 'slot-unavailable' } } } },
  play: async ({ canvasElement }) => {
    await chooseSlotByKeyboard(canvasElement);
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'That time was just taken');
  },
};
