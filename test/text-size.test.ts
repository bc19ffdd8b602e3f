// The reader's text settings reach careslot: the browser's default font size (`medium`), a page that opts
// into its root size, text-spacing overrides (WCAG 1.4.12); and <booking-provider> leaves the page's own
// content inside it alone.
import { expect, fixture, html } from '@open-wc/testing';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, one, until } from './helpers.js';

function demo() {
  return new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
}

async function clinic(style = '') {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${style}>
      <booking-provider patient="demo-patient" now=${NOW} locale="en-US" .provider=${demo()}>
        <h2>Book a visit</h2>
        <slot-picker practitioner="ruiz"></slot-picker>
        <confirm-button></confirm-button>
      </booking-provider>
    </div>`,
  );
  const root = wrapper.querySelector<BookingProviderElement>('booking-provider')!;
  const picker = root.querySelector('slot-picker')!;
  const button = root.querySelector('confirm-button')!;
  await until(() => all(picker, 'button.slot').length > 0, 'the chosen day shows its times');
  await button.updateComplete;
  return { wrapper, root, picker, button };
}

/** The computed sizes of the text the brief names. */
function sizes(picker: Element, button: Element) {
  return {
    time: getComputedStyle(all(picker, 'button.slot')[0]).fontSize,
    book: getComputedStyle(one(button, 'button[part="button"]')).fontSize,
  };
}

/** What `medium`, the browser's default font size, is in this browser (16px unless the reader changed it). */
function browserDefault(): string {
  const probe = document.createElement('div');
  probe.style.fontSize = 'medium';
  document.body.append(probe);
  const value = getComputedStyle(probe).fontSize;
  probe.remove();
  return value;
}

describe('text size and spacing', () => {
  afterEach(() => {
    document.documentElement.style.removeProperty('font-size');
    document.getElementById('text-spacing')?.remove();
  });

  it("defaults to the browser's font size, not a fixed 16px, whatever the page's root size", async () => {
    const { picker, button } = await clinic();
    expect(sizes(picker, button)).to.deep.equal({ time: browserDefault(), book: browserDefault() });
    // A page that shrinks its root (62.5% rem tricks) or pins it does not shrink careslot.
    document.documentElement.style.fontSize = '10px';
    expect(sizes(picker, button)).to.deep.equal({ time: browserDefault(), book: browserDefault() });
  });

  it('--careslot-font-size: 1rem follows a 32px root (a page text-size control, a 32px browser default)', async () => {
    document.documentElement.style.fontSize = '32px';
    const { picker, button } = await clinic('--careslot-font-size: 1rem');
    expect(sizes(picker, button)).to.deep.equal({ time: '32px', book: '32px' });
    // Every size inside is relative: the day label and the smaller zone text scale with it.
    expect(getComputedStyle(one(picker, '[part="day-label"]')).fontSize).to.equal('32px');
    expect(parseFloat(getComputedStyle(one(picker, '.zone')).fontSize)).to.be.closeTo(32 * 0.8, 0.01);
  });

  it('a host <h2> inside <booking-provider> keeps the page font, size and colour', async () => {
    const { root, wrapper } = await clinic('font-family: Georgia, serif; color: rgb(90, 20, 20); font-size: 20px');
    const heading = getComputedStyle(root.querySelector('h2')!);
    const page = getComputedStyle(wrapper);
    expect(heading.fontFamily).to.equal(page.fontFamily);
    expect(heading.color).to.equal('rgb(90, 20, 20)');
    expect(heading.fontSize).to.equal('30px'); // the UA's 1.5em of the page's 20px
    expect(heading.lineHeight).to.equal('normal');
  });

  it('a text-spacing override (WCAG 1.4.12 bookmarklet) reaches the text', async () => {
    const style = document.createElement('style');
    style.id = 'text-spacing';
    style.textContent =
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }';
    document.head.append(style);
    const { picker, button } = await clinic();
    const px = parseFloat(browserDefault());
    for (const [name, el] of [
      ['time button', all(picker, 'button.slot')[0]],
      ['day label', one(picker, '[part="day-label"]')],
      ['book button', one(button, 'button[part="button"]')],
    ] as const) {
      const s = getComputedStyle(el);
      expect(parseFloat(s.letterSpacing), `${name} letter-spacing`).to.be.closeTo(0.12 * px, 0.01);
      expect(parseFloat(s.wordSpacing), `${name} word-spacing`).to.be.closeTo(0.16 * px, 0.01);
    }
    expect(parseFloat(getComputedStyle(one(picker, '[part="day-label"]')).lineHeight)).to.be.closeTo(1.5 * px, 0.01);
  });

  it('a letter-spacing set on the host element reaches its text', async () => {
    const { picker } = await clinic();
    picker.style.letterSpacing = '2px';
    expect(getComputedStyle(one(picker, '.time')).letterSpacing).to.equal('2px');
    expect(getComputedStyle(one(picker, '[part="range-label"]')).letterSpacing).to.equal('2px');
  });

  it('page CSS still cannot restyle the type inside (fonts, colour, case)', async () => {
    const medium = browserDefault();
    const style = document.createElement('style');
    style.id = 'text-spacing';
    style.textContent =
      "* { font-family: 'Comic Sans MS', cursive !important; color: red !important; font-size: 40px !important; text-transform: uppercase !important; }";
    document.head.append(style);
    const { picker } = await clinic();
    const time = getComputedStyle(one(picker, '.time'));
    expect(time.fontFamily).to.not.include('Comic Sans');
    expect(time.color).to.equal('rgb(31, 36, 48)');
    expect(time.fontSize).to.equal(medium);
    expect(time.textTransform).to.equal('none');
  });
});
