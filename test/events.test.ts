import { expect } from '@open-wc/testing';
import { BookingError } from '../src/core/errors.js';
import type { Appointment, Slot } from '../src/core/model.js';
import type { CareslotEvent, CareslotEventDetails } from '../src/index.js';
import { emit } from '../src/elements/shared/base.js';

const slot: Slot = {
  id: 's1',
  start: '2026-03-03T14:00:00.000Z',
  end: '2026-03-03T14:30:00.000Z',
  timeZone: 'America/New_York',
  mode: 'in-person',
};

/** Never called: `tsc --noEmit` checks these lines, each `@ts-expect-error` must stay an error. */
export function typeChecks(target: HTMLElement, appointment: Appointment): void {
  emit(target, 'slot-select', { slot });
  emit(target, 'booking-confirmed', { appointment });
  emit(target, 'booking-failed', { error: new BookingError('network', 'offline') });
  // @ts-expect-error a slot-select detail carries the slot, not an appointment
  emit(target, 'slot-select', { appointment });
  // @ts-expect-error booking-failed carries the error
  emit(target, 'booking-failed', {});
  // @ts-expect-error only careslot event names
  emit(target, 'slot-selected', { slot });
  // Listeners get the typed event through the HTMLElementEventMap augmentation.
  target.addEventListener('appointment-cancelled', (event) => {
    const cancelled: Appointment = event.detail.appointment;
    // @ts-expect-error the detail is typed, not any
    void event.detail.slot;
    void cancelled;
  });
  const typed: CareslotEvent<'slot-select'> = new CustomEvent('slot-select', { detail: { slot } });
  const detail: CareslotEventDetails['slot-select'] = typed.detail;
  void detail;
}

describe('careslot events', () => {
  it('emit() dispatches a bubbling, composed CustomEvent that crosses shadow roots', () => {
    const host = document.createElement('div');
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(host);
    try {
      const heard: CustomEvent[] = [];
      document.addEventListener('slot-select', (event) => heard.push(event), { once: true });
      emit(inner, 'slot-select', { slot });
      expect(heard).to.have.length(1);
      expect(heard[0].detail).to.deep.equal({ slot });
      expect(heard[0]).to.include({ bubbles: true, composed: true, cancelable: false });
    } finally {
      host.remove();
    }
  });
});
