import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SlotQuery } from '../src/core/model.js';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, mountProvider, nextEvent, one, text, until } from './helpers.js';

async function picker(
  attrs: {
    practitioner?: string;
    start?: string;
    days?: number;
    timeZone?: string;
    hourCycle?: string;
    locale?: string;
    now?: string;
    options?: object;
  } = {},
) {
  const provider = await mountProvider(
    html`<booking-provider
      patient="demo-patient"
      now=${attrs.now ?? NOW}
      hour-cycle=${attrs.hourCycle ?? ''}
      locale=${attrs.locale ?? 'en-US'}
      .options=${{ takenShare: 0, ...attrs.options }}
    >
      <slot-picker
        view="list"
        practitioner=${attrs.practitioner ?? 'ruiz'}
        start=${attrs.start ?? '2026-03-03'}
        days=${attrs.days ?? 1}
        time-zone=${attrs.timeZone ?? ''}
      ></slot-picker>
    </booking-provider>`,
  );
  const el = provider.querySelector('slot-picker')!;
  await until(
    () =>
      all(el, 'button.slot').length > 0 || el.shadowRoot?.querySelector('[data-state="empty"], [data-state="error"]'),
    'slots did not render',
  );
  return { provider, el };
}

const labels = (el: Element) => all(el, 'button.slot .name').map((b) => b.textContent ?? '');
const times = (el: Element) => all(el, 'button.slot .time').map((b) => b.textContent!.replace(/\s+/g, ' ').trim());

describe('<slot-picker>', () => {
  it("shows the day's times grouped under the date, each named with date, time, zone, practitioner and location", async () => {
    const { el } = await picker();
    expect(all(el, '[role="rowheader"]').map((h) => h.textContent)).to.deep.equal(['Tuesday, March 3, 2026']);
    expect(times(el)[0]).to.equal('9:00 AM EST');
    expect(labels(el)[0]).to.equal(
      '9:00 AM EST, Tuesday, March 3, 2026, 6:00 AM your time, Dr. Ana Ruiz, Harbor Family Clinic, In person',
    );
    // Video visits show in the patient's zone (the browser runs in Los Angeles) with the clinic's time beside.
    const video = labels(el).find((l) => l.includes('Video visit'))!;
    expect(video).to.match(/^10:00 AM PST, Tuesday, March 3, 2026, 1:00 PM clinic time \(EST\), Dr\. Ana Ruiz/);
  });

  it('fires slot-select with the slot and submits the slot id as a form value', async () => {
    const provider = await mountProvider(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ takenShare: 0 }}>
        <form>
          <slot-picker view="list" name="slot" practitioner="ruiz" start="2026-03-03" days="1" required></slot-picker>
        </form>
      </booking-provider>`,
    );
    const el = provider.querySelector('slot-picker')!;
    const form = provider.querySelector('form')!;
    await until(() => all(el, 'button.slot').length > 0, 'no slots');
    expect(form.checkValidity()).to.equal(false);
    const event = nextEvent<{ slot: { id: string; start: string; end: string; timeZone: string } }>(el, 'slot-select');
    all(el, 'button.slot')[1].click();
    const { slot } = await event;
    expect(slot).to.include({
      start: '2026-03-03T14:30:00.000Z',
      end: '2026-03-03T15:00:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(slot.id).to.be.a('string');
    expect(el.value?.id).to.equal(slot.id);
    expect(new FormData(form).get('slot')).to.equal(slot.id);
    expect(form.checkValidity()).to.equal(true);
    await el.updateComplete;
    expect(one(el, '[part~="slot-selected"]').getAttribute('data-slot-id')).to.equal(slot.id);
    expect(one(el, '[aria-selected="true"] button').getAttribute('data-slot-id')).to.equal(slot.id);
  });

  it("has the provider's selection as its value: set on one picker, seen by the other and the form, reset clears it", async () => {
    const provider = await mountProvider(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ takenShare: 0 }}>
        <form>
          <slot-picker view="list" name="slot" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
        </form>
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
        <confirm-button></confirm-button>
      </booking-provider>`,
    );
    const [first, second] = provider.querySelectorAll('slot-picker');
    const form = provider.querySelector('form')!;
    const button = provider.querySelector('confirm-button')!;
    await until(() => all(first, 'button.slot').length > 0 && all(second, 'button.slot').length > 0, 'no slots');
    all(second, 'button.slot')[1].click();
    const chosen = second.value!;
    expect(first.value).to.equal(chosen);
    await first.updateComplete;
    expect(one(first, '[part~="slot-selected"]').dataset.slotId).to.equal(chosen.id);
    expect(new FormData(form).get('slot')).to.equal(chosen.id);
    // Set by script on the first picker: the second one and the book button follow.
    const other = all(first, 'button.slot')[3].dataset.slotId!;
    const slot = { ...chosen, id: other };
    first.value = slot;
    expect(second.value).to.equal(slot);
    await button.updateComplete;
    expect(one(button, 'button[part="button"]').getAttribute('aria-disabled')).to.equal('false');
    form.reset();
    expect(second.value).to.equal(null);
    await first.updateComplete;
    expect(new FormData(form).get('slot')).to.equal(null);
    expect(all(first, '[part~="slot-selected"]')).to.have.length(0);
  });

  it('keeps its own value outside a <booking-provider>', async () => {
    const el = await fixture<SlotPickerElement>(html`<slot-picker view="list"></slot-picker>`);
    const slot = {
      id: 'own',
      start: '2026-03-03T14:00:00.000Z',
      end: '2026-03-03T14:30:00.000Z',
      timeZone: 'America/New_York',
      mode: 'in-person' as const,
    };
    el.value = slot;
    expect(el.value).to.equal(slot);
    el.value = null;
    expect(el.value).to.equal(null);
  });

  it('is one tab stop; arrow keys move through times and days; Enter chooses', async () => {
    const { el } = await picker({ days: 2 });
    all(el, '[part="nav-button"]')[1].focus();
    await sendKeys({ press: 'Tab' });
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused()?.querySelector('.name')?.textContent).to.match(/^9:00 AM EST, Tuesday/);
    expect(all(el, 'button.slot').filter((b) => b.tabIndex === 0)).to.have.length(1);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()?.querySelector('.name')?.textContent).to.match(/^9:30 AM EST, Tuesday/);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()?.querySelector('.name')?.textContent).to.match(/^9:30 AM EST, Wednesday/);
    await sendKeys({ press: 'End' });
    expect(focused()?.querySelector('.name')?.textContent).to.match(/Wednesday/);
    await sendKeys({ press: 'Home' });
    expect(focused()?.querySelector('.name')?.textContent).to.match(/^9:00 AM EST, Wednesday/);
    const event = nextEvent<{ slot: { start: string } }>(el, 'slot-select');
    await sendKeys({ press: 'Enter' });
    expect((await event).slot.start).to.equal('2026-03-04T14:00:00.000Z');
    // Tab leaves the grid in one step.
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.closest('[role="grid"]') ?? null).to.equal(null);
  });

  it('shows only the newest results when start changes quickly', async () => {
    const demo = new DemoProvider({ options: { latencyMs: 150, takenShare: 0 }, now: () => new Date(NOW) });
    const aborted: string[] = [];
    const findSlots = demo.findSlots.bind(demo);
    demo.findSlots = (query: SlotQuery, signal?: AbortSignal) => {
      signal?.addEventListener('abort', () => aborted.push(query.start));
      return findSlots(query, signal);
    };
    const provider = await fixture(
      html`<booking-provider patient="demo-patient" .provider=${demo}>
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      </booking-provider>`,
    );
    const el = provider.querySelector('slot-picker') as SlotPickerElement;
    await until(() => all(el, 'button.slot').length > 0, 'first load');
    const seen = new Set<string>();
    const observer = new MutationObserver(() => all(el, '[role="rowheader"]').forEach((h) => seen.add(h.textContent!)));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    el.start = '2026-03-04';
    await el.updateComplete;
    el.start = '2026-03-05';
    await el.updateComplete;
    el.start = '2026-03-06';
    await until(() => all(el, '[role="rowheader"]')[0]?.textContent === 'Friday, March 6, 2026', 'newest results');
    await new Promise((r) => setTimeout(r, 400));
    observer.disconnect();
    expect(all(el, '[role="rowheader"]').map((h) => h.textContent)).to.deep.equal(['Friday, March 6, 2026']);
    expect([...seen]).to.deep.equal(['Friday, March 6, 2026']);
    expect(aborted.length).to.equal(2);
  });

  it('aborts loading when it leaves the page, and loads again when it comes back', async () => {
    const demo = new DemoProvider({ options: { latencyMs: 150, takenShare: 0 }, now: () => new Date(NOW) });
    const signals: (AbortSignal | undefined)[] = [];
    const findSlots = demo.findSlots.bind(demo);
    demo.findSlots = (query: SlotQuery, signal?: AbortSignal) => {
      signals.push(signal);
      return findSlots(query, signal);
    };
    const provider = await fixture(
      html`<booking-provider patient="demo-patient" .provider=${demo}>
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      </booking-provider>`,
    );
    const el = provider.querySelector('slot-picker') as SlotPickerElement;
    await until(() => signals.length === 1, 'loading started');
    el.remove();
    expect(signals[0]!.aborted).to.equal(true);
    provider.append(el);
    await until(() => all(el, 'button.slot').length > 0, 'loaded after coming back');
    expect(signals).to.have.length(2);
    expect(signals[1]!.aborted).to.equal(false);
    expect(text(el)).not.to.contain('abort');
  });

  it('shows loading, then a backend error with a retry that works', async () => {
    const provider = await mountProvider(
      html`<booking-provider
        patient="demo-patient"
        now=${NOW}
        .options=${{ latencyMs: 400, failures: { findSlots: { kind: 'upstream-unavailable', times: 1 } } }}
      >
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      </booking-provider>`,
    );
    const el = provider.querySelector('slot-picker')!;
    await until(() => el.shadowRoot?.querySelector('[data-state="loading"]'), 'loading state');
    expect(text(el)).to.contain('Loading available times');
    await until(() => el.shadowRoot?.querySelector('[data-state="error"]'), 'error state');
    expect(text(el)).to.contain('The clinic’s booking system is not available right now.');
    expect(one(el, '[role="status"]').textContent).to.contain('not available right now');
    one(el, '[part="retry"]').click();
    await until(() => all(el, 'button.slot').length > 0, 'retry loaded slots');
  });

  it('says when there are no times in range and offers later days', async () => {
    const { el } = await picker({ options: { noSlots: true } });
    expect(one(el, '[data-state="empty"]').textContent).to.contain('No times available Tue, Mar 3');
    one(el, '[data-state="empty"] button').click();
    await el.updateComplete;
    expect(el.start).to.equal('2026-03-04');
  });

  it('says booking is not offered, with the phone number and no day arrows, where the backend has no slots', async () => {
    const provider = new DemoProvider({ options: {}, now: () => new Date(NOW) });
    Object.assign(provider, { capabilities: { ...provider.capabilities, findSlots: false, book: false } });
    const root = await fixture(
      html`<booking-provider .provider=${provider}><slot-picker view="list"></slot-picker></booking-provider>`,
    );
    const el = root.querySelector('slot-picker')!;
    await until(() => el.shadowRoot?.querySelector('[data-state="unavailable"]'), 'not-offered state');
    expect(one(el, '[data-state="unavailable"]').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Online booking is not offered. Please call +1 212 555 0142 to book.',
    );
    expect(one(el, 'a').getAttribute('href')).to.equal('tel:+12125550142');
    expect(all(el, '[part="nav-button"]')).to.have.length(0);
  });

  it('moves by whole ranges with the earlier/later buttons', async () => {
    const { el } = await picker({ days: 3 });
    expect(one(el, '.range').textContent).to.equal('Tue, Mar 3 – Thu, Mar 5');
    all(el, '[part="nav-button"]')[1].click();
    await el.updateComplete;
    expect(one(el, '.range').textContent).to.equal('Fri, Mar 6 – Sun, Mar 8');
  });

  it('announces loading, then the number of times, in one live region that stays in place', async () => {
    const root = await mountProvider(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ latencyMs: 400 }}>
        <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      </booking-provider>`,
    );
    const el = root.querySelector('slot-picker')!;
    // A first load shows its message after a moment (none for a load under 150 ms).
    const status = () => el.shadowRoot?.querySelector('[role="status"]')?.textContent;
    await until(() => status() === 'Loading available times…', 'loading announced');
    const region = one(el, '[role="status"]');
    await until(() => region.textContent!.endsWith('available, Tue, Mar 3 – Tue, Mar 3.'), 'count announced');
    expect(one(el, '[role="status"]')).to.equal(region);
    expect(all(el, '[role="status"]')).to.have.length(1);
  });

  describe('time zones', () => {
    it('keeps every slot of a 23-hour and a 25-hour day on its own date (New York)', async () => {
      const spring = await picker({
        practitioner: 'night-line',
        start: '2026-03-08',
        days: 1,
        timeZone: 'America/New_York',
        now: '2026-03-07T12:00:00Z',
      });
      expect(times(spring.el)).to.deep.equal([
        '12:00 AM EST',
        '12:30 AM EST',
        '1:00 AM EST',
        '1:30 AM EST',
        '3:00 AM EDT',
        '3:30 AM EDT',
      ]);
      const autumn = await picker({
        practitioner: 'night-line',
        start: '2026-11-01',
        days: 1,
        timeZone: 'America/New_York',
        now: '2026-10-31T12:00:00Z',
      });
      expect(times(autumn.el)).to.deep.equal([
        '12:00 AM EDT',
        '12:30 AM EDT',
        '1:00 AM EDT',
        '1:30 AM EDT',
        '1:00 AM EST',
        '1:30 AM EST',
        '2:00 AM EST',
        '2:30 AM EST',
        '3:00 AM EST',
        '3:30 AM EST',
      ]);
      expect(all(autumn.el, '[role="rowheader"]').map((h) => h.textContent)).to.deep.equal([
        'Sunday, November 1, 2026',
      ]);
    });

    it('shows New York night slots on the right Los Angeles dates on a DST day', async () => {
      // 00:00-03:59 New York is the evening before in Los Angeles; both switch to DST on March 8.
      const { el } = await picker({
        practitioner: 'night-line',
        start: '2026-03-07',
        days: 1,
        timeZone: 'America/Los_Angeles',
        now: '2026-03-06T12:00:00Z',
      });
      expect(all(el, '[role="rowheader"]').map((h) => h.textContent)).to.deep.equal(['Saturday, March 7, 2026']);
      expect(times(el)).to.deep.equal([
        '12:00 AM PST',
        '12:30 AM PST', // 03:00 and 03:30 EST on Saturday in New York
        '9:00 PM PST',
        '9:30 PM PST',
        '10:00 PM PST',
        '10:30 PM PST', // 00:00-01:30 EST on Sunday
        '11:00 PM PST',
        '11:30 PM PST', // 03:00 and 03:30 EDT on Sunday: 02:00-03:00 does not exist
      ]);
    });

    it('handles a zone without DST (Phoenix) and a half-hour zone with southern DST (Adelaide)', async () => {
      const winter = await picker({ practitioner: 'nguyen', start: '2026-03-03', days: 1 });
      expect(times(winter.el)[0]).to.equal('7:00 AM MST');
      const summer = await picker({
        practitioner: 'nguyen',
        start: '2026-07-07',
        days: 1,
        now: '2026-07-01T12:00:00Z',
      });
      expect(times(summer.el)[0]).to.equal('7:00 AM MST');
      // Same local clock all year; in July Phoenix equals Los Angeles, so no second time is shown.
      expect(labels(summer.el)[0]).not.to.contain('your time');
      const adelaide = await picker({ practitioner: 'walsh', start: '2026-03-03', days: 1 });
      expect(times(adelaide.el)[0]).to.equal('8:30 AM GMT+10:30');
      // 8:30 AM Tuesday in Adelaide is Monday afternoon in Los Angeles: the other day is named.
      expect(labels(adelaide.el)[0]).to.contain(
        '8:30 AM GMT+10:30, Tuesday, March 3, 2026, 2:00 PM Mon, Mar 2 your time',
      );
      const april = await picker({ practitioner: 'walsh', start: '2026-04-07', days: 1, now: '2026-04-01T12:00:00Z' });
      expect(times(april.el)[0]).to.equal('8:30 AM GMT+9:30');
    });

    it('follows the locale for 12/24 hours unless hour-cycle says otherwise', async () => {
      const h23 = await picker({ hourCycle: 'h23' });
      expect(times(h23.el)[0]).to.equal('09:00 EST');
      const de = await picker({ locale: 'de-DE' });
      expect(times(de.el)[0]).to.equal('9:00 GMT-5');
      expect(times(de.el)).to.include('13:00 GMT-8'); // a video visit, in the patient's zone
      expect(times(de.el).join()).not.to.match(/AM|PM/);
      expect(all(de.el, '[role="rowheader"]')[0].textContent).to.equal('Dienstag, 3. März 2026');
      const deH12 = await picker({ locale: 'de-DE', hourCycle: 'h12' });
      expect(times(deH12.el)[0]).to.match(/^9:00\sAM GMT-5$/);
    });

    it("starts on today in the element's own time-zone when start is absent", async () => {
      // 2026-03-02T20:00Z is still Monday in Los Angeles but already Tuesday in Kolkata.
      const root = await mountProvider(
        html`<booking-provider now="2026-03-02T20:00:00Z"
          ><slot-picker view="list" time-zone="Asia/Kolkata" days="1"></slot-picker
        ></booking-provider>`,
      );
      const el = root.querySelector('slot-picker')!;
      expect(one(el, '.range').textContent).to.equal('Tue, Mar 3 – Tue, Mar 3');
    });

    it("uses the element's time-zone to override the display zone", async () => {
      const { el } = await picker({ timeZone: 'Asia/Kolkata' });
      // Days are Kolkata dates now: 9:00 AM EST on March 3 is 7:30 PM there, Monday's afternoon slots open the day.
      expect(times(el)[0]).to.equal('12:00 AM GMT+5:30');
      expect(labels(el)).to.include.members([
        '7:30 PM GMT+5:30, Tuesday, March 3, 2026, 9:00 AM clinic time (EST), Dr. Ana Ruiz, Harbor Family Clinic, In person',
      ]);
    });
  });
});

describe('<slot-picker view="list"> focus', () => {
  it('after "Show later days" focus stays in the picker (on the message or the first time), not on <body>', async () => {
    const root = await fixture(
      html`<booking-provider
        patient="demo-patient"
        now=${NOW}
        .provider=${new DemoProvider({ options: { noSlots: true }, now: () => new Date(NOW) })}
        ><slot-picker view="list" start="2026-03-03" days="1"></slot-picker
      ></booking-provider>`,
    );
    const el = root.querySelector('slot-picker')!;
    await until(() => el.shadowRoot?.querySelector('[data-state="empty"] button'), 'no empty state');
    const later = one<HTMLButtonElement>(el, '[data-state="empty"] button');
    later.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.start === '2026-03-04', 'did not move on');
    await until(() => el.shadowRoot!.querySelector('[data-state="empty"]') !== null, 'no new range shown');
    await el.updateComplete;
    expect(document.activeElement, 'focus fell to the page').to.equal(el);
    expect(el.shadowRoot!.activeElement).to.not.equal(null);
  });

  it('after "Try again" focus stays in the picker', async () => {
    const provider = new DemoProvider({
      options: { failures: { findSlots: { kind: 'upstream-unavailable', times: 1 } } },
      now: () => new Date(NOW),
    });
    const root = await fixture(
      html`<booking-provider patient="demo-patient" now=${NOW} .provider=${provider}
        ><slot-picker view="list" start="2026-03-03" days="1"></slot-picker
      ></booking-provider>`,
    );
    const el = root.querySelector('slot-picker')!;
    await until(() => el.shadowRoot?.querySelector('[data-state="error"] button'), 'no error state');
    one<HTMLButtonElement>(el, '[data-state="error"] button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.querySelectorAll('button.slot').length > 0, 'no times after retry');
    await el.updateComplete;
    expect(document.activeElement, 'focus fell to the page').to.equal(el);
    expect(el.shadowRoot!.activeElement?.classList.contains('slot') ?? false, 'focus on the first time').to.equal(true);
  });
});
