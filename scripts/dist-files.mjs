// Reads dist/.vite/manifest.json (written by `vite build`) and tells which files a page loads:
// the script-tag entry with everything it imports statically (`entry`), and per backend adapter its lazy
// chunk (`chunk`) plus whatever it imports that the entry does not already load, and its lazy parts (`files`:
// what a page on that backend can load; a part is budgeted like a shared chunk), the same per lazy
// element (`elements`: the tags loaded when they appear in the page); `shared` lists
// the chunks several adapters import that the entry does not (the HTTP client); `locales`, each language's
// strings (loaded when a page uses that language). Used by .size-limit.mjs and test/dist/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} distDir */
export function distFiles(distDir = 'dist') {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const closure = (key, seen = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry && manifest[key].file === 'careslot.js');
  if (!entryKey) throw new Error(`${distDir}/.vite/manifest.json has no careslot.js entry; run npm run build`);
  const entry = [...closure(entryKey)];
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  // The lazy imports of the entry and of the chunks it loads (the backend registry lives in one of them).
  const lazy = new Set(entry.flatMap((file) => manifest[byFile.get(file)].dynamicImports ?? []));
  const adapters = [];
  const elements = [];
  const locales = [];
  for (const key of lazy) {
    const locale = /^src\/locales\/([\w-]+)\.ts$/.exec(key)?.[1];
    if (locale) locales.push({ locale, files: [...closure(key)].filter((f) => !entry.includes(f)) });
    const tag = /^src\/elements\/([^/]+)\/\1\.ts$/.exec(key)?.[1];
    if (tag)
      elements.push({ tag, chunk: manifest[key].file, files: [...closure(key)].filter((f) => !entry.includes(f)) });
    const backend = /^src\/providers\/([^/]+)\/index\.ts$/.exec(key)?.[1];
    if (!backend) continue;
    // With its lazy parts (src/providers/<backend>/lazy/*: loaded with import() when first needed) and theirs.
    const parts = (manifest[key].dynamicImports ?? []).filter((part) =>
      part.startsWith(`src/providers/${backend}/lazy/`),
    );
    const files = [...new Set([key, ...parts].flatMap((k) => [...closure(k)]))].filter((file) => !entry.includes(file));
    adapters.push({ backend, chunk: manifest[key].file, files, parts: parts.map((part) => manifest[part].file) });
  }
  adapters.sort((a, b) => a.backend.localeCompare(b.backend));
  elements.sort((a, b) => a.tag.localeCompare(b.tag));
  locales.sort((a, b) => a.locale.localeCompare(b.locale));
  // Chunks that adapters share and the entry does not load (e.g. the HTTP client).
  const shared = [
    ...new Set(adapters.flatMap((adapter) => adapter.files.filter((file) => file !== adapter.chunk))),
  ].sort();
  return { entry, adapters, elements, shared, locales };
}
