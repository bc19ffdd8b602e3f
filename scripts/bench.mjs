#!/usr/bin/env node
// Time to slots rendered: how long a page with the script tag takes until the first free time is on
// screen, for the demo backend (no network latency of its own), from the built dist/careslot.js.
//
//   npm run build && npm run bench                 # 20 cold and 20 warm loads
//   npm run bench -- --runs 50 --cpu 4             # more runs, CPU slowed 4x (a mid-range phone)
//
// Cold: a fresh browser context each run (empty HTTP cache). Warm: reloads in one context, files from the
// HTTP cache. The page is served over local HTTP (uncompressed) by examples/serve.mjs. The clock is the
// page's performance.now() (from navigation start) when the first slot button exists in <slot-picker>'s
// shadow root, polled every ~4 ms. Not part of `npm test`: timings depend on the machine, so it reports and never fails.
import { chromium } from 'playwright';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveExamples } from '../examples/serve.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, cpu: { type: 'string', default: '1' } },
});
const runs = Number(values.runs);
const cpu = Number(values.cpu);

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<link rel="icon" href="data:,">
<script type="module" src="/dist/careslot.js"></script></head><body>
<booking-provider backend="demo" patient="demo-patient"><slot-picker days="7"></slot-picker></booking-provider>
<script>
  (function check() {
    const slot = document.querySelector('slot-picker')?.shadowRoot?.querySelector('button.slot');
    if (slot) window.__slotsAt = performance.now();
    else setTimeout(check, 0);
  })();
</script></body></html>`;

// The page comes from the server, not page.route(): routing in Playwright turns the HTTP cache off.
const { origin, close } = await serveExamples({ cache: true, pages: { '/examples/__bench.html': PAGE } });
const browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });

async function load(page) {
  await page.goto(`${origin}/examples/__bench.html`);
  await page.waitForFunction(() => window.__slotsAt !== undefined, null, { timeout: 30_000, polling: 50 });
  return page.evaluate(() => ({
    slots: window.__slotsAt,
    dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    bytes: performance.getEntriesByType('resource').reduce((sum, entry) => sum + entry.transferSize, 0),
  }));
}

async function preparePage(context) {
  const page = await context.newPage();
  if (cpu > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  return page;
}

const cold = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  cold.push(await load(await preparePage(context)));
  await context.close();
}
const warm = [];
const context = await browser.newContext();
const page = await preparePage(context);
await load(page);
for (let i = 0; i < runs; i++) warm.push(await load(page));
await context.close();
await browser.close();
await close();

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted.at(-1) };
};
const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`careslot time to slots rendered, demo backend, dist/careslot.js (${runs} runs each, CPU ${cpu}x)`);
for (const [name, samples] of [
  ['cold', cold],
  ['warm', warm],
]) {
  const s = stats(samples.map((sample) => sample.slots));
  const d = stats(samples.map((sample) => sample.dcl));
  console.log(
    `  ${name}: median ${ms(s.median)}, p90 ${ms(s.p90)}, min ${ms(s.min)}, max ${ms(s.max)}` +
      `  (DOMContentLoaded median ${ms(d.median)}; bytes transferred ${samples[0].bytes})`,
  );
}
