#!/usr/bin/env node
// careslot against a raw-DOM baseline, in the same run, in the same Chromium, from the built files:
//
//   npm run build && npm run bench                 # 15 runs of each measure
//   npm run bench -- --runs 30 --cpu 4             # more runs, CPU slowed 4x (a mid-range phone)
//
// The baseline is what a hand-written widget must do at least: the same number of time buttons with the same
// Intl-formatted text, built with document.createElement, no framework, no data layer. Each line prints
// careslot's median, the baseline's median and their ratio against the goal:
//  - first slot painted, cold: navigation start → the first time button on screen, empty cache each run
//    (careslot: script tag + demo adapter; baseline: one small module); two reference lines split careslot's
//    time: careslot.js loaded with no element used, and the picker with an instant in-page provider;
//  - script for 5,000 slots: main-thread time from handing over 5,000 slots until every button is in the DOM
//    (list view: every button in the DOM, as the baseline), before layout and paint;
//  - choosing a time among 5,000: time from the click until the chosen time is marked in the DOM;
//  - long tasks (> 50 ms) while choosing a time or switching day with 5,000 slots in the range (calendar view).
// Timings depend on the machine; it reports and never fails. Not part of `npm test`.
import { chromium } from 'playwright';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveExamples } from '../examples/serve.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, cpu: { type: 'string', default: '1' } },
});
const runs = Number(values.runs);
const cpu = Number(values.cpu);
const SLOTS = 5000;

// 5,000 slots of one clinic over four weeks: five clinicians, two places, every 15 minutes from 8:00.
const MAKE_SLOTS = `
  function makeSlots(count) {
    const slots = [];
    const start = Date.parse('2026-03-02T13:00:00Z');
    for (let i = 0; i < count; i++) {
      const day = Math.floor(i / 180), k = i % 180, who = k % 5, t = start + day * 86400000 + Math.floor(k / 5) * 900000;
      slots.push({
        id: 's' + i, start: new Date(t).toISOString(), end: new Date(t + 900000).toISOString(),
        timeZone: 'America/New_York', mode: 'in-person',
        practitioner: { id: 'p' + who, name: 'Dr. Clinician ' + who },
        location: { id: 'l' + (who % 2), name: 'Site ' + (who % 2), timeZone: 'America/New_York' },
      });
    }
    return slots;
  }`;

const HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">`;
const FIRST_PAINT = `<script>
  (function check() {
    const root = document.querySelector('slot-picker')?.shadowRoot ?? document;
    if (root.querySelector('button.slot')) requestAnimationFrame(() => {
      window.__slotsAt = performance.now();
      console.log('careslot-bench: painted');
    });
    else setTimeout(check, 0);
  })();
</script>`;

const PAGES = {
  // careslot as a clinic page uses it: the script tag, the demo backend, the picker's default view.
  '/examples/__bench-careslot.html': `${HEAD}<script type="module" src="/dist/careslot.js"></script></head><body>
<booking-provider backend="demo" patient="demo-patient" now="2026-03-02T15:00:00Z"><slot-picker></slot-picker></booking-provider>
${FIRST_PAINT}</body></html>`,
  // The baseline of the first paint: the same number of buttons (?n=) with the same Intl text, by hand.
  '/examples/__bench-baseline.html': `${HEAD}</head><body><div id="times"></div>
<script type="module" src="/examples/__bench-baseline.js"></script>${FIRST_PAINT}</body></html>`,
  '/examples/__bench-baseline.js': `${MAKE_SLOTS}
  const n = Number(new URLSearchParams(location.search).get('n')) || 20;
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' });
  const root = document.getElementById('times');
  for (const slot of makeSlots(n)) {
    const b = document.createElement('button');
    b.className = 'slot';
    b.textContent = time.format(Date.parse(slot.start));
    root.append(b);
  }`,
  // Where careslot's first paint goes, for reference: careslot.js loaded and run but no element used (the
  // baseline's buttons after it), and the picker with an instant in-page provider (no adapter, no data work).
  '/examples/__bench-script-only.html': `${HEAD}<script type="module" src="/dist/careslot.js"></script></head><body>
<div id="times"></div><script type="module" src="/examples/__bench-baseline.js"></script>${FIRST_PAINT}</body></html>`,
  '/examples/__bench-instant.html': `${HEAD}<script type="module" src="/dist/careslot.js"></script></head><body>
<script type="module">
  ${MAKE_SLOTS}
  const slots = makeSlots(Number(new URLSearchParams(location.search).get('n')) || 20);
  const bp = document.createElement('booking-provider');
  bp.setAttribute('now', '2026-03-02T15:00:00Z');
  bp.provider = {
    backend: 'bench',
    capabilities: { findSlots: true, book: false, hold: false, cancel: false, confirm: false, reschedule: false, listAppointments: false },
    horizonDays: 30,
    findSlots: async (q) => slots.filter((s) => s.start >= q.start && s.start < q.end),
  };
  bp.append(document.createElement('slot-picker'));
  document.body.append(bp);
</script>${FIRST_PAINT}</body></html>`,
  // The in-page harness for the 5,000-slot measures: careslot with an instant provider, and the raw DOM.
  '/examples/__bench-many.html': `${HEAD}<script type="module" src="/dist/careslot.js"></script></head><body>
<div id="host"></div>
<script type="module">
  ${MAKE_SLOTS}
  const slots = makeSlots(${SLOTS});
  const provider = {
    backend: 'bench',
    capabilities: { findSlots: true, book: false, hold: false, cancel: false, confirm: false, reschedule: false, listAppointments: false },
    horizonDays: 60,
    findSlots: async (q) => slots.filter((s) => s.start >= q.start && s.start < q.end),
  };
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  // A yield without the 4 ms clamp of nested timers, to notice as soon as the DOM is complete.
  const channel = new MessageChannel();
  const tick = () => new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
  const soon = async (done, what) => {
    for (let i = 0; !done(); i++) {
      if (i > 200000) throw new Error('bench: ' + what + ' did not happen');
      await tick();
    }
  };
  /** Waits until done() is true; gives up after about ten seconds of frames. */
  const until = async (done, what) => {
    for (let i = 0; !done(); i++) {
      if (i > 600) throw new Error('bench: ' + what + ' did not happen');
      await settle();
    }
  };
  const buttons = (root) => [...root.querySelectorAll('button.slot')];
  window.careslot = async (view) => {
    const host = document.getElementById('host');
    host.innerHTML = '';
    const bp = document.createElement('booking-provider');
    bp.setAttribute('now', '2026-03-02T15:00:00Z');
    bp.provider = provider;
    const picker = document.createElement('slot-picker');
    picker.setAttribute('view', view);
    picker.setAttribute('start', '2026-03-02');
    picker.setAttribute('days', view === 'list' ? '28' : '7');
    bp.append(picker);
    const t0 = performance.now();
    host.append(bp);
    // Script only, as the baseline: the updates that follow the hand-over run as microtasks, and a frame
    // (layout and paint) would come between two tasks. Polling by tasks is the fallback.
    const shown = () => !!picker.shadowRoot?.querySelector('button.slot');
    for (let i = 0; i < 1000 && !shown(); i++) await picker.updateComplete;
    await soon(shown, 'times shown');
    await picker.updateComplete;
    const ms = performance.now() - t0;
    await settle();
    return { ms, buttons: buttons(picker.shadowRoot).length };
  };
  window.careslotChoose = async (index) => {
    const picker = document.querySelector('slot-picker');
    const target = buttons(picker.shadowRoot)[index];
    const t0 = performance.now();
    target.click();
    await soon(() => picker.value?.id === target.dataset.slotId, 'time chosen');
    await picker.updateComplete;
    const ms = performance.now() - t0;
    await settle();
    return ms;
  };
  window.careslotNextDay = async () => {
    const picker = document.querySelector('slot-picker');
    const before = picker.shadowRoot.querySelector('button.slot')?.dataset.slotId;
    // The month grid's day cells (td[data-date]); the chosen one has aria-selected, days without times aria-disabled.
    const days = [...picker.shadowRoot.querySelectorAll('td[data-date]:not([aria-disabled="true"])')];
    const current = days.findIndex((d) => d.getAttribute('aria-selected') === 'true');
    (days[current + 1] ?? days[0])?.click();
    await until(() => picker.shadowRoot.querySelector('button.slot')?.dataset.slotId !== before, 'day switched');
  };
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' });
  const date = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'America/New_York' });
  window.baseline = async () => {
    const host = document.getElementById('host');
    host.innerHTML = '';
    const t0 = performance.now();
    let day = '';
    let row;
    for (const slot of slots) {
      const ms = Date.parse(slot.start);
      const label = date.format(ms);
      if (label !== day) {
        day = label;
        row = document.createElement('div');
        const h = document.createElement('h3');
        h.textContent = label;
        host.append(h, row);
      }
      const b = document.createElement('button');
      b.className = 'slot';
      b.dataset.slotId = slot.id;
      b.setAttribute('aria-pressed', 'false');
      b.textContent = time.format(ms) + ' ' + slot.practitioner.name;
      b.addEventListener('click', () => {
        host.querySelector('[aria-pressed="true"]')?.setAttribute('aria-pressed', 'false');
        b.setAttribute('aria-pressed', 'true');
        document.title = 'Chosen: ' + b.textContent;
      });
      row.append(b);
    }
    const ms = performance.now() - t0;
    await settle();
    return { ms, buttons: buttons(host).length };
  };
  window.baselineChoose = async (index) => {
    const t0 = performance.now();
    buttons(document.getElementById('host'))[index].click();
    const ms = performance.now() - t0;
    await settle();
    return ms;
  };
  window.longTasks = [];
  new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
</script></body></html>`,
};

// Files go gzipped, as a clinic's web server sends them (careslot.js is about 119 kB raw, 37 kB gzipped).
const { origin, close } = await serveExamples({ cache: true, compress: true, pages: PAGES });
const browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });

async function newPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return page;
}

async function firstPaint(path) {
  const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  const page = await newPage(context);
  // The page reports the paint on the console: polling it from here would run the harness's own script in
  // the page while it loads (about 10 ms of main-thread work, on careslot's critical path but after the
  // baseline's paint).
  const painted = page.waitForEvent('console', {
    predicate: (m) => m.text() === 'careslot-bench: painted',
    timeout: 30_000,
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
  await painted;
  const result = await page.evaluate(() => ({
    at: window.__slotsAt,
    buttons: (document.querySelector('slot-picker')?.shadowRoot ?? document).querySelectorAll('button.slot').length,
  }));
  await context.close();
  return result;
}

const median = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// 1. First slot painted, cold: the two pages take turns (a slower stretch of the machine hits both), after one
// load of each that is not counted (the browser's own first start-up).
const shown = (await firstPaint('/examples/__bench-careslot.html')).buttons;
await firstPaint(`/examples/__bench-baseline.html?n=${shown}`);
const careslotPaint = [];
const baselinePaint = [];
const scriptOnlyPaint = [];
const instantPaint = [];
for (let i = 0; i < runs; i++) {
  careslotPaint.push(await firstPaint('/examples/__bench-careslot.html'));
  baselinePaint.push(await firstPaint(`/examples/__bench-baseline.html?n=${shown}`));
  scriptOnlyPaint.push(await firstPaint(`/examples/__bench-script-only.html?n=${shown}`));
  instantPaint.push(await firstPaint(`/examples/__bench-instant.html?n=${shown}`));
}

// 2–4. 5,000 slots in one page.
const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
const page = await newPage(context);
await page.goto(`${origin}/examples/__bench-many.html`);
await page.waitForFunction(() => typeof window.baseline === 'function' && customElements.get('slot-picker'));
const render = { careslot: [], baseline: [] };
const choose = { careslot: [], list: [], baseline: [] };
let listButtons = 0;
for (let i = 0; i < runs; i++) {
  const c = await page.evaluate(() => window.careslot('list'));
  listButtons = c.buttons;
  render.careslot.push(c.ms);
  choose.list.push(await page.evaluate((k) => window.careslotChoose(k), 100 + i));
  render.baseline.push((await page.evaluate(() => window.baseline())).ms);
  choose.baseline.push(await page.evaluate((k) => window.baselineChoose(k), 100 + i));
}
// The calendar view (the default): 5,000 slots handed over (grouped, days marked, one day's times in the DOM),
// then choosing times and switching days, and every long task while doing so.
const calendar = [];
for (let i = 0; i < runs; i++) calendar.push((await page.evaluate(() => window.careslot('calendar'))).ms);
await page.evaluate(() => (window.longTasks.length = 0));
for (let i = 0; i < runs; i++) {
  choose.careslot.push(await page.evaluate((k) => window.careslotChoose(k), i % 10));
  await page.evaluate(() => window.careslotNextDay());
}
const longTasks = await page.evaluate(() => window.longTasks);
await context.close();
await browser.close();
await close();

const ms = (value) => `${value.toFixed(1)} ms`.padStart(9);
const line = (name, careslot, baseline, goal) => {
  const ratio = careslot / baseline;
  const verdict = ratio <= goal ? 'within goal' : 'OVER GOAL';
  console.log(
    `${name.padEnd(44)} careslot ${ms(careslot)}  baseline ${ms(baseline)}  ${ratio.toFixed(2)}x (goal ≤ ${goal}x, ${verdict})`,
  );
};
console.log(`careslot vs a raw-DOM baseline, same run, Chromium, ${runs} runs each, CPU ${cpu}x, medians`);
line(
  `first slot painted, cold (${shown} buttons)`,
  median(careslotPaint.map((s) => s.at)),
  median(baselinePaint.map((s) => s.at)),
  1.5,
);
const reference = (name, samples) => {
  const value = median(samples.map((sample) => sample.at));
  const ratio = value / median(baselinePaint.map((sample) => sample.at));
  console.log(
    `${('  ' + name).padEnd(44)} careslot ${ms(value)}  ${ratio.toFixed(2)}x of the baseline (for reference)`,
  );
};
reference('of which careslot.js alone, no element', scriptOnlyPaint);
reference('the picker, an instant in-page provider', instantPaint);
line(`script for ${SLOTS} slots (calendar, the default)`, median(calendar), median(render.baseline), 2);
line(`script for ${SLOTS} slots (list, ${listButtons} buttons)`, median(render.careslot), median(render.baseline), 2);
line(`choosing a time among ${SLOTS} (calendar)`, median(choose.careslot), median(choose.baseline), 1.5);
line(`choosing a time among ${SLOTS} (list, for reference)`, median(choose.list), median(choose.baseline), 1.5);
const longest = longTasks.length ? Math.max(...longTasks) : 0;
console.log(
  `${'long tasks choosing / switching day (calendar)'.padEnd(44)} ${longTasks.length} over 50 ms` +
    (longTasks.length ? `, longest ${ms(longest)} (goal: none)` : ' (goal: none, within goal)'),
);
