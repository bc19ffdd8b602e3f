import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Appointment } from '../src/core/model.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, mountProvider, nextEvent, one, text, until } from './helpers.js';

async function list(filter = 'upcoming', options: Record<string, unknown> = {}, patient = 'demo-patient') {
  const root = await mountProvider(
    html`<booking-provider patient=${patient} now=${NOW} .options=${{ takenShare: 0, ...options }}>
      <slot-picker view="list" practitioner="okafor" start="2026-03-05" days="1"></slot-picker>
      <appointment-list filter=${filter}></appointment-list>
    </booking-provider>`,
  );
  const el = root.querySelector('appointment-list')!;
  await until(
    () => el.shadowRoot?.querySelector('[part="item"], [data-state="empty"], [role="alert"]'),
    'list did not load',
  );
  return { root, el, picker: root.querySelector('slot-picker')! };
}

const items = (el: Element) => all(el, '[part="item"]');
const itemWith = (el: Element, needle: string) => items(el).find((i) => i.textContent!.includes(needle))!;
const buttonIn = (scope: Element, label: RegExp) =>
  [...scope.querySelectorAll('button')].find((b) => label.test(b.textContent!.trim()))!;

describe('<appointment-list>', () => {
  it('lists upcoming visits in order with time, zone, practitioner, place and status', async () => {
    const { el } = await list();
    const texts = items(el).map((i) => i.textContent!.replace(/\s+/g, ' '));
    expect(texts).to.have.length(5);
    expect(texts[0])
      .to.contain('Dr. Daniel Begay')
      .and.contain('Desert Springs Clinic')
      .and.contain('MST')
      .and.contain('Booked');
    const okafor = itemWith(el, 'Dr. Chidi Okafor');
    expect(fold(okafor.textContent)).to.contain('Needs your confirmation');
    expect(fold(okafor.textContent)).to.match(/Thursday, March 5, 2026.*EST/);
    // The accessible text names the whole visit, your time included.
    expect(okafor.querySelector('.visually-hidden')!.textContent).to.match(
      /^\d+:\d\d AM EST, Thursday, March 5, 2026, \d+:\d\d AM your time, Dr\. Chidi Okafor, Harbor Family Clinic, In person$/,
    );
  });

  it('offers confirm and cancel only where the appointment allows them', async () => {
    const { el } = await list();
    const actions = (needle: string) =>
      [...itemWith(el, needle).querySelectorAll('[part="action"]')].map((b) => b.textContent!.trim());
    expect(actions('Dr. Daniel Begay')).to.deep.equal([]); // cancel: none
    // Move where the appointment can be cancelled directly (the new time is booked first, then this one cancelled).
    expect(actions('Dr. Chidi Okafor')).to.deep.equal(['Confirm', 'Move', 'Cancel']);
    expect(actions('Dr. Siobhan Walsh')).to.deep.equal(['Move', 'Cancel']);
    expect(actions('Dr. Priya Patel')).to.deep.equal(['Request cancellation']);
  });

  it('confirms an appointment and fires appointment-confirmed', async () => {
    const { el } = await list();
    const event = nextEvent<{ appointment: Appointment }>(el, 'appointment-confirmed');
    (itemWith(el, 'Dr. Chidi Okafor').querySelector('[part="action"].primary') as HTMLButtonElement).click();
    const { appointment } = await event;
    expect(appointment).to.include({ status: 'booked', canConfirm: false, timeZone: 'America/New_York' });
    await until(() => itemWith(el, 'Dr. Chidi Okafor').textContent!.includes('Booked'), 'badge updated');
    expect(one(el, '[role="status"]').textContent).to.match(/^Confirmed: .*Dr\. Chidi Okafor/);
  });

  it('cancels after asking once more, fires appointment-cancelled, and the freed time is offered again', async () => {
    const { el, picker } = await list();
    const okafor = () => itemWith(el, 'Dr. Chidi Okafor');
    const slotCount = all(picker, 'button.slot').length;
    (
      [...okafor().querySelectorAll('[part="action"]')].find(
        (b) => b.textContent!.trim() === 'Cancel',
      ) as HTMLButtonElement
    ).click();
    await el.updateComplete;
    expect(okafor().textContent).to.contain('Cancel this appointment?');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Yes, cancel');
    // "Keep appointment" backs out without cancelling.
    (
      [...okafor().querySelectorAll('button')].find((b) => b.textContent!.includes('Keep')) as HTMLButtonElement
    ).click();
    await el.updateComplete;
    expect(okafor().textContent).not.to.contain('Cancel this appointment?');
    (
      [...okafor().querySelectorAll('[part="action"]')].find(
        (b) => b.textContent!.trim() === 'Cancel',
      ) as HTMLButtonElement
    ).click();
    await el.updateComplete;
    const event = nextEvent<{ appointment: Appointment }>(el, 'appointment-cancelled');
    (okafor().querySelector('.danger') as HTMLButtonElement).click();
    expect((await event).appointment.status).to.equal('cancelled');
    await until(() => okafor().textContent!.includes('Cancelled'), 'cancelled badge');
    expect(okafor().querySelectorAll('[part="action"]')).to.have.length(0);
    await until(() => all(picker, 'button.slot').length === slotCount + 1, 'slot freed');
  });

  it('works by keyboard: confirm and cancel with Enter, focus stays on the appointment', async () => {
    const { el } = await list();
    const okafor = () => itemWith(el, 'Dr. Chidi Okafor');
    (okafor().querySelector('[part="action"].primary') as HTMLButtonElement).focus();
    const confirmed = nextEvent<{ appointment: Appointment }>(document, 'appointment-confirmed');
    await sendKeys({ press: 'Enter' });
    await confirmed;
    await until(() => el.shadowRoot!.activeElement === okafor(), 'focus on the confirmed appointment');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Move');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Cancel');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Yes, cancel');
    const cancelled = nextEvent<{ appointment: Appointment }>(document, 'appointment-cancelled');
    await sendKeys({ press: 'Enter' });
    expect((await cancelled).appointment.status).to.equal('cancelled');
    await until(
      () => el.shadowRoot!.activeElement === okafor() && okafor().textContent!.includes('Cancelled'),
      'focus on the cancelled appointment',
    );
  });

  it("Escape closes the cancel question; focus goes back to that appointment's Cancel button", async () => {
    const { el } = await list();
    const walsh = () => itemWith(el, 'Dr. Siobhan Walsh');
    buttonIn(walsh(), /^Cancel$/).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Yes, cancel');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(walsh().textContent).not.to.contain('Cancel this appointment?');
    expect(el.shadowRoot!.activeElement).to.equal(buttonIn(walsh(), /^Cancel$/));
    // Escape from "Keep appointment" too.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    buttonIn(walsh(), /^Keep appointment$/).focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(buttonIn(walsh(), /^Cancel$/));
  });

  it('"Keep appointment" puts focus back on that appointment\'s Cancel button', async () => {
    const { el } = await list();
    const okafor = () => itemWith(el, 'Dr. Chidi Okafor');
    buttonIn(okafor(), /^Cancel$/).click();
    await el.updateComplete;
    buttonIn(okafor(), /^Keep appointment$/).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(okafor().textContent).not.to.contain('Cancel this appointment?');
    expect(el.shadowRoot!.activeElement).to.equal(buttonIn(okafor(), /^Cancel$/));
    // By mouse as well.
    buttonIn(okafor(), /^Cancel$/).click();
    await el.updateComplete;
    buttonIn(okafor(), /^Keep appointment$/).click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(buttonIn(okafor(), /^Cancel$/));
  });

  it('after a cancel reloads the list, focus stays on the cancelled appointment, scrolled into view', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="height: 160px; overflow: auto">
        <booking-provider patient="demo-patient" now=${NOW} .options=${{ takenShare: 0, latencyMs: 50 }}>
          <appointment-list></appointment-list>
        </booking-provider>
      </div>`,
    );
    const el = wrapper.querySelector('appointment-list')!;
    await until(() => items(el).length > 0, 'list did not load');
    const walsh = () => itemWith(el, 'Dr. Siobhan Walsh');
    const before = walsh();
    buttonIn(walsh(), /^Cancel$/).click();
    await el.updateComplete;
    const cancelled = nextEvent<{ appointment: Appointment }>(el, 'appointment-cancelled');
    buttonIn(walsh(), /^Yes, cancel$/).click();
    // The page scrolls away while the clinic answers.
    wrapper.scrollTop = 0;
    await cancelled;
    await until(() => walsh().textContent!.includes('Cancelled'), 'list not reloaded');
    // Let the reload finish and settle.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(walsh()).to.equal(before);
    expect(el.shadowRoot!.activeElement).to.equal(walsh());
    const box = walsh().getBoundingClientRect();
    const view = wrapper.getBoundingClientRect();
    expect(box.top).to.be.at.least(view.top - 1);
    expect(box.bottom).to.be.at.most(view.bottom + 1);
  });

  it('gives cancel an AbortSignal, aborted when the list leaves the page; back, it loads again', async () => {
    const { root, el } = await list('upcoming', { latencyMs: 100 });
    const provider = root.activeBackend!;
    const signals: (AbortSignal | undefined)[] = [];
    const cancel = provider.cancel!.bind(provider);
    provider.cancel = (appointment, signal) => {
      signals.push(signal);
      return cancel(appointment, signal);
    };
    const okafor = () => itemWith(el, 'Dr. Chidi Okafor');
    buttonIn(okafor(), /^Cancel$/).click();
    await el.updateComplete;
    buttonIn(okafor(), /Yes, cancel/).click();
    expect(signals).to.have.length(1);
    el.remove();
    expect(signals[0]!.aborted).to.equal(true);
    await new Promise((r) => setTimeout(r, 200));
    const after = await provider.listAppointments!({ patientId: 'demo-patient' });
    expect(after.find((a) => a.practitioner?.name === 'Dr. Chidi Okafor')?.status).not.to.equal('cancelled');
    root.append(el);
    await until(() => items(el).length === 5, 'listed again');
    expect(all(el, '[role="alert"]')).to.have.length(0);
  });

  it('sends a cancellation request where only that is allowed', async () => {
    const { el } = await list();
    const patel = () => itemWith(el, 'Dr. Priya Patel');
    (patel().querySelector('[part="action"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(patel().textContent).to.contain('Send a cancellation request to the clinic?');
    const event = nextEvent<{ appointment: Appointment }>(el, 'appointment-cancelled');
    (patel().querySelector('.danger') as HTMLButtonElement).click();
    expect((await event).appointment.cancelRequested).to.equal(true);
    await until(() => patel().textContent!.includes('Cancellation requested'), 'request badge');
  });

  it('shows an error for a failed action on that item and keeps the list', async () => {
    const { el } = await list('upcoming', { failures: { confirm: 'upstream-unavailable' } });
    (itemWith(el, 'Dr. Chidi Okafor').querySelector('[part="action"].primary') as HTMLButtonElement).click();
    await until(() => itemWith(el, 'Dr. Chidi Okafor').querySelector('[role="alert"]'), 'item error');
    expect(fold(itemWith(el, 'Dr. Chidi Okafor').textContent)).to.contain(
      'The clinic’s booking system is not available right now. Please try again in a few minutes. Or call the clinic at +1 212 555 0142.',
    );
    expect(items(el)).to.have.length(5);
  });

  it('lists past visits newest first, without actions', async () => {
    const { el } = await list('past');
    const texts = items(el).map((i) => i.textContent!);
    expect(texts).to.have.length(3);
    expect(texts[0]).to.contain('Cancelled');
    expect(texts[1]).to.contain('Dr. Ana Ruiz').and.contain('Completed');
    expect(texts[2]).to.contain('Dr. Linh Nguyen');
    expect(all(el, '[part="action"]')).to.have.length(0);
  });

  it('shows the empty state, and an error with a retry that works', async () => {
    const empty = await list('upcoming', {}, 'nobody');
    expect(fold(one(empty.el, '[data-state="empty"]').textContent)).to.equal('No upcoming appointments.');
    const failing = await list('upcoming', { failures: { listAppointments: { kind: 'network', times: 1 } } });
    expect(text(failing.el)).to.contain('We could not reach the clinic. Please check your connection and try again.');
    one(failing.el, '[part="retry"]').click();
    await until(() => items(failing.el).length === 5, 'retry worked');
  });

  it('asks for a patient when none is set', async () => {
    const root = await fixture(
      html`<booking-provider now=${NOW} .provider=${new DemoProvider({ options: {}, now: () => new Date(NOW) })}
        ><appointment-list></appointment-list
      ></booking-provider>`,
    );
    const el = root.querySelector('appointment-list')!;
    await until(() => text(el).includes('Sign in to see your appointments.'), 'no-patient message');
  });
});
