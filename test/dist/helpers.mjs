// Shared by the node:test files in test/dist/: the example server, Chromium, and the booking flow a
// patient goes through on every example page. They test the *built* files (scripts/test-dist.mjs builds
// first), served over HTTP by examples/serve.mjs.
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { distFiles } from '../../scripts/dist-files.mjs';
import { serveExamples } from '../../examples/serve.mjs';

export { distFiles };

/** Starts the example server and Chromium; call the returned close() in after(). */
export async function startBrowser() {
  const server = await serveExamples();
  const browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  return {
    origin: server.origin,
    context,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens a page and records what happens on it: every request, uncaught errors, console errors and
 * Content-Security-Policy violations (listened for before any page script runs).
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`);
    });
  });
  const response = await page.goto(url);
  return { page, response, requests, errors, violations: () => page.evaluate(() => window.__violations) };
}

/**
 * What a patient does: wait for times, choose the first, press Book, read the confirmation. Returns the
 * booked appointment (from the `booking-confirmed` event) and the confirmation text.
 */
export async function bookFirstSlot(page) {
  const slot = page.locator('slot-picker button.slot').first();
  await slot.waitFor({ timeout: 10_000 });
  const booked = page.evaluate(
    () =>
      new Promise((resolve) =>
        document.addEventListener('booking-confirmed', (event) => resolve(event.detail.appointment), { once: true }),
      ),
  );
  const items = page.locator('appointment-list li[part="item"]');
  await page.locator('appointment-list [part="list"], appointment-list [part="status"]:not([data-state="loading"])').first().waitFor({ timeout: 10_000 });
  const before = await items.count();
  await slot.click();
  await page.locator('confirm-button button[part="button"]').click();
  const message = page.locator('confirm-button [part="status"].success');
  await message.waitFor({ timeout: 10_000 });
  const appointment = await booked;
  // The new appointment shows up in the list (the provider refreshes every element under it).
  await poll(page, (count) => document.querySelector('appointment-list')?.shadowRoot?.querySelectorAll('li[part="item"]').length > count, before);
  return { appointment, text: (await message.textContent()).trim() };
}

/**
 * Polls a predicate in the page until it is true. (page.waitForFunction compiles its predicate with
 * eval inside the page, which a strict CSP refuses; page.evaluate goes through the DevTools protocol.)
 */
export async function poll(page, predicate, arg, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Paths (relative to the server) of the script requests, without query strings. */
export function scriptPaths(requests, origin) {
  return requests
    .filter((url) => url.startsWith(origin) && url.endsWith('.js'))
    .map((url) => new URL(url).pathname);
}
