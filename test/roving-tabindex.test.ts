import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { RovingTabindexController } from '../src/elements/shared/roving-tabindex.js';

/** A grid of labelled buttons in rows of different lengths, as a calendar or the slot picker renders them. */
class RovingGrid extends LitElement {
  static override properties = { rowsOfLabels: { attribute: false } };
  declare rowsOfLabels: string[][];
  readonly roving = new RovingTabindexController<HTMLButtonElement>(this, {
    rows: () => [...this.renderRoot.querySelectorAll('[role="row"]')].map((row) => [...row.querySelectorAll('button')]),
    key: (button) => button.textContent,
  });

  constructor() {
    super();
    this.rowsOfLabels = [];
  }

  override render() {
    return html`<div role="grid" aria-label="Test grid">
      ${this.rowsOfLabels.map(
        (row) =>
          html`<div role="row">
            ${row.map((label) => html`<span role="gridcell"><button>${label}</button></span>`)}
          </div>`,
      )}
    </div>`;
  }
}
customElements.define('roving-grid-test', RovingGrid);

async function grid(rows: string[][]) {
  const root = await fixture<HTMLDivElement>(
    html`<div>
      <button id="before">before</button><roving-grid-test .rowsOfLabels=${rows}></roving-grid-test
      ><button id="after">after</button>
    </div>`,
  );
  const el = root.querySelector<RovingGrid>('roving-grid-test')!;
  await el.updateComplete;
  return { root, el };
}

const focused = (el: RovingGrid) => el.shadowRoot!.activeElement?.textContent ?? null;
const tabStops = (el: RovingGrid) =>
  [...el.shadowRoot!.querySelectorAll('button')].filter((b) => b.tabIndex === 0).map((b) => b.textContent);

describe('RovingTabindexController', () => {
  it('makes the grid one tab stop and moves with arrows, Home/End and Ctrl+Home/End', async () => {
    const { root, el } = await grid([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
      ['c1', 'c2', 'c3', 'c4'],
    ]);
    expect(tabStops(el)).to.deep.equal(['a1']);
    root.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('a1');
    const steps: [string, string][] = [
      ['ArrowRight', 'a2'],
      ['ArrowRight', 'a3'],
      ['ArrowRight', 'b1'], // on to the next row
      ['ArrowLeft', 'a3'], // back to the end of the previous one
      ['ArrowDown', 'b2'], // same column, or the last of a shorter row
      ['ArrowDown', 'c2'],
      ['ArrowDown', 'c2'], // the edge: stays
      ['End', 'c4'],
      ['ArrowRight', 'c4'],
      ['Home', 'c1'],
      ['ArrowUp', 'b1'],
      ['Control+End', 'c4'],
      ['Control+Home', 'a1'],
      ['ArrowLeft', 'a1'],
      ['ArrowUp', 'a1'],
    ];
    for (const [key, expected] of steps) {
      await sendKeys({ press: key });
      expect(focused(el), key).to.equal(expected);
      expect(tabStops(el), key).to.deep.equal([expected]);
    }
    // Tab leaves the grid in one step, Shift+Tab comes back to the item focused last.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id).to.equal('after');
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(el)).to.equal('b1');
  });

  it('keeps the tab stop on the same item across a re-render, and falls back when it is gone', async () => {
    const { el } = await grid([['x', 'y', 'z']]);
    el.shadowRoot!.querySelectorAll('button')[1].click();
    expect(tabStops(el)).to.deep.equal(['y']);
    el.rowsOfLabels = [['w', 'x', 'y', 'z']];
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['y']);
    el.rowsOfLabels = [['p', 'q']];
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['p']);
    el.roving.reset();
    expect(tabStops(el)).to.deep.equal(['p']);
  });

  it('leaves other keys and keys outside its items alone', async () => {
    const { el } = await grid([['a', 'b']]);
    const button = el.shadowRoot!.querySelector('button')!;
    const letter = new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true, cancelable: true });
    button.dispatchEvent(letter);
    expect(letter.defaultPrevented).to.equal(false);
    const outside = new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true });
    el.dispatchEvent(outside);
    expect(outside.defaultPrevented).to.equal(false);
    const arrow = new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true, cancelable: true });
    button.dispatchEvent(arrow);
    expect(arrow.defaultPrevented).to.equal(true);
    expect(focused(el)).to.equal('b');
  });
});
