// examples/two-copies/: dist/careslot.js loaded twice, plus a second copy of the build from another URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookFirstSlot, openPage, scriptPaths, startBrowser } from './helpers.mjs';

describe('two copies on one page', () => {
  let env;
  before(async () => {
    env = await startBrowser();
  });
  after(async () => {
    await env?.close();
  });

  test('nothing throws, the first copy owns the tags, and a patient can book', async () => {
    const { page, requests, errors, violations } = await openPage(env.context, `${env.origin}/examples/two-copies/`);
    const { appointment } = await bookFirstSlot(page);
    assert.equal(appointment.status, 'booked');
    const scripts = scriptPaths(requests, env.origin);
    // The same URL twice is one module, fetched and run once; the other URL is a second module.
    assert.equal(scripts.filter((path) => path === '/dist/careslot.js').length, 1);
    assert.equal(scripts.filter((path) => path === '/second-copy/careslot.js').length, 1);
    const copies = await page.evaluate(async () => {
      const first = await import('/dist/careslot.js');
      const second = await import('/second-copy/careslot.js');
      second.defineCareslot(); // again, by hand: still no error
      return {
        distinctModules: first.SlotPickerElement !== second.SlotPickerElement,
        firstOwnsTags: ['booking-provider', 'slot-picker', 'confirm-button', 'appointment-list'].every(
          (tag) => customElements.get(tag) === first[{ 'booking-provider': 'BookingProviderElement', 'slot-picker': 'SlotPickerElement', 'confirm-button': 'ConfirmButtonElement', 'appointment-list': 'AppointmentListElement' }[tag]],
        ),
      };
    });
    assert.deepEqual(copies, { distinctModules: true, firstOwnsTags: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(await violations(), []);
    await page.close();
  });
});
