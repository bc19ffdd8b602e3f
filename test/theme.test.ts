// `theme` on <booking-provider>: dark tokens for `dark`, the reader's colour scheme for `auto`, the page's
// own --careslot-color-* on top; forced colours (Windows High Contrast) keep every state visible.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, one, until } from './helpers.js';

type Rgba = [number, number, number, number];

function parse(color: string): Rgba {
  const m = color.match(/rgba?\(([^)]+)\)/);
  if (!m) throw new Error(`not an rgb() colour: ${color}`);
  const [r, g, b, a = '1'] = m[1].split(/[,\s/]+/).filter(Boolean);
  return [Number(r), Number(g), Number(b), Number(a)];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio. */
function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The parent in the flat tree: a shadow root's host, else the parent element. */
function flatParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The first opaque background behind an element (its own, its ancestors', the canvas white). */
function background(el: Element): Rgba {
  for (let node: Element | null = el; node; node = flatParent(node)) {
    const color = parse(getComputedStyle(node).backgroundColor);
    if (color[3] > 0) return color;
  }
  return [255, 255, 255, 1];
}

function ratio(el: Element): number {
  return contrast(parse(getComputedStyle(el).color), background(el));
}

function demo() {
  return new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
}

/** A dark page around a themed provider with a calendar picker (chosen day's times shown). */
async function page(theme: string | undefined, style = '') {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="background: #000; color: #ddd; padding: 1em; ${style}">
      <booking-provider theme=${theme ?? ''} patient="demo-patient" now=${NOW} locale="en-US" .provider=${demo()}>
        <h2 class="page-heading">Book a visit</h2>
        <slot-picker practitioner="ruiz"></slot-picker>
        <confirm-button></confirm-button>
      </booking-provider>
    </div>`,
  );
  const root = wrapper.querySelector('booking-provider')!;
  if (theme === undefined) root.removeAttribute('theme');
  const picker = root.querySelector<SlotPickerElement>('slot-picker')!;
  await until(() => all(picker, 'button.slot').length > 0, 'the chosen day shows its times');
  return { wrapper, root, picker, button: root.querySelector('confirm-button')! };
}

/** The text the brief names, with the contrast of each. */
function ratios(picker: Element) {
  return {
    rangeLabel: ratio(one(picker, '[part="range-label"]')),
    dayLabel: ratio(one(picker, '[part="day-label"]')),
    timeButton: ratio(all(picker, 'button.slot')[0]),
    weekday: ratio(one(picker, '[part="weekday"]')),
    noTimesDay: ratio(one(picker, '.date[aria-disabled="true"]')),
  };
}

function expectAA(found: Record<string, number>): void {
  for (const [name, value] of Object.entries(found))
    expect(value, `${name}: ${value.toFixed(2)}:1`).to.be.at.least(4.5);
}

describe('theme on <booking-provider>', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  });

  it('reflects the theme property to the attribute', async () => {
    const { root } = await page('light');
    root.theme = 'dark';
    await root.updateComplete;
    expect(root.getAttribute('theme')).to.equal('dark');
  });

  it('without a theme, keeps the light colours of today', async () => {
    const { picker } = await page(undefined, 'background: #fff; color: #000');
    expect(getComputedStyle(one(picker, '[part="range-label"]')).color).to.equal('rgb(31, 36, 48)');
    expect(getComputedStyle(picker).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  });

  it('theme="dark": range label, day labels, times and muted text reach 4.5:1 on a dark page', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { picker, button } = await page('dark');
    const found = ratios(picker);
    expectAA(found);
    expect(found.rangeLabel).to.be.above(10);
    const book = one(button, 'button[part="button"]');
    expect(ratio(book), 'confirm button').to.be.at.least(4.5);
  });

  it('theme="auto" follows prefers-color-scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { picker } = await page('auto');
    expectAA(ratios(picker));
    expect(getComputedStyle(one(picker, '[part="range-label"]')).color).not.to.equal('rgb(31, 36, 48)');

    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(one(picker, '[part="range-label"]')).color).to.equal('rgb(31, 36, 48)');
  });

  it("the page's --careslot-color-* values win over the theme", async () => {
    const { picker } = await page(
      'dark',
      '--careslot-color-text: rgb(250, 240, 200); --careslot-color-primary: rgb(255, 200, 0)',
    );
    expect(getComputedStyle(one(picker, '[part="range-label"]')).color).to.equal('rgb(250, 240, 200)');
    const slot = all(picker, 'button.slot')[0];
    slot.click();
    await picker.updateComplete;
    expect(getComputedStyle(one(picker, '[part~="slot-selected"]')).backgroundColor).to.equal('rgb(255, 200, 0)');
    // Tokens the page does not set still come from the theme.
    expect(getComputedStyle(slot).borderColor).to.not.equal('rgb(197, 202, 211)');
  });

  it("leaves the provider's own light-DOM content to the page", async () => {
    const { root, wrapper } = await page('dark', 'font-family: Georgia, serif');
    const heading = root.querySelector('h2')!;
    expect(getComputedStyle(heading).fontFamily).to.equal(getComputedStyle(wrapper).fontFamily);
    expect(getComputedStyle(heading).color).to.equal('rgb(221, 221, 221)');
    expect(getComputedStyle(root).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  });

  it('passes axe in dark and in auto under a dark scheme', async () => {
    const dark = await page('dark');
    all(dark.picker, 'button.slot')[0].click();
    await dark.picker.updateComplete;
    await expect(dark.picker).to.be.accessible();
    await expect(dark.button).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    const auto = await page('auto');
    await expect(auto.picker).to.be.accessible();
  });
});

describe('forced colours (Windows High Contrast)', () => {
  afterEach(async () => {
    await emulateMedia({ forcedColors: 'none' });
  });

  /** A system colour as Chromium resolves it now. */
  function systemColor(name: string): string {
    const probe = document.createElement('span');
    probe.style.color = name;
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }

  /** What stays visible in forced colours: the colours the system shows, the border, the outline. */
  function look(el: Element) {
    const s = getComputedStyle(el);
    return {
      color: s.color,
      background: s.backgroundColor,
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      outline: `${s.outlineWidth} ${s.outlineStyle}`,
    };
  }

  it('the chosen time differs from the others by more than its background; focus shows a ring', async () => {
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const { picker } = await page('dark');
    const [first, second] = all(picker, 'button.slot');
    first.click();
    await picker.updateComplete;
    const chosen = look(one(picker, '[part~="slot-selected"]'));
    const other = look(second);
    expect(chosen.border, 'border').to.not.equal(other.border);
    expect(chosen.color, 'text colour').to.not.equal(other.color);

    // A key press first, so the programmatic focus below is keyboard focus (:focus-visible).
    await sendKeys({ press: 'Shift' });
    second.focus();
    expect(second.matches(':focus-visible'), 'focus-visible').to.equal(true);
    const ring = getComputedStyle(second);
    expect(ring.outlineStyle).to.equal('solid');
    expect(ring.outlineWidth).to.equal('3px');
    expect(ring.outlineColor).to.equal(systemColor('Highlight'));
  });

  it('marks days with times apart from days without, disabled in GrayText, errors with a border', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const { picker } = await page(undefined);
    const withTimes = look(one(picker, '[part~="date-available"]:not([part~="date-selected"])'));
    const without = look(one(picker, '.date[aria-disabled="true"]:not(.out)'));
    expect(withTimes.border).to.not.equal(without.border);
    expect(withTimes.color).to.not.equal(without.color);
    const earlier = one(picker, '[part="nav-button"][aria-disabled="true"]');
    expect(getComputedStyle(earlier).color).to.equal(systemColor('GrayText'));
  });
});

describe('forced colours: an error message keeps a frame', () => {
  afterEach(async () => {
    await emulateMedia({ forcedColors: 'none' });
  });

  it('the picker error has a 2px border', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const failing = new DemoProvider({
      options: { failures: { findSlots: 'upstream-unavailable', findAvailability: 'upstream-unavailable' } },
      now: () => new Date(NOW),
    });
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider now=${NOW} .provider=${failing}>
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="2"></slot-picker>
      </booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => picker.shadowRoot?.querySelector('[data-state="error"]'), 'error');
    const s = getComputedStyle(one(picker, '[data-state="error"]'));
    expect(s.borderTopWidth).to.equal('2px');
    expect(s.borderTopStyle).to.equal('solid');
  });
});
