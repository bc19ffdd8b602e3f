// WCAG 2.2 on a 320 px wide screen: nothing scrolls sideways (1.4.10 Reflow), every target is at least 24 × 24 px
// (2.5.8 Target Size), and what has focus is on screen, not hidden under anything of careslot's (2.4.11).
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../src/define.js';
import type { BookingFlowElement } from '../src/elements/booking-flow/booking-flow.js';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, slotButtons, until } from './helpers.js';

/** Every element of a tree, through open shadow roots. */
function deep(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deep(el.shadowRoot));
  }
  return out;
}

function visible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** What a 320 px screen breaks: sideways scrolling, small targets. */
function problems(root: Element): string[] {
  const found: string[] = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width)
    found.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px`);
  for (const el of deep(root)) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && getComputedStyle(el).position !== 'absolute')
      found.push(`${el.localName}.${el.className} ends at ${Math.round(box.right)}px`);
    const target = el.matches(
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="gridcell"] button',
    );
    // Inline links inside a sentence are exempt (2.5.8 "inline").
    const inline = el.matches('a') && getComputedStyle(el).display === 'inline';
    if (target && !inline && (box.width < 24 || box.height < 24))
      found.push(
        `${el.localName} "${(el.textContent ?? '').trim().slice(0, 20)}" is ${Math.round(box.width)}×${Math.round(box.height)}`,
      );
  }
  return found;
}

describe('a 320 px wide screen (WCAG 1.4.10, 2.5.8, 2.4.11)', () => {
  before(async () => setViewport({ width: 320, height: 640 }));
  after(async () => setViewport({ width: 800, height: 600 }));

  it('the whole journey reflows with no sideways scrolling and targets of 24 px or more, at every step', async () => {
    const provider = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const root = await fixture(
      html`<booking-provider now=${NOW} .provider=${provider}><booking-flow></booking-flow></booking-provider>`,
    );
    const flow = root.querySelector<BookingFlowElement>('booking-flow')!;
    await until(() => flow.shadowRoot?.querySelector('visit-filter')?.shadowRoot?.querySelector('select'), 'no filter');
    expect(problems(root), 'visit step').to.deep.equal([]);
    (flow.shadowRoot!.querySelector('section[data-step="visit"] button.next') as HTMLButtonElement).click();
    const picker = flow.shadowRoot!.querySelector<SlotPickerElement>('slot-picker')!;
    await until(() => slotButtons(picker).length > 0, 'no times');
    expect(problems(root), 'time step').to.deep.equal([]);
    slotButtons(picker)[0].click();
    (flow.shadowRoot!.querySelector('section[data-step="time"] button.next') as HTMLButtonElement).click();
    await until(() => flow.shadowRoot!.querySelector('patient-form')?.shadowRoot?.querySelector('input'), 'no form');
    expect(problems(root), 'details step').to.deep.equal([]);
  });

  it('a focused time is on screen, not under anything careslot draws over it', async () => {
    const provider = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const root = await fixture(
      html`<booking-provider now=${NOW} patient="demo-patient" .provider=${provider}
        ><slot-picker></slot-picker><confirm-button></confirm-button
      ></booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => slotButtons(picker).length > 0, 'no times');
    const last = slotButtons(picker).at(-1)!;
    last.focus();
    last.scrollIntoView({ block: 'nearest' });
    const box = last.getBoundingClientRect();
    expect(box.top >= 0 && box.bottom <= window.innerHeight, 'the focused time is in the viewport').to.equal(true);
    // The topmost thing at its centre is the time itself.
    const atCentre = picker.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    expect(atCentre === last || last.contains(atCentre), 'nothing covers the focused time').to.equal(true);
  });
});
