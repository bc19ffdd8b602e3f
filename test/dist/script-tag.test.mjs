// examples/script-tag/ from the built dist/careslot.js: one script tag, markup, a JSON options child and a
// small inline script; the page downloads only the adapter it names.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookFirstSlot, distFiles, openPage, scriptPaths, startBrowser } from './helpers.mjs';

describe('script tag (dist/careslot.js)', () => {
  let env;
  before(async () => {
    env = await startBrowser();
  });
  after(async () => {
    await env?.close();
  });

  test('a patient books an appointment on the example page', async () => {
    const { page, errors } = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    const { appointment, text } = await bookFirstSlot(page);
    assert.match(appointment.id, /\S/);
    assert.equal(appointment.status, 'booked');
    assert.match(appointment.start, /^\d{4}-\d\d-\d\dT.*Z$/);
    assert.match(text, /^Booked: /);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('with backend="demo" the page requests the entry, its static imports and the demo chunk only', async () => {
    const { entry, adapters } = distFiles('dist');
    const demo = adapters.find((adapter) => adapter.backend === 'demo');
    assert.ok(demo, 'the build has a lazy demo adapter chunk');
    const { page, requests } = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    await bookFirstSlot(page);
    const loaded = scriptPaths(requests, env.origin).sort();
    const expected = [...entry, ...demo.files].map((file) => `/dist/${file}`).sort();
    assert.deepEqual(loaded, expected);
    for (const other of adapters.filter((adapter) => adapter.backend !== 'demo')) {
      assert.ok(!loaded.includes(`/dist/${other.chunk}`), `the ${other.backend} adapter was not downloaded`);
    }
    await page.close();
  });

  test('careslot.js is one file; a language is one chunk of texts, fetched when a page switches to it', async () => {
    const { entry, locales } = distFiles('dist');
    assert.deepEqual(entry, ['careslot.js'], 'the script tag costs one request before the adapter');
    const { page, requests } = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    await page.locator('confirm-button button[part="button"]').waitFor();
    assert.ok(!scriptPaths(requests, env.origin).some((path) => path.includes('/locale-')), 'no language fetched');
    await page.evaluate(() => document.querySelector('booking-provider').setAttribute('locale', 'es-US'));
    await page.locator('confirm-button button[part="button"]', { hasText: 'Reservar cita' }).waitFor();
    const es = locales.find((l) => l.locale === 'es');
    assert.deepEqual(
      scriptPaths(requests, env.origin).filter((path) => path.includes('/locale-')),
      es.files.map((file) => `/dist/${file}`),
    );
    await page.close();
  });

  test('options set by an inline script before careslot.js reach the element through its property', async () => {
    const { page } = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    await page.locator('slot-picker button.slot').first().waitFor({ timeout: 10_000 });
    const state = await page.evaluate(() => {
      const booking = document.getElementById('booking');
      return {
        upgraded: booking instanceof customElements.get('booking-provider'),
        // Lit took the value set before the upgrade into its reactive property (no shadowing own property).
        ownProperty: Object.prototype.hasOwnProperty.call(booking, 'options'),
        getToken: typeof booking.options?.getToken,
      };
    });
    assert.deepEqual(state, { upgraded: true, ownProperty: false, getToken: 'function' });
    await page.close();
  });

  test('static options come from a <script type="application/json"> child', async () => {
    const page = await env.context.newPage();
    // A page of the same origin with only markup: the JSON asks the demo clinic for no free times.
    await page.route(`${env.origin}/examples/json-options.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><script type="module" src="/dist/careslot.js"></script></head><body>
          <booking-provider backend="demo" patient="demo-patient">
            <script type="application/json">{ "noSlots": true }</script>
            <slot-picker days="3"></slot-picker>
          </booking-provider></body></html>`,
      }),
    );
    await page.goto(`${env.origin}/examples/json-options.html`);
    const status = page.locator('slot-picker [part="status"][data-state="empty"]');
    await status.waitFor({ timeout: 10_000 });
    assert.match(await status.textContent(), /No times available/);
    await page.close();
  });

  test('exports the element classes and registerBackend next to the registered elements', async () => {
    const { page } = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    const result = await page.evaluate(async () => {
      const careslot = await import('/dist/careslot.js');
      return {
        sameClass: careslot.SlotPickerElement === customElements.get('slot-picker'),
        backends: careslot.registeredBackends(),
        error: new careslot.BookingError('network', 'x').kind,
      };
    });
    assert.equal(result.sameClass, true);
    assert.ok(result.backends.includes('demo'));
    assert.equal(result.error, 'network');
    await page.close();
  });

  test('the rarer elements are lazy chunks, fetched only once their tag is in the page', async () => {
    const { elements } = distFiles('dist');
    const filter = elements.find((element) => element.tag === 'visit-filter');
    assert.ok(filter, 'the build has a lazy <visit-filter> chunk');
    // The example page has no <visit-filter>: its chunk is never requested.
    const plain = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    await bookFirstSlot(plain.page);
    assert.ok(!scriptPaths(plain.requests, env.origin).includes(`/dist/${filter.chunk}`));
    await plain.page.close();
    // A page that adds one later (as a framework would) gets it registered and rendered from its chunk.
    const { page, requests, errors } = await openPage(env.context, `${env.origin}/examples/script-tag/`);
    await page.locator('slot-picker button.slot').first().waitFor({ timeout: 10_000 });
    const before = await page.evaluate(() => !!customElements.get('visit-filter'));
    await page.evaluate(() => document.getElementById('booking').prepend(document.createElement('visit-filter')));
    await page.locator('visit-filter select').first().waitFor({ timeout: 10_000 });
    assert.equal(before, false);
    assert.ok(scriptPaths(requests, env.origin).includes(`/dist/${filter.chunk}`));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
