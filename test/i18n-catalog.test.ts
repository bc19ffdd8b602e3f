// Every language has every string: the ids of the source's msg() and plural() calls (read from the source files
// as the test server serves them), each translated (not left in English), with the same values, and every plural
// category the language has. Fails on a missing, untranslated or stale string.
import { expect } from '@open-wc/testing';
import { LOCALES } from '../src/elements/shared/i18n.js';

interface Manifest {
  modules: { path: string }[];
}

/** The modules with patient-facing strings: the elements (from custom-elements.json) and the shared ones. */
async function sources(): Promise<string[]> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
  const elements = manifest.modules.map((m) => m.path).filter((p) => p.startsWith('src/elements/'));
  const shared = ['messages', 'format', 'hold-countdown', 'month-grid', 'availability', 'i18n'].map(
    (name) => `src/elements/shared/${name}.ts`,
  );
  return [...new Set([...elements, ...shared, 'src/elements/booking-provider/journey.ts'])];
}

interface Entry {
  english: string;
  values: number;
}

/** msg('…', { id }) and msg(str`…${x}…`, { id }) with their English and number of values; plural('id', …) ids. */
async function catalog(): Promise<{ messages: Map<string, Entry>; plurals: Map<string, Entry> }> {
  const messages = new Map<string, Entry>();
  const plurals = new Map<string, Entry>();
  for (const path of await sources()) {
    const response = await fetch(`/${path}`);
    if (!response.ok) continue;
    const text = await response.text();
    // The test server hands the source over compiled (double quotes): either quote.
    const call =
      /msg\(\s*(?:str)?(`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,\s*\{\s*id:\s*['"]([^'"]+)['"]/g;
    for (const [, literal, id] of text.matchAll(call)) {
      messages.set(id, { english: literal.slice(1, -1), values: (literal.match(/\$\{/g) ?? []).length });
    }
    const counted = /plural\(\s*['"]([^'"]+)['"]\s*,[^,]+,\s*str(`(?:[^`\\]|\\.)*`)/g;
    for (const [, id, literal] of text.matchAll(counted)) {
      plurals.set(id, { english: literal.slice(1, -1), values: (literal.match(/\$\{/g) ?? []).length });
    }
  }
  return { messages, plurals };
}

/** A translation's text and the value positions it uses. */
function read(value: unknown): { text: string; values: number[] } | undefined {
  if (typeof value === 'string')
    return {
      text: value.replace(/\{\d+\}/g, '${}'),
      values: [...value.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])).sort(),
    };
  if (value && typeof value === 'object' && 'strTag' in value) {
    const { strings, values } = value as unknown as { strings: string[]; values: number[] };
    return { text: strings.join('${}'), values: [...values].sort() };
  }
  return undefined;
}

/** Words that are the same in some languages (codes, names): allowed to equal the English. */
const SAME_EVERYWHERE = /^(OK|SMS|Email|E-mail|Video|Reference)$/i;

describe('every language has every string', () => {
  for (const locale of LOCALES) {
    it(`${locale}: each id translated, with its values and plural forms; none stale`, async () => {
      const { messages, plurals } = await catalog();
      expect(messages.size, 'no msg() ids found in the source').to.be.greaterThan(50);
      const parts = await Promise.all(
        ['picker', 'visits', 'journey'].map(
          async (area) => (await import(`../src/locales/${locale}/${area}.ts`))[area] as Record<string, unknown>,
        ),
      );
      const templates: Record<string, unknown> = Object.assign({}, ...parts);
      const problems: string[] = [];
      const expected = new Set<string>();
      for (const [id, { english, values }] of messages) {
        expected.add(id);
        const got = read(templates[id]);
        if (!got) problems.push(`missing ${id}`);
        else {
          if (got.text === english.replace(/\$\{[^}]*\}/g, '${}') && !SAME_EVERYWHERE.test(english))
            problems.push(`untranslated ${id}: "${english}"`);
          const want = Array.from({ length: values }, (_, i) => i);
          if (got.values.join() !== want.join()) problems.push(`${id}: values ${got.values} instead of ${want}`);
        }
      }
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [id, { values }] of plurals)
        for (const category of categories) {
          expected.add(`${id}.${category}`);
          const got = read(templates[`${id}.${category}`]);
          if (!got) problems.push(`missing plural ${id}.${category}`);
          else if (got.values.length > values) problems.push(`${id}.${category}: more values than the English`);
        }
      for (const id of Object.keys(templates)) if (!expected.has(id)) problems.push(`stale ${id}`);
      expect(problems, problems.slice(0, 20).join('\n')).to.deep.equal([]);
    });
  }
});
