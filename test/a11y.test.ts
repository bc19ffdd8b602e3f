import { expect, fixture, html } from '@open-wc/testing';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, one, until } from './helpers.js';

/** axe on an element in its current state (shadow DOM included). */
async function accessible(el: Element, state: string): Promise<void> {
  try {
    await expect(el).to.be.accessible();
  } catch (error) {
    throw new Error(`${el.localName} (${state}): ${(error as Error).message}`, { cause: error });
  }
}

function demo(options: Record<string, unknown> = {}) {
  return new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
}

async function clinic(provider: DemoProvider) {
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider patient="demo-patient" now=${NOW} .provider=${provider}>
      <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="2"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  return {
    root,
    picker: root.querySelector('slot-picker')!,
    button: root.querySelector('confirm-button')!,
    list: root.querySelector('appointment-list')!,
  };
}

describe('accessibility (axe) on every state', () => {
  it('<slot-picker>: loading, times, selected, error, empty, not offered', async () => {
    const slow = await clinic(demo({ latencyMs: 300 }));
    await until(() => slow.picker.shadowRoot?.querySelector('[data-state="loading"]'), 'loading');
    await accessible(slow.picker, 'loading');
    await until(() => all(slow.picker, 'button.slot').length > 0, 'times');
    await accessible(slow.picker, 'times');
    all(slow.picker, 'button.slot')[0].click();
    await slow.picker.updateComplete;
    await accessible(slow.picker, 'selected');

    const failing = await clinic(demo({ failures: { findSlots: 'upstream-unavailable' } }));
    await until(() => failing.picker.shadowRoot?.querySelector('[data-state="error"]'), 'error');
    await accessible(failing.picker, 'error');

    const empty = await clinic(demo({ noSlots: true }));
    await until(() => empty.picker.shadowRoot?.querySelector('[data-state="empty"]'), 'empty');
    await accessible(empty.picker, 'empty');

    const noBooking = demo();
    Object.assign(noBooking, { capabilities: { ...noBooking.capabilities, findSlots: false, book: false } });
    const phone = await clinic(noBooking);
    await until(() => phone.picker.shadowRoot?.querySelector('[data-state="unavailable"]'), 'not offered');
    await accessible(phone.picker, 'not offered');
    await accessible(phone.button, 'not offered');
  });

  it('<confirm-button>: nothing chosen, chosen, busy, booked, failed', async () => {
    const { picker, button } = await clinic(demo({ latencyMs: 300 }));
    await until(() => all(picker, 'button.slot').length > 0, 'times');
    await accessible(button, 'nothing chosen');
    all(picker, 'button.slot')[0].click();
    await button.updateComplete;
    await accessible(button, 'chosen');
    one(button, 'button').click();
    await until(() => one(button, 'button').getAttribute('aria-busy') === 'true', 'busy');
    await accessible(button, 'busy');
    await until(() => button.shadowRoot?.querySelector('.message.success'), 'booked');
    await accessible(button, 'booked');

    const failing = await clinic(demo({ failures: { book: 'slot-unavailable' } }));
    await until(() => all(failing.picker, 'button.slot').length > 0, 'times');
    all(failing.picker, 'button.slot')[0].click();
    await failing.button.updateComplete;
    one(failing.button, 'button').click();
    await until(() => failing.button.shadowRoot?.querySelector('.message.error'), 'failed');
    await accessible(failing.button, 'failed');
  });

  it('<appointment-list>: loading, items, asking to cancel, item error, empty, error, past', async () => {
    const slow = await clinic(demo({ latencyMs: 300, failures: { cancel: 'forbidden' } }));
    await until(() => slow.list.shadowRoot?.querySelector('[data-state="loading"]'), 'loading');
    await accessible(slow.list, 'loading');
    await until(() => all(slow.list, '[part="item"]').length > 0, 'items');
    await accessible(slow.list, 'items');
    all(slow.list, '[part="action"]')
      .find((b) => b.textContent!.trim() === 'Cancel')!
      .click();
    await slow.list.updateComplete;
    await accessible(slow.list, 'asking to cancel');
    one(slow.list, '.danger').click();
    await until(() => slow.list.shadowRoot?.querySelector('[part="item"] [role="alert"]'), 'item error');
    await accessible(slow.list, 'item error');

    const failing = await clinic(demo({ failures: { listAppointments: 'network' } }));
    await until(() => failing.list.shadowRoot?.querySelector('[role="alert"]'), 'error');
    await accessible(failing.list, 'error');

    const root = await fixture(
      html`<booking-provider patient="nobody" now=${NOW} .provider=${demo()}
        ><appointment-list></appointment-list><appointment-list filter="past" patient="demo-patient"></appointment-list
      ></booking-provider>`,
    );
    const [empty, past] = root.querySelectorAll('appointment-list');
    await until(
      () => empty.shadowRoot?.querySelector('[data-state="empty"]') && past.shadowRoot?.querySelector('[part="item"]'),
      'empty and past',
    );
    await accessible(empty, 'empty');
    await accessible(past, 'past');
  });

  it('<booking-provider>: backend error', async () => {
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider backend="missing-backend"><slot-picker></slot-picker></booking-provider>`,
    );
    await until(() => root.shadowRoot?.querySelector('[part="error"]'), 'error');
    await accessible(root, 'backend error');
  });
});
