// The static Storybook (`npm run build-storybook`): stories must render from the production build too.
// The story tests run against the dev server, which keeps every module; a production build drops modules
// that package.json's `sideEffects` does not list, which once left every element unregistered.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };

describe('static Storybook build', () => {
  let out, server, origin, browser;
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'careslot-storybook-'));
    execFileSync('npx', ['storybook', 'build', '-o', out, '--quiet'], { stdio: 'ignore', timeout: 240_000 });
    server = createServer((req, res) => {
      const path = normalize(join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
      if (!path.startsWith(out) || !existsSync(path) || !statSync(path).isFile()) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
      createReadStream(path).pipe(res);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('a story registers the elements and shows bookable times', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/iframe.html?id=elements-slot-picker--slots&viewMode=story`);
    await page.waitForFunction(() => document.querySelector('slot-picker')?.shadowRoot?.querySelector('button.slot'), null, { timeout: 20_000 });
    assert.equal(await page.evaluate(() => ['booking-provider', 'slot-picker', 'confirm-button', 'appointment-list'].every((tag) => customElements.get(tag))), true);
    assert.deepEqual(errors, []);
  });
});
