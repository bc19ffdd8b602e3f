import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import type { TimeZoneSelectElement } from '../src/elements/time-zone-select/time-zone-select.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, nextEvent, one, slotNames, until } from './helpers.js';

// The test browser runs in America/Los_Angeles, en-US; the clock is Monday 2 March 2026 (PST, Adelaide on DST).

async function mount(value?: string) {
  const provider = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider now=${NOW} locale="en-US" .provider=${provider}>
      <time-zone-select value=${ifDefined(value)}></time-zone-select>
      <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
    </booking-provider>`,
  );
  const el = root.querySelector('time-zone-select')!;
  const picker = root.querySelector('slot-picker')!;
  await until(() => slotNames(picker).length > 0, 'no slots');
  await el.updateComplete;
  return { root, el, picker };
}

const input = (el: Element) => one<HTMLInputElement>(el, 'input[role="combobox"]');
const optionTexts = (el: Element) => all(el, '[role="option"]').map((o) => fold(o.textContent));
const activeText = (el: Element) => {
  const id = input(el).getAttribute('aria-activedescendant');
  return id ? fold(one(el, `#${id}`).textContent) : undefined;
};
/** The accessible names of Dr. Ruiz's first in-person (9:00 EST) and first video (1:00 PM EST) times. */
const ruizNames = (picker: Element) => {
  const names = slotNames(picker);
  return { inPerson: names[0], video: names.find((n) => n.endsWith('Video visit'))! };
};

/** Focuses the field by keyboard and types, as a patient does. */
async function typeIn(el: TimeZoneSelectElement, text: string): Promise<void> {
  input(el).focus();
  input(el).select();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<time-zone-select>', () => {
  it("shows the browser's zone by default, with its current offset and city, labelled", async () => {
    const { el } = await mount();
    expect(el.value).to.equal('America/Los_Angeles');
    expect(input(el).value).to.equal('(UTC\u221208:00) Los Angeles');
    expect(input(el).labels?.[0].textContent).to.equal('Your time zone');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('takes `value` as the patient zone of the whole provider: video times move to it', async () => {
    const { el, picker } = await mount('Australia/Adelaide');
    expect(input(el).value).to.equal('(UTC+10:30) Adelaide');
    await until(() => ruizNames(picker).video.startsWith('4:30 AM GMT+10:30'), 'video time in Adelaide');
  });

  it('finds a zone by typing, highlights the first match, Enter chooses it: "your time" follows', async () => {
    const { el, picker } = await mount();
    expect(ruizNames(picker).video).to.match(/^10:00 AM PST, Tuesday, March 3, 2026, 1:00 PM clinic time \(EST\)/);
    expect(ruizNames(picker).inPerson).to.contain('6:00 AM your time');
    await typeIn(el, 'london');
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(optionTexts(el)).to.deep.equal(['(UTC+00:00) London']);
    expect(activeText(el)).to.equal('(UTC+00:00) London');
    expect(one(el, '[role="status"]').textContent).to.contain('1 time zone found.');
    await expect(el).to.be.accessible();
    const changed = nextEvent<{ timeZone: string }>(document, 'time-zone-change');
    await sendKeys({ press: 'Enter' });
    expect(await changed).to.deep.equal({ timeZone: 'Europe/London' });
    expect(el.value).to.equal('Europe/London');
    expect(input(el).value).to.equal('(UTC+00:00) London');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    await until(() => ruizNames(picker).video.startsWith('6:00 PM GMT'), 'video time in London');
    expect(ruizNames(picker).video).to.contain('1:00 PM clinic time (EST)');
    expect(ruizNames(picker).inPerson).to.contain('2:00 PM your time');
  });

  it('works by keyboard: arrows open at the chosen zone and move, Escape backs out without a change', async () => {
    const { el } = await mount('America/New_York');
    let changes = 0;
    el.addEventListener('time-zone-change', () => changes++);
    input(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(activeText(el)).to.equal('(UTC\u221205:00) New York');
    expect(optionTexts(el).length).to.be.greaterThan(300);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const next = activeText(el);
    expect(next).to.match(/^\(UTC\u221205:00\)/);
    expect(next).not.to.equal('(UTC\u221205:00) New York');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).value).to.equal('(UTC\u221205:00) New York');
    // Typing, then Escape: back to the chosen zone.
    await typeIn(el, 'tok');
    expect(optionTexts(el)).to.include('(UTC+09:00) Tokyo');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('(UTC\u221205:00) New York');
    // Down from the typed matches, then Enter takes the highlighted one.
    await typeIn(el, 'europe/');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const second = optionTexts(el)[1];
    expect(activeText(el)).to.equal(second);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).value).to.equal(second);
    expect(changes).to.equal(1);
  });

  it('matches by region, offset and accents; says when nothing matches', async () => {
    const { el } = await mount();
    await typeIn(el, '+5:30');
    expect(optionTexts(el).every((t) => t.startsWith('(UTC+05:30)'))).to.equal(true);
    expect(optionTexts(el).length).to.be.greaterThan(0);
    await typeIn(el, 'são paulo');
    expect(optionTexts(el)).to.deep.equal(['(UTC\u221203:00) Sao Paulo']);
    await typeIn(el, 'america new');
    expect(optionTexts(el)).to.include('(UTC\u221205:00) New York');
    await typeIn(el, 'atlantis');
    expect(all(el, '[role="option"]')).to.have.length(0);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(fold(one(el, '[part="empty"]').textContent)).to.equal('No time zone matches.');
    expect(one(el, '[role="status"]').textContent).to.contain('No time zone matches.');
    await expect(el).to.be.accessible();
    // Enter with nothing to take changes nothing.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.equal('America/Los_Angeles');
  });

  it('chooses with a click; the field keeps focus while the list is used', async () => {
    const { el } = await mount();
    await typeIn(el, 'adelaide');
    const changed = nextEvent<{ timeZone: string }>(el, 'time-zone-change');
    const option = all(el, '[role="option"]')[0];
    option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, composed: true }));
    option.click();
    expect((await changed).timeZone).to.equal('Australia/Adelaide');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    // Leaving the field closes the list.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    input(el).blur();
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('works outside a <booking-provider>: its own value, the event still fires', async () => {
    const el = await fixture<TimeZoneSelectElement>(html`<time-zone-select value="Asia/Tokyo"></time-zone-select>`);
    expect(input(el).value).to.equal(`(UTC+09:00) Tokyo`);
    el.value = 'not/a-zone';
    await el.updateComplete;
    expect(el.value).to.equal('America/Los_Angeles');
  });
});
