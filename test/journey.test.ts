// The patient's way from a chosen time to a booked visit, through <booking-provider>'s session: the hold
// (taken, counted down, released, expired), who books (a new patient, a dependent, a sign-in), moving a visit,
// and the events of each step. The demo backend holds, registers new patients and dependents in memory.
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { Appointment, BookingRequest, PatientDetails, PatientRegistration, Slot } from '../src/core/model.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import type { BookingSession } from '../src/elements/shared/context.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, listItems, nextEvent, one, slotButtons, text, until } from './helpers.js';

function demo(options: Record<string, unknown> = {}): DemoProvider {
  return new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
}

const DETAILS: PatientDetails = {
  name: { given: 'Ana', family: 'Quintero' },
  birthDate: '1990-04-12',
  phone: '+1 212 555 0100',
};

function sessionOf(root: BookingProviderElement): BookingSession {
  return (root as unknown as { sessionProvider: { value: BookingSession } }).sessionProvider.value;
}

async function clinic(provider: DemoProvider, { patient = 'demo-patient', signInUrl = '' } = {}) {
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider patient=${patient} sign-in-url=${signInUrl} now=${NOW} .provider=${provider}>
      <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  if (!patient) root.removeAttribute('patient');
  if (!signInUrl) root.removeAttribute('sign-in-url');
  const picker = root.querySelector('slot-picker')!;
  const button = root.querySelector('confirm-button')!;
  const list = root.querySelector('appointment-list')!;
  await until(() => slotButtons(picker).length > 0, 'no times');
  return { root, picker, button, list, session: () => sessionOf(root) };
}

const bookButton = (button: Element) => one<HTMLButtonElement>(button, 'button.primary');

describe('holding the chosen time', () => {
  it('holds it on choice, shows the time left, and gives it back when another is chosen', async () => {
    const provider = demo();
    const released = sinon.spy(provider, 'release');
    const c = await clinic(provider);
    const held = nextEvent<{ slot: Slot; expires: string }>(c.root, 'slot-held');
    slotButtons(c.picker)[0].click();
    const first = await held;
    // Ten minutes by the backend's (fixed) clock.
    expect(Date.parse(first.expires) - Date.parse(NOW)).to.equal(600_000);
    await until(() => text(c.button).includes('This time is held for you for'), 'no countdown');
    expect(one(c.button, '.clock').textContent).to.match(/^(10:00|9:5\d)$/);
    // Someone else cannot take a held time.
    const other = nextEvent<{ slot: Slot }>(c.root, 'slot-held');
    slotButtons(c.picker)[1].click();
    await other;
    expect(released.callCount).to.equal(1);
    expect(released.firstCall.args[0]).to.include({ slotId: first.slot.id });
    // Released: another patient can now book the first time.
    const result = await provider.book({ slot: first.slot, patientId: 'someone-else', idempotencyKey: 'k1' });
    expect(result.kind).to.equal('booked');
  });

  it('nobody else can book a time while it is held', async () => {
    const provider = demo();
    const c = await clinic(provider);
    const held = nextEvent<{ slot: Slot }>(c.root, 'slot-held');
    slotButtons(c.picker)[0].click();
    const { slot } = await held;
    let refused = '';
    await provider
      .book({ slot, patientId: 'someone-else', idempotencyKey: 'k2' })
      .catch((e: { kind: string }) => (refused = e.kind));
    expect(refused).to.equal('slot-unavailable');
    // The patient who holds it books it.
    const confirmed = nextEvent<{ appointment: Appointment }>(c.button, 'booking-confirmed');
    bookButton(c.button).click();
    expect((await confirmed).appointment.start).to.equal(slot.start);
  });

  it('gives the hold back, and forgets the booking, when the adapter or the patient changes', async () => {
    const provider = demo();
    const released = sinon.spy(provider, 'release');
    const c = await clinic(provider);
    const held = nextEvent<{ slot: Slot }>(c.root, 'slot-held');
    slotButtons(c.picker)[0].click();
    const { slot } = await held;
    const confirmed = nextEvent<{ appointment: Appointment }>(c.button, 'booking-confirmed');
    bookButton(c.button).click();
    await confirmed;
    expect(c.session().lastBooked?.start).to.equal(slot.start);
    // A new hold, then another clinic's adapter: the hold goes back to the old one.
    await until(() => slotButtons(c.picker).length > 0, 'times again');
    const again = nextEvent<{ slot: Slot }>(c.root, 'slot-held');
    slotButtons(c.picker)[0].click();
    const second = await again;
    released.resetHistory();
    c.root.provider = demo();
    await until(() => released.callCount === 1, 'the hold released');
    expect(released.firstCall.args[0]).to.include({ slotId: second.slot.id });
    await until(() => c.session().provider !== provider, 'the new adapter');
    // The next patient sees nothing of the visit just booked.
    expect(c.session().lastBooked).to.equal(undefined);
    expect(await provider.book({ slot: second.slot, patientId: 'someone-else', idempotencyKey: 'k3' })).to.include({
      kind: 'booked',
    });
  });

  it('gives the hold back with a request that outlives the page on pagehide', async () => {
    const provider = demo();
    const released = sinon.spy(provider, 'release');
    const c = await clinic(provider);
    const held = nextEvent<{ slot: Slot }>(c.root, 'slot-held');
    slotButtons(c.picker)[0].click();
    await held;
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(released.callCount).to.equal(1);
    expect(released.firstCall.args[2]).to.deep.equal({ keepalive: true });
  });

  it('announces the time left at two minutes and at thirty seconds', async () => {
    const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      const c = await clinic(demo({ holdSeconds: 150 }));
      const held = nextEvent(c.root, 'slot-held');
      slotButtons(c.picker)[0].click();
      await held;
      const live = () => one(c.button, '[role="status"][aria-live="polite"]').textContent!.trim();
      await c.button.updateComplete;
      expect(live()).to.equal('');
      clock.tick(31_000);
      await until(() => live() === '2 minutes left to book the time held for you.', 'no two-minute announcement');
      clock.tick(90_000);
      await until(() => live() === '30 seconds left to book the time held for you.', 'no thirty-second announcement');
    } finally {
      clock.restore();
    }
  });

  it('on expiry tells the patient, fires hold-expired and offers the three nearest free times', async () => {
    const c = await clinic(demo({ holdSeconds: 1 }));
    const held = nextEvent<{ slot: Slot }>(c.root, 'slot-held');
    slotButtons(c.picker)[4].click();
    const { slot } = await held;
    const expired = await nextEvent<{ slot: Slot }>(c.root, 'hold-expired');
    expect(expired.slot.id).to.equal(slot.id);
    await until(() => all(c.button, 'button.alternative').length === 3, 'no alternatives');
    expect(text(c.button)).to.contain('The time you chose was held for you and has now been released.');
    expect(c.picker.value).to.equal(null);
    // The nearest: the two before and the one after, in time order.
    const names = all(c.button, 'button.alternative').map((b) => b.textContent!.trim());
    expect(names[0]).to.contain('10:00 AM');
    expect(names[1]).to.contain('10:30 AM');
    expect(names[2]).to.contain('11:30 AM');
    all<HTMLButtonElement>(c.button, 'button.alternative')[0].click();
    await until(() => c.picker.value?.start === '2026-03-03T15:00:00.000Z', 'alternative not chosen');
  });
});

describe('a far-off expiry', () => {
  it("a hold that lasts beyond a timer's range (24.8 days) does not run out at once", async () => {
    const provider = demo();
    const hold = provider.hold!.bind(provider);
    provider.hold = async (slot, signal) => ({
      ...(await hold(slot, signal)),
      expires: new Date(Date.parse(NOW) + 30 * 86_400_000).toISOString(),
    });
    const c = await clinic(provider);
    let expired = 0;
    c.root.addEventListener('hold-expired', () => expired++);
    const held = nextEvent(c.root, 'slot-held');
    slotButtons(c.picker)[0].click();
    await held;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(expired).to.equal(0);
    expect(c.session().held?.slot.id).to.equal(c.picker.value?.id);
  });
});

describe('who books', () => {
  it('a new patient: Book waits for valid details, then one patient and one visit, even on a retry', async () => {
    const provider = demo({ failures: { book: { kind: 'timeout', times: 1 } } });
    const registered = sinon.spy(provider, 'registerPatient');
    const booked: BookingRequest[] = [];
    const book = provider.book.bind(provider);
    provider.book = (request, signal) => (booked.push(request), book(request, signal));
    const c = await clinic(provider, { patient: '' });
    slotButtons(c.picker)[0].click();
    await until(() => text(c.button).includes('Fill in your details'), 'no details hint');
    expect(bookButton(c.button).getAttribute('aria-disabled')).to.equal('true');
    c.session().setPatientDetails(DETAILS, true);
    await until(() => bookButton(c.button).getAttribute('aria-disabled') === 'false', 'Book did not turn on');
    const outcomes: string[] = [];
    c.button.addEventListener('booking-failed', (e) => outcomes.push(`failed ${e.detail.error.kind}`));
    c.button.addEventListener('booking-confirmed', () => outcomes.push('confirmed'));
    bookButton(c.button).click();
    await until(() => outcomes.length === 1, 'no outcome of the first press');
    expect(outcomes).to.deep.equal(['failed timeout']);
    bookButton(c.button).click();
    await until(() => outcomes.length === 2, `no outcome of the second press: ${text(c.button)}`);
    expect(outcomes[1]).to.equal('confirmed');
    // Registered once: the retry books for the patient the first press registered.
    expect(registered.callCount).to.equal(1);
    expect(new Set(booked.map((r) => r.idempotencyKey)).size).to.equal(1);
    expect(new Set(booked.map((r) => r.patientId)).size).to.equal(1);
    const mine = await provider.listAppointments({ patientId: booked[0].patientId });
    expect(mine).to.have.length(1);
  });

  it('a dependent of the signed-in patient is registered under their account and booked for', async () => {
    const provider = demo();
    const registered = sinon.spy(provider, 'registerPatient');
    const c = await clinic(provider);
    slotButtons(c.picker)[0].click();
    c.session().setPatientDetails({ ...DETAILS, forWhom: 'dependent' }, true);
    const confirmed = nextEvent<{ appointment: Appointment }>(c.button, 'booking-confirmed');
    await until(() => bookButton(c.button).getAttribute('aria-disabled') === 'false', 'Book off');
    bookButton(c.button).click();
    await confirmed;
    expect((registered.firstCall.args[0] as PatientRegistration).accountPatientId).to.equal('demo-patient');
  });

  it('a backend that books only signed-in patients: a sign-in link that comes back to the chosen time', async () => {
    const provider = demo();
    Object.assign(provider, { capabilities: { ...provider.capabilities, newPatient: false, signIn: true } });
    const c = await clinic(provider, { patient: '', signInUrl: 'https://portal.example.org/login' });
    await until(() => text(c.button).includes('Sign in to book'), 'no sign-in link before a time');
    expect(text(c.button)).to.contain('Choose a time, then sign in');
    slotButtons(c.picker)[2].click();
    const slot = c.picker.value!;
    await until(() => one(c.button, 'a.button').getAttribute('href')!.includes('careslot-slot'), 'no return slot');
    const href = new URL(one(c.button, 'a.button').getAttribute('href')!);
    expect(href.origin + href.pathname).to.equal('https://portal.example.org/login');
    const back = new URL(href.searchParams.get('return')!);
    expect(back.searchParams.get('careslot-slot')).to.equal(slot.id);
    expect(back.searchParams.get('careslot-at')).to.equal(slot.start);
    // A portal that signs in itself takes it over: the link is not followed.
    const asked: Slot[] = [];
    c.root.addEventListener('booking-sign-in-required', (e) => {
      asked.push(e.detail.slot!);
      e.preventDefault();
    });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    one(c.button, 'a.button').dispatchEvent(click);
    expect(click.defaultPrevented).to.equal(true);
    expect(asked[0].id).to.equal(slot.id);
  });

  it('back from signing in, the chosen time is chosen again and leaves the address bar', async () => {
    const before = location.href;
    const target = new URL(location.href);
    target.searchParams.set('careslot-slot', 'ruiz@2026-03-03T15:00:00.000Z');
    target.searchParams.set('careslot-at', '2026-03-03T15:00:00.000Z');
    history.replaceState(null, '', target.href);
    try {
      const c = await clinic(demo());
      await until(() => c.picker.value?.id === 'ruiz@2026-03-03T15:00:00.000Z', 'not restored');
      expect(location.search).not.to.contain('careslot-slot');
    } finally {
      history.replaceState(null, '', before);
    }
  });
});

describe('moving a visit', () => {
  async function moving(provider: DemoProvider) {
    const c = await clinic(provider);
    const moveOf = (li: HTMLElement) =>
      [...li.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Move');
    await until(() => listItems(c.list).some(moveOf), 'no Move button');
    const item = listItems(c.list).find(moveOf)!;
    const previousId = item.dataset.id!;
    moveOf(item)!.click();
    await until(() => text(c.button).includes('Move appointment'), 'button does not say Move');
    slotButtons(c.picker)[0].click();
    await until(() => bookButton(c.button).getAttribute('aria-disabled') === 'false', 'Move off');
    return { ...c, previousId };
  }

  it('without a reschedule operation: books the new time, then cancels the old one', async () => {
    const provider = demo();
    const order: string[] = [];
    const book = provider.book.bind(provider);
    const cancel = provider.cancel.bind(provider);
    provider.book = (r, s) => (order.push('book'), book(r, s));
    provider.cancel = (a, s) => (order.push('cancel'), cancel(a, s));
    const c = await moving(provider);
    const moved = nextEvent<{ appointment: Appointment; previous: Appointment }>(c.list, 'appointment-rescheduled');
    bookButton(c.button).click();
    const { appointment, previous } = await moved;
    expect(order).to.deep.equal(['book', 'cancel']);
    expect(previous.id).to.equal(c.previousId);
    expect(appointment.start).to.equal('2026-03-03T14:00:00.000Z');
    await until(() => text(c.button).includes('Moved:'), 'no moved message');
    const list = await provider.listAppointments({ patientId: 'demo-patient' });
    expect(list.find((a) => a.id === c.previousId)!.status).to.equal('cancelled');
    expect(list.filter((a) => a.start === appointment.start && a.status === 'booked')).to.have.length(1);
  });

  it('if booking the new time fails, the old visit stays as it was', async () => {
    const provider = demo({ failures: { book: 'upstream-unavailable' } });
    const c = await moving(provider);
    const failed = nextEvent(c.button, 'booking-failed');
    bookButton(c.button).click();
    await failed;
    const list = await provider.listAppointments({ patientId: 'demo-patient' });
    expect(list.find((a) => a.id === c.previousId)!.status).not.to.equal('cancelled');
  });

  it('if cancelling the old one fails, the patient keeps both and is told to call', async () => {
    const provider = demo({ failures: { cancel: 'upstream-unavailable' } });
    const c = await moving(provider);
    const confirmed = nextEvent<{ appointment: Appointment }>(c.button, 'booking-confirmed');
    let moved = 0;
    c.root.addEventListener('appointment-rescheduled', () => moved++);
    bookButton(c.button).click();
    await confirmed;
    await until(() => text(c.button).includes('could not be cancelled online'), 'not told');
    expect(moved).to.equal(0);
    const list = await provider.listAppointments({ patientId: 'demo-patient' });
    expect(list.find((a) => a.id === c.previousId)!.status).not.to.equal('cancelled');
  });

  it("uses the backend's reschedule where it has one", async () => {
    const provider = demo();
    const book = sinon.spy(provider, 'book');
    const calls: string[] = [];
    Object.assign(provider, {
      capabilities: { ...provider.capabilities, reschedule: true },
      reschedule: async (appointment: Appointment, slot: Slot) => {
        calls.push(`${appointment.id}->${slot.id}`);
        return { ...appointment, start: slot.start, end: slot.end };
      },
    });
    const c = await moving(provider);
    const moved = nextEvent<{ appointment: Appointment }>(c.list, 'appointment-rescheduled');
    bookButton(c.button).click();
    expect((await moved).appointment.start).to.equal('2026-03-03T14:00:00.000Z');
    expect(calls).to.have.length(1);
    expect(book.callCount).to.equal(0);
  });
});

describe('booking events', () => {
  it('a pending outcome fires booking-pending, without patient data', async () => {
    const provider = demo();
    provider.book = async () => ({ kind: 'pending', message: 'queued' });
    const c = await clinic(provider);
    slotButtons(c.picker)[0].click();
    const pending = nextEvent<{ appointment?: Appointment }>(c.root, 'booking-pending');
    await until(() => bookButton(c.button).getAttribute('aria-disabled') === 'false', 'Book off');
    bookButton(c.button).click();
    const detail = await pending;
    expect(JSON.stringify(detail)).not.to.contain('demo-patient');
  });

  it('a link slot fires booking-redirect with its address', async () => {
    const provider = demo();
    const find = provider.findSlots.bind(provider);
    provider.findSlots = async (q, s) =>
      (await find(q, s)).map((slot) => ({ ...slot, booking: { kind: 'link', url: 'https://book.example.org/x' } }));
    const opened = sinon.stub(window, 'open');
    try {
      const c = await clinic(provider);
      slotButtons(c.picker)[0].click();
      const redirect = nextEvent<{ url: string }>(c.root, 'booking-redirect');
      await until(() => bookButton(c.button).getAttribute('aria-disabled') === 'false', 'Book off');
      bookButton(c.button).click();
      expect((await redirect).url).to.equal('https://book.example.org/x');
      expect(opened.callCount).to.equal(1);
    } finally {
      opened.restore();
    }
  });
});
