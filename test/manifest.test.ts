import { expect } from '@open-wc/testing';
import type { CSSResultOrNative } from 'lit';
import '../src/define.js';
import { baseStyles } from '../src/elements/shared/base.js';
import { CARESLOT_EVENT_NAMES } from '../src/elements/shared/events.js';

/** The parts of custom-elements.json these tests read. */
interface Declaration {
  name: string;
  tagName?: string;
  events?: { name: string; type?: { text: string } }[];
  cssProperties?: { name: string; description?: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

/** Every careslot event once (the event map's own list). */
const CARESLOT_EVENTS = new Set<string>(CARESLOT_EVENT_NAMES);

const TAGS = [
  'booking-provider',
  'slot-picker',
  'confirm-button',
  'appointment-list',
  'visit-filter',
  'time-zone-select',
  'patient-form',
  'booking-confirmation',
  'booking-flow',
] as const;

async function manifest(): Promise<Manifest> {
  const response = await fetch('/custom-elements.json');
  return (await response.json()) as Manifest;
}

async function declarationOf(tag: string): Promise<Declaration> {
  const found = (await manifest()).modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  if (!found) throw new Error(`custom-elements.json has no <${tag}>`);
  return found;
}

function cssText(styles: CSSResultOrNative): string {
  return styles instanceof CSSStyleSheet ? [...styles.cssRules].map((r) => r.cssText).join('\n') : styles.cssText;
}

/** The `--careslot-*` properties a stylesheet reads. */
function propertiesIn(css: string): Set<string> {
  return new Set(css.match(/--careslot-[\w-]+/g));
}

function elementStyles(tag: string): CSSResultOrNative[] {
  const element = customElements.get(tag) as unknown as { elementStyles: CSSResultOrNative[] };
  return element.elementStyles;
}

describe('custom-elements.json', () => {
  for (const tag of TAGS) {
    it(`<${tag}> documents the --careslot-* properties its own styles read, and none its styles lack`, async () => {
      const documented = new Set((await declarationOf(tag)).cssProperties?.map((p) => p.name));
      const styles = elementStyles(tag);
      const own = propertiesIn(
        styles
          .filter((s) => s !== baseStyles)
          .map(cssText)
          .join('\n'),
      );
      const all = propertiesIn(styles.map(cssText).join('\n'));
      expect(
        [...own].filter((p) => !documented.has(p)),
        'read but not documented',
      ).to.deep.equal([]);
      expect(
        [...documented].filter((p) => !all.has(p)),
        'documented but never read',
      ).to.deep.equal([]);
      // The text on :host of every element comes from these three.
      for (const name of ['--careslot-font-family', '--careslot-font-size', '--careslot-color-text'])
        expect(documented.has(name), name).to.equal(true);
    });
  }

  it('documents each careslot event on its element with the type of its detail', async () => {
    const events = (await Promise.all(TAGS.map(declarationOf))).flatMap((d) => d.events ?? []);
    const careslot = events.filter((e) => CARESLOT_EVENTS.has(e.name));
    // Every event on at least one element (`appointment-cancelled` comes from the list and the confirmation).
    expect([...new Set(careslot.map((e) => e.name))].sort()).to.deep.equal([...CARESLOT_EVENTS].sort());
    // An object type (`{ slot: Slot; expires?: string }`), or a named type of the public API (`VisitFilter`).
    for (const event of careslot)
      expect(event.type?.text, event.name).to.match(/^CustomEvent<(\{ \w+\??: [^{}]+ \}|[A-Z]\w+)>$/);
    expect(events.filter((e) => !CARESLOT_EVENTS.has(e.name)).map((e) => [e.name, e.type?.text])).to.deep.equal([
      ['change', 'Event'],
    ]);
  });

  it('lists its modules sorted by path, so every analyze writes the same file', async () => {
    const paths = (await manifest()).modules.map((m) => m.path);
    expect(paths).to.deep.equal([...paths].sort());
  });
});
