import { ContextEvent } from '@lit/context';
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// A real iCalendar parser (test-only dev dependency).
import ICAL from 'ical.js';
import { BookingError } from '../src/core/errors.js';
import type { Appointment, BookingRequest } from '../src/core/model.js';
import { BookingConfirmationElement } from '../src/elements/booking-confirmation/booking-confirmation.js';
import { appointmentActions } from '../src/elements/shared/actions.js';
import { NO_CAPABILITIES } from '../src/core/provider.js';
import { defineElement } from '../src/elements/shared/base.js';
import { sessionContext, type BookingSession } from '../src/elements/shared/context.js';
import {
  NOW,
  bookSlot,
  fold,
  mountClinic,
  nextEvent,
  one,
  slotButtons,
  slotName,
  slotsOf,
  text,
  until,
  type Clinic,
} from './helpers.js';

defineElement('booking-confirmation', BookingConfirmationElement);

interface Page extends Clinic {
  confirmation: BookingConfirmationElement;
}

/** A clinic page with a picker (one practitioner, 5 March), the book button and the confirmation. */
async function page(practitioner = 'okafor', attribute?: string): Promise<Page> {
  const clinic = await mountClinic(
    html`<booking-provider
      backend="demo"
      patient="demo-patient"
      now=${NOW}
      locale="en-US"
      .options=${{ takenShare: 0 }}
    >
      <slot-picker view="list" practitioner=${practitioner} start="2026-03-05" days="1"></slot-picker>
      <confirm-button></confirm-button>
      ${
        attribute
          ? html`<booking-confirmation appointment=${attribute}></booking-confirmation>`
          : html`<booking-confirmation></booking-confirmation>`
      }
    </booking-provider>`,
  );
  await slotsOf(clinic.picker);
  return { ...clinic, confirmation: clinic.provider.querySelector('booking-confirmation')! };
}

/** The session the elements share, through the public context protocol. */
function sessionOf(el: Element): BookingSession {
  let session: BookingSession | undefined;
  el.dispatchEvent(new ContextEvent(sessionContext, el, (value: BookingSession | undefined) => (session = value)));
  if (!session) throw new Error('no session');
  return session;
}

/** Books the index-th time and waits until the confirmation shows it. */
async function book(p: Page, index = 0): Promise<Appointment> {
  const appointment = await bookSlot(p, index);
  await until(() => p.confirmation.shadowRoot?.querySelector(`[data-id="${appointment.id}"]`), 'confirmation shown');
  return appointment;
}

const heading = (el: Element) => fold(el.shadowRoot?.querySelector('[part="heading"]')?.textContent);
const live = (el: Element) => fold(one(el, '[role="status"]').textContent);
const buttonNamed = (el: Element, label: RegExp) => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => label.test(fold(b.textContent)));
  if (!found) throw new Error(`no button ${label} in: ${text(el)}`);
  return found;
};
const hasButton = (el: Element, label: RegExp) =>
  [...el.shadowRoot!.querySelectorAll('button')].some((b) => label.test(fold(b.textContent)));
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('<booking-confirmation>', () => {
  it('says there is no booking yet, accessibly', async () => {
    const { confirmation } = await page();
    expect(text(confirmation)).to.equal('No booking yet.');
    expect(one(confirmation, '[part="base"]').dataset.state).to.equal('empty');
    await expect(confirmation).to.be.accessible();
  });

  it('shows when, who, where with a map link, the clinic phone and the reference of the booking just made', async () => {
    const p = await page();
    const slot = slotName(slotButtons(p.picker)[0]);
    const appointment = await book(p);
    const el = p.confirmation;
    expect(heading(el)).to.equal("You're booked");
    const when = fold(one(el, '[part="when"]').textContent);
    // In person: the clinic's zone, and the patient's (the browser's, Los Angeles) as "your time".
    expect(when).to.match(/^Thursday, March 5, 2026 \d+:\d\d AM EST \(\d+:\d\d AM your time\)$/);
    expect(slot).to.contain(when.split(' ').slice(4, 6).join(' '));
    const all = text(el);
    expect(all).to.contain('Dr. Chidi Okafor').and.contain('In person');
    expect(all).to.contain('Harbor Family Clinic').and.contain('120 Water Street').and.contain('New York, NY 10038');
    const map = one<HTMLAnchorElement>(el, 'a[part="map"]');
    expect(map.href).to.equal(
      `https://www.openstreetmap.org/search?query=${encodeURIComponent('120 Water Street, New York, NY 10038, US')}`,
    );
    expect(map.target).to.equal('_blank');
    expect(map.rel).to.contain('noopener');
    const phone = one<HTMLAnchorElement>(el, 'a[part="phone"]');
    expect(phone.getAttribute('href')).to.equal('tel:+12125550142');
    expect(fold(phone.textContent)).to.equal('+1 212 555 0142');
    expect(all).to.contain('Reference');
    expect(fold(one(el, '[part="reference"]').textContent)).to.equal(appointment.id);
    expect(live(el)).to.match(
      /^You're booked: \d+:\d\d AM EST, Thursday, March 5, 2026, \d+:\d\d AM your time, Dr\. Chidi Okafor, Harbor Family Clinic, In person\.$/,
    );
    await expect(el).to.be.accessible();
  });

  it('offers the visit as an .ics download (a blob: URL) that a calendar reads at the right instant', async () => {
    const p = await page();
    const appointment = await book(p);
    const link = one<HTMLAnchorElement>(p.confirmation, 'a[part="calendar"]');
    expect(fold(link.textContent)).to.equal('Add to calendar');
    expect(link.getAttribute('download')).to.equal('appointment.ics');
    expect(link.href).to.match(/^blob:/);
    const response = await fetch(link.href);
    expect(response.headers.get('content-type')).to.contain('text/calendar');
    const ics = await response.text();
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.startDate.zone?.tzid).to.equal('America/New_York');
    expect(event.startDate.toJSDate().toISOString()).to.equal(new Date(appointment.start).toISOString());
    expect(event.endDate.toJSDate().toISOString()).to.equal(new Date(appointment.end).toISOString());
    expect(event.uid).to.equal(`${appointment.id}@careslot`);
    expect(event.summary).to.equal('Appointment with Dr. Chidi Okafor');
    expect(event.description).to.contain(`Reference: ${appointment.id}`).and.contain('+1 212 555 0142');
    expect(ics).not.to.contain('demo-patient');
  });

  it('asks before cancelling: Escape keeps it, Yes cancels, says so and fires appointment-cancelled', async () => {
    const p = await page();
    const bookedSlot = slotButtons(p.picker)[0].dataset.slotId;
    const appointment = await book(p);
    const el = p.confirmation;
    await until(() => !slotButtons(p.picker).some((b) => b.dataset.slotId === bookedSlot), 'booked time taken');
    const oldLink = one<HTMLAnchorElement>(el, 'a[part="calendar"]').href;
    buttonNamed(el, /^Cancel appointment$/).click();
    await el.updateComplete;
    expect(fold(one(el, '[role="group"]').textContent)).to.contain('Cancel this appointment?');
    expect(one(el, '[role="group"]').getAttribute('aria-label')).to.equal('Cancel this appointment?');
    expect(fold(focused(el)?.textContent)).to.equal('Yes, cancel');
    // Escape keeps the appointment, and focus goes back to the Cancel button.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="group"]')).to.equal(null);
    expect(fold(focused(el)?.textContent)).to.equal('Cancel appointment');
    expect(heading(el)).to.equal("You're booked");

    const cancelled = nextEvent<{ appointment: Appointment }>(el, 'appointment-cancelled');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' }); // "Yes, cancel" has focus
    const { appointment: detail } = await cancelled;
    expect(detail).to.include({ id: appointment.id, status: 'cancelled', timeZone: 'America/New_York' });
    expect(detail).not.to.have.property('native');
    expect(JSON.stringify(detail)).not.to.contain('demo-patient');
    await until(() => heading(el) === 'Cancelled', 'cancelled heading');
    expect(focused(el)).to.equal(one(el, '[part="heading"]'));
    expect(live(el)).to.match(/^Cancelled: .*Dr\. Chidi Okafor/);
    expect(hasButton(el, /Cancel appointment|Reschedule/)).to.equal(false);
    expect(el.shadowRoot!.querySelector('a[part="calendar"]')).to.equal(null);
    // The old file's URL was let go.
    await fetch(oldLink).then(
      () => expect.fail('the old blob: URL still answers'),
      () => undefined,
    );
    // The freed time is offered again, and the button's outcome follows too.
    await until(() => slotButtons(p.picker).some((b) => b.dataset.slotId === bookedSlot), 'the freed time back');
    await expect(el).to.be.accessible();
  });

  it('Reschedule starts moving the visit in the session; booking a new time moves it and the confirmation follows', async () => {
    const p = await page();
    const first = await book(p);
    const el = p.confirmation;
    buttonNamed(el, /^Reschedule$/).click();
    await el.updateComplete;
    expect(sessionOf(el).rescheduling?.id).to.equal(first.id);
    expect(focused(el)).to.equal(one(el, '.moving'));
    expect(live(el)).to.contain('Choose a new time');
    // "Keep current time" backs out.
    buttonNamed(el, /^Keep current time$/).click();
    await el.updateComplete;
    expect(sessionOf(el).rescheduling).to.equal(undefined);
    expect(fold(focused(el)?.textContent)).to.equal('Reschedule');

    buttonNamed(el, /^Reschedule$/).click();
    await el.updateComplete;
    const moved = nextEvent<{ appointment: Appointment; previous: Appointment }>(el, 'appointment-rescheduled');
    (await slotsOf(p.picker))[1].click();
    await until(() => sessionOf(el).selection, 'a new time chosen');
    await sessionOf(el).book();
    const { appointment, previous } = await moved;
    expect(previous.id).to.equal(first.id);
    await until(() => one(el, '[part="reference"]').textContent?.trim() === appointment.id, 'shows the new visit');
    expect(heading(el)).to.equal("You're booked");
    expect(sessionOf(el).appointment(first.id)?.status).to.equal('cancelled');
  });

  it('shows a video visit in the patient zone with its link, and no address', async () => {
    const p = await page('ruiz');
    const buttons = await slotsOf(p.picker);
    const index = buttons.findIndex((b) => slotName(b).includes('Video visit'));
    expect(index).to.be.greaterThan(-1);
    const appointment = await book(p, index);
    const el = p.confirmation;
    expect(fold(one(el, '[part="when"]').textContent)).to.match(/PST \(\d+:\d\d (AM|PM) clinic time \(EST\)\)$/);
    const join = one<HTMLAnchorElement>(el, 'a[part="join"]');
    expect(join.href).to.equal(appointment.telehealthUrl);
    expect(join.rel).to.contain('noopener');
    expect(join.target).to.equal('_blank');
    expect(el.shadowRoot!.querySelector('a[part="map"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders markup from the backend as text', async () => {
    const p = await page();
    const backend = p.provider.activeBackend!;
    const original = backend.book!.bind(backend);
    backend.book = async (request: BookingRequest, signal?: AbortSignal) => {
      const result = await original(request, signal);
      if (result.kind !== 'booked') return result;
      const a = result.appointment;
      a.practitioner = { id: 'x', name: '<img src=x onerror="window.pwned=1">Dr. <b>Bold</b>' };
      a.location = { ...a.location!, name: '<i>Clinic</i>' };
      a.instructions = ['<script>window.pwned=1</script>Bring <em>this</em>'];
      return result;
    };
    await book(p);
    const el = p.confirmation;
    expect(el.shadowRoot!.querySelector('img, b, i, em, script')).to.equal(null);
    expect(text(el)).to.contain('<img src=x onerror="window.pwned=1">Dr. <b>Bold</b>').and.contain('<i>Clinic</i>');
    expect(text(el)).to.contain('<script>window.pwned=1</script>Bring <em>this</em>');
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('shows the appointment its attribute names, looked up in the patient list; an unknown id says so', async () => {
    const p = await page('okafor', 'demo-appt-6');
    await until(() => text(p.confirmation).includes('Dr. Siobhan Walsh'), 'appointment looked up');
    expect(heading(p.confirmation)).to.equal("You're booked");
    expect(fold(one(p.confirmation, '[part="reference"]').textContent)).to.equal('demo-appt-6');
    p.confirmation.appointment = 'no-such-appointment';
    await until(() => text(p.confirmation) === 'We could not find that appointment.', 'not found');
  });

  it('shows a cancellation request as such, without the cancel button', async () => {
    const p = await page('okafor', 'demo-appt-7');
    await until(() => text(p.confirmation).includes('Dr. Priya Patel'), 'appointment looked up');
    const el = p.confirmation;
    buttonNamed(el, /^Request cancellation$/).click();
    await el.updateComplete;
    expect(fold(one(el, '[role="group"]').textContent)).to.contain('Send a cancellation request to the clinic?');
    const event = nextEvent<{ appointment: Appointment }>(el, 'appointment-cancelled');
    buttonNamed(el, /^Yes, send request$/).click();
    expect((await event).appointment.cancelRequested).to.equal(true);
    await until(() => heading(el) === 'Cancellation requested', 'request heading');
    expect(text(el)).to.contain('Your cancellation request was sent to the clinic.');
    expect(hasButton(el, /Request cancellation|Reschedule/)).to.equal(false);
  });

  it('shows a failed cancel as an alert with the clinic phone, and keeps the appointment', async () => {
    const p = await page();
    await book(p);
    const el = p.confirmation;
    const backend = p.provider.activeBackend!;
    backend.cancel = () => Promise.reject(new BookingError('network', 'The server did not answer.'));
    buttonNamed(el, /^Cancel appointment$/).click();
    await el.updateComplete;
    buttonNamed(el, /^Yes, cancel$/).click();
    await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 'error shown');
    expect(fold(one(el, '[role="alert"]').textContent)).to.contain('We could not reach the clinic.');
    expect(heading(el)).to.equal("You're booked");
    expect(fold(focused(el)?.textContent)).to.equal('Cancel appointment');
  });
});

describe('appointmentActions (the confirmation and the list)', () => {
  const visit = (cancel: Appointment['cancel'], cancelRequested = false) =>
    ({ id: 'a', cancel, cancelRequested }) as Appointment;
  const bookAndCancel = { ...NO_CAPABILITIES, book: true, cancel: true };

  it('moves by booking then cancelling only where the old visit can be cancelled directly', () => {
    expect(appointmentActions(visit('direct'), bookAndCancel, true)).to.deep.equal({ canCancel: true, canMove: true });
    // A cancel that is only a request would leave the patient with two visits.
    expect(appointmentActions(visit('request'), bookAndCancel, true)).to.deep.equal({
      canCancel: true,
      canMove: false,
    });
    expect(appointmentActions(visit('none'), bookAndCancel, true)).to.deep.equal({ canCancel: false, canMove: false });
    // The backend's own reschedule moves any visit.
    expect(appointmentActions(visit('none'), { ...bookAndCancel, reschedule: true }, true).canMove).to.equal(true);
    // Past, cancelled, or already asked to cancel: nothing.
    expect(appointmentActions(visit('direct'), bookAndCancel, false)).to.deep.equal({
      canCancel: false,
      canMove: false,
    });
    expect(appointmentActions(visit('direct', true), bookAndCancel, true)).to.deep.equal({
      canCancel: false,
      canMove: false,
    });
  });
});
