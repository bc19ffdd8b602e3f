// The journey every framework guide's test walks: times appear, one is chosen, Book is pressed.
import type { BookingProviderElement } from '../../src/elements/booking-provider/booking-provider.js';
import { all, one, until } from '../helpers.js';

export interface MountedBooking {
  provider: BookingProviderElement;
  picker: HTMLElementTagNameMap['slot-picker'];
  button: HTMLElementTagNameMap['confirm-button'];
}

/** The careslot elements a framework rendered into `host`, once the picker shows time buttons. */
export async function booking(host: ParentNode): Promise<MountedBooking> {
  await until(() => host.querySelector('booking-provider'), 'the framework rendered no <booking-provider>');
  const provider = host.querySelector('booking-provider')!;
  const picker = host.querySelector('slot-picker')!;
  const button = host.querySelector('confirm-button')!;
  await until(() => all(picker, 'button.slot').length > 0, 'the slot picker showed no times', 8000);
  return { provider, picker, button };
}

/** Chooses the first time and presses the confirm button's Book button. */
export async function bookFirstTime({ picker, button }: MountedBooking): Promise<void> {
  all<HTMLButtonElement>(picker, 'button.slot')[0].click();
  await button.updateComplete;
  await until(() => one(button, 'button.primary').getAttribute('aria-disabled') !== 'true', 'Book stayed disabled');
  one<HTMLButtonElement>(button, 'button.primary').click();
}
