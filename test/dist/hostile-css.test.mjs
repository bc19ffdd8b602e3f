// examples/hostile-css/ from the built files: global resets and `!important` rules on every element, a
// large base font. The elements keep their own type, colour and layout, and a patient can book.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bookFirstSlot, openPage, startBrowser } from './helpers.mjs';

describe('hostile global CSS', () => {
  let env;
  before(async () => {
    env = await startBrowser();
  });
  after(async () => {
    await env?.close();
  });

  test("a 32 px browser default font size reaches careslot's text, hostile page CSS or not (WCAG 1.4.4)", async () => {
    for (const path of ['/examples/hostile-css/', '/examples/script-tag/']) {
      const page = await env.context.newPage();
      // What the browser's font-size setting changes: the default ("medium") size.
      const cdp = await env.context.newCDPSession(page);
      await cdp.send('Page.enable');
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await page.goto(`${env.origin}${path}`);
      await page.locator('slot-picker button.slot').first().waitFor({ timeout: 10_000 });
      const sizes = await page.evaluate(() => {
        const inside = (tag, selector) => document.querySelector(tag).shadowRoot.querySelector(selector);
        return {
          time: getComputedStyle(inside('slot-picker', 'button.slot')).fontSize,
          book: getComputedStyle(inside('confirm-button', 'button[part="button"]')).fontSize,
        };
      });
      assert.deepEqual(sizes, { time: '32px', book: '32px' }, path);
      await page.close();
    }
  });

  test('the page CSS does reach the page itself (a control)', async () => {
    const { page } = await openPage(env.context, `${env.origin}/examples/hostile-css/`);
    const h1 = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('h1'));
      return { fontSize: style.fontSize, color: style.color, display: style.display };
    });
    assert.deepEqual(h1, { fontSize: '40px', color: 'rgb(255, 0, 0)', display: 'inline' });
    await page.close();
  });

  test('text inside the elements keeps careslot type and colour; buttons keep their box', async () => {
    const { page } = await openPage(env.context, `${env.origin}/examples/hostile-css/`);
    await page.locator('slot-picker button.slot').first().waitFor({ timeout: 10_000 });
    const seen = await page.evaluate(() => {
      const inside = (tag, selector) => document.querySelector(tag).shadowRoot.querySelector(selector);
      const pick = (el) => {
        const s = getComputedStyle(el);
        return {
          fontSize: s.fontSize,
          color: s.color,
          fontFamily: s.fontFamily.includes('Comic Sans') ? 'page font' : 'careslot font',
          textTransform: s.textTransform,
          letterSpacing: s.letterSpacing,
          fontStyle: s.fontStyle,
          whiteSpace: s.whiteSpace,
        };
      };
      const slot = inside('slot-picker', 'button.slot');
      const book = inside('confirm-button', 'button[part="button"]');
      const box = slot.getBoundingClientRect();
      const json = document.querySelector('booking-provider > script[type="application/json"]');
      return {
        slotText: pick(inside('slot-picker', '.time')),
        dayLabel: pick(inside('slot-picker', '.day-label')),
        bookButton: pick(book),
        slotDisplay: getComputedStyle(slot).display,
        slotHeight: Math.round(box.height),
        slotBorder: getComputedStyle(slot).borderTopWidth,
        bookBackground: getComputedStyle(book).backgroundColor,
        jsonChildDisplay: getComputedStyle(json).display,
      };
    });
    const careslotText = {
      fontSize: '16px',
      color: 'rgb(31, 36, 48)',
      fontFamily: 'careslot font',
      textTransform: 'none',
      fontStyle: 'normal',
      whiteSpace: 'normal',
    };
    // Letter spacing is not pinned: the page's `* { letter-spacing: 0.3em !important }` is exactly what a
    // WCAG 1.4.12 text-spacing override looks like, and the patient's override must reach the text.
    const type = ({ letterSpacing: _letterSpacing, ...rest }) => rest;
    assert.deepEqual(type(seen.dayLabel), careslotText);
    assert.deepEqual(type({ ...seen.slotText, whiteSpace: 'normal' }), careslotText); // .time is nowrap by design
    assert.deepEqual(type({ ...seen.bookButton, color: 'primary text' }), { ...careslotText, color: 'primary text' });
    assert.equal(seen.slotDisplay, 'flex');
    assert.ok(seen.slotHeight >= 44, `a time button is at least 44px tall (2.75em), got ${seen.slotHeight}px`);
    assert.equal(seen.slotBorder, '1px');
    assert.equal(seen.bookBackground, 'rgb(11, 92, 173)');
    // The JSON options child stays hidden although the page sets `* { display: inline !important }`.
    assert.equal(seen.jsonChildDisplay, 'none');
    await page.close();
  });

  test('a patient books an appointment', async () => {
    const { page, errors } = await openPage(env.context, `${env.origin}/examples/hostile-css/`);
    const { appointment, text } = await bookFirstSlot(page);
    assert.equal(appointment.status, 'booked');
    assert.match(text, /^Booked: /);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
