// What a patient reads and what leaves the elements (the "trust" issue, items 7–9), on the demo backend.
// Backend-specific cases (vendor words from each contract server) run in test/providers/conformance.ts.
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { BookingError, BookingErrorKind } from '../src/core/errors.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import {
  NOW,
  alertOf,
  bookSlot,
  buttonLabelled,
  failBooking,
  listLoaded,
  mountClinic,
  one,
  slotButtons,
  slotsOf,
  text,
  until,
} from './helpers.js';

const PHONE = '+1 212 555 0142';
const VENDOR_TEXT = 'Unauthorized; invalid ssoSession or ObSSOCookie';

function demo(options: Record<string, unknown> = {}): DemoProvider {
  return new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
}

async function clinic(provider: DemoProvider, attrs: { patient?: string; includeNative?: boolean } = {}) {
  const c = await mountClinic(
    html`<booking-provider
      patient=${attrs.patient ?? 'demo-patient'}
      now=${NOW}
      ?include-native=${attrs.includeNative}
      .provider=${provider}
    >
      <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  await slotsOf(c.picker);
  return c;
}

/** Every patient sentence, by kind: short, and it says what to do next. */
const PATIENT_SEES: Record<Exclude<BookingErrorKind, 'sign-in-required'>, string> = {
  'slot-unavailable': 'That time was just taken. Please choose another time.',
  'auth-expired': 'Your session has ended. Please sign in again, then try again.',
  forbidden: `This cannot be done online. Or call the clinic at ${PHONE}.`,
  validation: `The clinic could not accept this request online. Or call the clinic at ${PHONE}.`,
  'not-found': `We could not find that appointment or time. Please reload the page. Or call the clinic at ${PHONE}.`,
  conflict: 'This appointment changed in the meantime. Please reload the page and try again.',
  'not-supported': `This clinic does not offer that online. Or call the clinic at ${PHONE}.`,
  'rate-limited': 'The clinic is busy right now. Please wait a minute, then try again.',
  timeout: 'The clinic took too long to answer. Please try again.',
  network: 'We could not reach the clinic. Please check your connection and try again.',
  'upstream-unavailable': `The clinic’s booking system is not available right now. Please try again in a few minutes. Or call the clinic at ${PHONE}.`,
  'malformed-response': `Something went wrong on the clinic’s side. Please try again. Or call the clinic at ${PHONE}.`,
  unknown: `Something went wrong. Please try again. Or call the clinic at ${PHONE}.`,
};

describe('what a patient reads (item 7)', () => {
  let warn: sinon.SinonStub;
  beforeEach(() => (warn = sinon.stub(console, 'warn')));
  afterEach(() => warn.restore());

  for (const [kind, sentence] of Object.entries(PATIENT_SEES)) {
    it(`${kind}: a short sentence with the next step; the vendor's words only for developers`, async () => {
      const c = await clinic(demo({ failures: { book: { kind, message: VENDOR_TEXT } } }));
      const error = await failBooking(c);
      await until(() => alertOf(c.button), 'no error shown');
      expect(alertOf(c.button)).to.equal(sentence);
      expect(text(c.button)).not.to.contain('ssoSession');
      // Developers get the vendor's text: in the event detail, and in one console warning.
      expect(error.kind).to.equal(kind);
      expect(error.message).to.equal(VENDOR_TEXT);
      const warnings = warn.getCalls().filter((call) => String(call.args[0]).includes(VENDOR_TEXT));
      expect(warnings).to.have.length(1);
      expect(String(warnings[0].args[0])).to.equal(`careslot: ${kind}: ${VENDOR_TEXT}`);
      // The clinic's number is a link where the sentence says to call.
      const link = c.button.shadowRoot!.querySelector<HTMLAnchorElement>('[role="alert"] a');
      if (sentence.includes('call the clinic at')) expect(link?.getAttribute('href')).to.equal('tel:+12125550142');
      else expect(link).to.equal(null);
    });
  }

  it('a visitor without a patient reads how to go on before pressing anything, and Book stays off', async () => {
    // A backend that books new patients: the visitor is told details come next.
    const c = await clinic(demo(), { patient: '' });
    await until(() => text(c.button).includes('You will then give your name'), 'no hint before a time is chosen');
    slotButtons(c.picker)[0].click();
    await until(() => text(c.button).includes('Fill in your details to book this time.'), 'no details hint');
    expect(one(c.button, 'button').getAttribute('aria-disabled')).to.equal('true');
    // One that cannot: nothing here can book, so no button at all, and the clinic's phone.
    const closed = demo();
    Object.assign(closed, { capabilities: { ...closed.capabilities, newPatient: false, dependents: false } });
    const d = await clinic(closed, { patient: '' });
    await until(() => text(d.button).includes('Booking online needs a patient account'), 'no account sentence');
    expect(text(d.button)).to.contain(`Please call ${PHONE}.`);
    expect(d.button.shadowRoot!.querySelector('button.primary')).to.equal(null);
    expect(text(d.button)).not.to.contain('attribute');
  });

  it('slot list and appointment list errors use the same sentences', async () => {
    const c = await clinic(demo({ failures: { listAppointments: { kind: 'forbidden', message: VENDOR_TEXT } } }));
    await until(() => alertOf(c.list), 'no list error');
    expect(text(c.list)).to.contain(PATIENT_SEES.forbidden);
    expect(text(c.list)).not.to.contain('ObSSOCookie');
  });

  it('an unknown backend tells the patient to call; the developer reads the backend names', async () => {
    const errors: BookingError[] = [];
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider
        backend="no-such-system"
        @booking-provider-error=${(e: CustomEvent<{ error: BookingError }>) => errors.push(e.detail.error)}
      ></booking-provider>`,
    );
    await until(() => root.shadowRoot!.querySelector('[part="error"]'), 'no error');
    expect(text(root)).to.contain('Online booking is not available on this page right now. Please call the clinic.');
    expect(text(root)).not.to.contain('no-such-system');
    expect(errors[0].message).to.contain('Unknown backend "no-such-system"');
  });
});

describe('outcomes follow the appointment (item 8)', () => {
  it('after cancelling the visit just booked, the button no longer says "Booked"', async () => {
    const c = await clinic(demo());
    const appointment = await bookSlot(c);
    await until(() => text(c.button).includes('Booked:'), `no booked outcome: ${text(c.button)}`);
    await listLoaded(c.list);
    await until(() => c.list.shadowRoot!.querySelector(`[data-id="${appointment.id}"]`), 'booked row');
    const row = c.list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${appointment.id}"]`)!;
    buttonLabelled(row, /^\s*Cancel\s*$/).click();
    await c.list.updateComplete;
    const again = c.list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${appointment.id}"]`)!;
    buttonLabelled(again, /Yes, cancel/).click();
    await until(() => !text(c.button).includes('Booked:'), 'the button still says Booked');
    expect(text(c.button)).to.contain('Cancelled:');
    expect(one(c.button, '[role="status"]').textContent).to.contain('Cancelled:');
  });
});

describe('what leaves the elements (item 9)', () => {
  const EVENTS = ['slot-select', 'booking-confirmed', 'booking-failed', 'appointment-cancelled'];

  async function bookAndCancel(includeNative: boolean) {
    const seen: { type: string; detail: unknown }[] = [];
    const record = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent).detail });
    for (const type of EVENTS) document.addEventListener(type, record);
    try {
      const c = await clinic(demo(), { includeNative });
      const appointment = await bookSlot(c);
      await listLoaded(c.list);
      const row = () => c.list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${appointment.id}"]`)!;
      await until(() => row(), 'booked row');
      buttonLabelled(row(), /^\s*Cancel\s*$/).click();
      await c.list.updateComplete;
      buttonLabelled(row(), /Yes, cancel/).click();
      await until(() => seen.some((e) => e.type === 'appointment-cancelled'), 'no cancel event');
    } finally {
      for (const type of EVENTS) document.removeEventListener(type, record);
    }
    return seen;
  }

  it('by default no event detail carries a native record or the patient', async () => {
    const seen = await bookAndCancel(false);
    expect(seen.map((e) => e.type)).to.include.members(['slot-select', 'booking-confirmed', 'appointment-cancelled']);
    for (const { type, detail } of seen) {
      const json = JSON.stringify(detail);
      expect(json, type).not.to.contain('"native"');
      expect(json, type).not.to.contain('Jordan Avery');
      expect(json, type).not.to.contain('demo-patient');
    }
  });

  it('include-native opts in: the native record arrives', async () => {
    const seen = await bookAndCancel(true);
    const booked = seen.find((e) => e.type === 'booking-confirmed')!.detail as { appointment: { native?: unknown } };
    expect(booked.appointment.native).to.have.property('slotId');
    expect(JSON.stringify(booked)).to.contain('"native"');
  });

  it('an error in an event detail has no cause (the raw answer) without the opt-in', async () => {
    const c = await clinic(demo({ failures: { book: { kind: 'network', message: 'offline' } } }));
    const error = await failBooking(c);
    expect(error.cause).to.equal(undefined);
    expect(error.kind).to.equal('network');
  });
});
