import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BookingError } from '../src/core/errors.js';
import type { Appointment, BookingRequest } from '../src/core/model.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, mountProvider, nextEvent, one, text, until } from './helpers.js';

function demo(options: Record<string, unknown> = {}): DemoProvider {
  return new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
}

async function clinic(provider: DemoProvider, appointmentId?: string) {
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider patient="demo-patient" now=${NOW} .provider=${provider}>
      <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      <confirm-button appointment=${appointmentId ?? ''}></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  const picker = root.querySelector('slot-picker')!;
  const button = root.querySelector('confirm-button')!;
  const list = root.querySelector('appointment-list')!;
  await until(
    () => all(picker, 'button.slot').length > 0 && all(list, '[part="item"]').length > 0,
    'clinic did not load',
  );
  return { root, picker, button, list };
}

function countBookings(provider: DemoProvider): { calls: BookingRequest[] } {
  const record = { calls: [] as BookingRequest[] };
  const book = provider.book.bind(provider);
  provider.book = (request, signal) => {
    record.calls.push(request);
    return book(request, signal);
  };
  return record;
}

describe('<confirm-button>', () => {
  it('asks for a time first and books nothing without one', async () => {
    const provider = demo();
    const spy = countBookings(provider);
    const { button } = await clinic(provider);
    expect(one(button, 'button').getAttribute('aria-disabled')).to.equal('true');
    expect(text(button)).to.contain('Choose a time first.');
    one(button, 'button').click();
    await button.updateComplete;
    expect(spy.calls).to.have.length(0);
  });

  it('books the selected slot, fires booking-confirmed, and the visit appears in the list while the slot leaves the picker', async () => {
    const { picker, button, list } = await clinic(demo());
    const slotButton = all(picker, 'button.slot')[0];
    const slotId = slotButton.dataset.slotId!;
    slotButton.click();
    await button.updateComplete;
    expect(one(button, '[part="summary"]').textContent).to.contain('9:00 AM EST, Tuesday, March 3, 2026');
    const liveRegion = one(button, '[role="status"]');
    // Heard where a portal listens: on the document, across the shadow boundary of a wrapper.
    const confirmed = nextEvent<{ appointment: Appointment }>(document, 'booking-confirmed');
    one(button, 'button').click();
    const { appointment } = await confirmed;
    expect(one(button, '[role="status"]')).to.equal(liveRegion);
    expect(appointment).to.include({
      status: 'booked',
      start: '2026-03-03T14:00:00.000Z',
      end: '2026-03-03T14:30:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(appointment.id).to.be.a('string');
    await until(() => text(button).includes('Booked: 9:00 AM EST, Tuesday, March 3, 2026'), 'success message');
    // The live region is one node that stays in place, so screen readers hear its new text.
    expect(one(button, '[role="status"]').textContent).to.match(/^Booked: 9:00 AM EST, Tuesday, March 3, 2026/);
    await until(() => text(list).includes('Tuesday, March 3, 2026'), 'appointment in list');
    await until(() => !all(picker, 'button.slot').some((b) => b.dataset.slotId === slotId), 'slot left the picker');
    expect(picker.value).to.equal(null);
  });

  it('books exactly once from repeated clicks', async () => {
    const provider = demo({ latencyMs: 150 });
    const spy = countBookings(provider);
    const { picker, button } = await clinic(provider);
    all(picker, 'button.slot')[0].click();
    await button.updateComplete;
    let confirmations = 0;
    button.addEventListener('booking-confirmed', () => confirmations++);
    const inner = one(button, 'button');
    for (let i = 0; i < 5; i++) inner.click();
    await until(() => confirmations > 0, 'booked');
    await new Promise((r) => setTimeout(r, 300));
    one(button, 'button').click();
    await new Promise((r) => setTimeout(r, 300));
    expect(spy.calls).to.have.length(1);
    expect(confirmations).to.equal(1);
    const list = await provider.listAppointments!({ patientId: 'demo-patient' });
    expect(list.filter((a) => a.start === '2026-03-03T14:00:00.000Z')).to.have.length(1);
  });

  it('tells the patient when the slot was taken meanwhile, and the slot list refreshes', async () => {
    // No holds: with one, nobody else could take the chosen time (the hold tests).
    const provider = demo({ holdSeconds: 0 });
    const { picker, button } = await clinic(provider);
    const slotButton = all(picker, 'button.slot')[0];
    slotButton.click();
    await button.updateComplete;
    // Another patient books the same time first.
    const slot = picker.value!;
    expect(slot.id).to.equal(slotButton.dataset.slotId);
    await provider.book!({ slot, patientId: 'someone-else', idempotencyKey: 'other' });
    const failed = nextEvent<{ error: BookingError }>(button, 'booking-failed');
    one(button, 'button').click();
    const { error } = await failed;
    expect(error.kind).to.equal('slot-unavailable');
    await until(() => text(button).includes('That time was just taken. Please choose another time.'), 'message');
    expect(one(button, '[part="status"]').getAttribute('role')).to.equal('alert');
    await until(
      () =>
        all(picker, 'button.slot').length > 0 && !all(picker, 'button.slot').some((b) => b.dataset.slotId === slot.id),
      'fresh slots',
    );
    expect(picker.value).to.equal(null);
  });

  it('keeps the selection across a failed booking, and trying again books it with the same idempotency key', async () => {
    const provider = demo({ failures: { book: { kind: 'timeout', times: 1 } } });
    const spy = countBookings(provider);
    const { picker, button } = await clinic(provider);
    all(picker, 'button.slot')[2].click();
    await button.updateComplete;
    const failed = nextEvent<{ error: BookingError }>(button, 'booking-failed');
    one(button, 'button').click();
    expect((await failed).error.kind).to.equal('timeout');
    await button.updateComplete;
    expect(text(button)).to.contain('The clinic took too long to answer. Please try again.');
    expect(picker.value?.start).to.equal('2026-03-03T15:00:00.000Z');
    const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
    one(button, 'button').click();
    expect((await confirmed).appointment.start).to.equal('2026-03-03T15:00:00.000Z');
    expect(spy.calls).to.have.length(2);
    expect(spy.calls[0].idempotencyKey).to.equal(spy.calls[1].idempotencyKey);
  });

  it('confirms an existing appointment with the appointment attribute', async () => {
    const provider = demo();
    const proposed = (await provider.listAppointments!({ patientId: 'demo-patient' })).find((a) => a.canConfirm)!;
    const { button, list } = await clinic(provider, proposed.id);
    expect(text(button)).to.contain('Confirm appointment');
    const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
    one(button, 'button').click();
    const { appointment } = await confirmed;
    expect(appointment).to.include({ id: proposed.id, status: 'booked', canConfirm: false });
    await until(
      () =>
        !text(list).includes('Needs your confirmation') ||
        all(list, '[part="item"]').filter((i) => i.textContent!.includes('Needs your confirmation')).length === 1,
      'list refreshed',
    );
  });

  describe('confirming by id', () => {
    /** Records the names of the provider's appointment calls, in order. */
    function recordCalls(provider: DemoProvider): string[] {
      const calls: string[] = [];
      const list = provider.listAppointments.bind(provider);
      const confirm = provider.confirm.bind(provider);
      provider.listAppointments = (query, signal) => {
        calls.push('listAppointments');
        return list(query, signal);
      };
      provider.confirm = (appointment, signal) => {
        calls.push(`confirm ${appointment.id}`);
        return confirm(appointment, signal);
      };
      return calls;
    }

    it('confirms the appointment the list already loaded, without listing every appointment again', async () => {
      const provider = demo();
      const proposed = (await provider.listAppointments!({ patientId: 'demo-patient' })).find((a) => a.canConfirm)!;
      const calls = recordCalls(provider);
      const { button, list } = await clinic(provider, proposed.id);
      expect(calls).to.deep.equal(['listAppointments']);
      calls.length = 0;
      const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
      one(button, 'button').click();
      expect((await confirmed).appointment).to.include({ id: proposed.id, status: 'booked' });
      // The only list after the click is the appointment list reloading the confirmed visit.
      await until(() => calls.length === 2, 'the list reloaded');
      expect(calls).to.deep.equal([`confirm ${proposed.id}`, 'listAppointments']);
      const item = () => all(list, '[part="item"]').find((i) => i.dataset.id === proposed.id);
      await until(() => item()?.querySelector('[part="badge"]')?.textContent === 'Booked', 'list shows it confirmed');
    });

    it('on its own, finds the appointment with one list, and confirms it again without one', async () => {
      const provider = demo();
      const proposed = (await provider.listAppointments!({ patientId: 'demo-patient' })).find((a) => a.canConfirm)!;
      const calls = recordCalls(provider);
      const root = await mountProvider(
        html`<booking-provider patient="demo-patient" now=${NOW} .provider=${provider}>
          <confirm-button appointment=${proposed.id}></confirm-button>
        </booking-provider>`,
      );
      const button = root.querySelector('confirm-button')!;
      expect(calls).to.deep.equal([]);
      const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
      await until(() => one(button, 'button').getAttribute('aria-disabled') === 'false', 'ready');
      one(button, 'button').click();
      await confirmed;
      expect(calls).to.deep.equal(['listAppointments', `confirm ${proposed.id}`]);
      // Confirmed once, the provider knows it: a second press asks the backend straight away (which refuses).
      const failed = nextEvent<{ error: BookingError }>(button, 'booking-failed');
      await until(() => one(button, 'button').getAttribute('aria-busy') === 'false', 'not busy');
      one(button, 'button').click();
      await failed;
      expect(calls).to.deep.equal(['listAppointments', `confirm ${proposed.id}`, `confirm ${proposed.id}`]);
    });

    it('says when there is no appointment with that id', async () => {
      const { button } = await clinic(demo(), 'no-such-appointment');
      const failed = nextEvent<{ error: BookingError }>(button, 'booking-failed');
      one(button, 'button').click();
      const { error } = await failed;
      expect(error.kind).to.equal('not-found');
      await until(() => text(button).includes('We could not find that appointment or time.'), 'message');
    });
  });

  it('gives book an AbortSignal, aborted when the button leaves the page: no booking, no event', async () => {
    const provider = demo({ latencyMs: 200 });
    const signals: (AbortSignal | undefined)[] = [];
    const book = provider.book.bind(provider);
    provider.book = (request, signal) => {
      signals.push(signal);
      return book(request, signal);
    };
    const { root, picker, button } = await clinic(provider);
    all(picker, 'button.slot')[0].click();
    await button.updateComplete;
    let outcomes = 0;
    button.addEventListener('booking-confirmed', () => outcomes++);
    button.addEventListener('booking-failed', () => outcomes++);
    one(button, 'button').click();
    await until(() => signals.length === 1, 'book was not called');
    expect(signals[0]).to.be.instanceOf(AbortSignal);
    expect(signals[0]!.aborted).to.equal(false);
    button.remove();
    expect(signals[0]!.aborted).to.equal(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(outcomes).to.equal(0);
    const booked = await provider.listAppointments!({ patientId: 'demo-patient' });
    expect(booked.some((a) => a.start === '2026-03-03T14:00:00.000Z')).to.equal(false);
    // Back on the page it books with a fresh signal.
    root.append(button);
    await until(() => one(button, 'button').getAttribute('aria-busy') === 'false', 'not busy');
    const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
    one(button, 'button').click();
    expect((await confirmed).appointment.start).to.equal('2026-03-03T14:00:00.000Z');
    expect(signals).to.have.length(2);
    expect(signals[1]!.aborted).to.equal(false);
  });

  it('gives confirm an AbortSignal, aborted when the button leaves the page', async () => {
    const provider = demo({ latencyMs: 150 });
    const proposed = (await provider.listAppointments!({ patientId: 'demo-patient' })).find((a) => a.canConfirm)!;
    const signals: (AbortSignal | undefined)[] = [];
    const confirm = provider.confirm.bind(provider);
    provider.confirm = (appointment, signal) => {
      signals.push(signal);
      return confirm(appointment, signal);
    };
    const { button } = await clinic(provider, proposed.id);
    let outcomes = 0;
    button.addEventListener('booking-confirmed', () => outcomes++);
    button.addEventListener('booking-failed', () => outcomes++);
    one(button, 'button').click();
    await until(() => signals.length === 1, 'confirm called');
    expect(signals[0]).to.be.instanceOf(AbortSignal);
    button.remove();
    expect(signals[0]!.aborted).to.equal(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(outcomes).to.equal(0);
    const after = (await provider.listAppointments!({ patientId: 'demo-patient' })).find((a) => a.id === proposed.id)!;
    expect(after.status).to.equal(proposed.status);
  });

  it('books by keyboard alone', async () => {
    const root = await mountProvider(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ takenShare: 0 }}>
        <button id="start">start</button>
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
        <confirm-button></confirm-button>
      </booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    const button = root.querySelector('confirm-button')!;
    await until(() => all(picker, 'button.slot').length > 0, 'slots');
    root.querySelector<HTMLButtonElement>('#start')!.focus();
    await sendKeys({ press: 'Tab' }); // earlier days
    await sendKeys({ press: 'Tab' }); // later days
    await sendKeys({ press: 'Tab' }); // the grid
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' }); // the confirm button
    const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
    await sendKeys({ press: 'Enter' });
    expect((await confirmed).appointment.start).to.equal('2026-03-03T14:30:00.000Z');
  });

  it('says online booking is not offered, with the phone number, where the backend cannot book', async () => {
    const provider = demo();
    Object.assign(provider, { capabilities: { ...provider.capabilities, book: false } });
    const root = await fixture(
      html`<booking-provider patient="demo-patient" .provider=${provider}
        ><confirm-button></confirm-button
      ></booking-provider>`,
    );
    const button = root.querySelector('confirm-button')!;
    await until(() => text(button).includes('Online booking is not offered'), 'unavailable message');
    expect(one(button, 'a').getAttribute('href')).to.equal('tel:+12125550142');
  });
});
