// Size budget of the script-tag build: min+gzip (level 9) of the files as built, checked by `npm run size`
// after `npm run build` (CI: .ci/run). The file lists come from dist/.vite/manifest.json
// (scripts/dist-files.mjs), so new adapters are budgeted without editing this file:
//  - dist/careslot.js with every chunk it imports statically (lit, the elements, the core): 40 kB;
//  - each backend adapter's lazy chunk: 8 kB; each lazy element (loaded when its tag appears): 8 kB;
//  - each chunk adapters share and the entry does not load (the HTTP client, the zone parser): 2 kB; so is each
//    lazy part of an adapter (<backend>/lazy/*: fhir's REST booking and patient registration, loaded with
//    import() when first needed) 2 kB;
//  - each language's strings (src/locales/<locale>.ts, loaded when a page uses it): 3 kB;
//  - the whole journey (the entry and every lazy element): 60 kB;
//  - everything a page on one backend can load (the journey, the adapter and the files the adapter imports):
//    75 kB (the journey's strings went through @lit/localize). No date library: zones come from Intl.
// Limits are in kB of 1000 bytes. Only @size-limit/file is installed: size-limit measures the shipped
// files as they are, without bundling them again.
import { distFiles } from './scripts/dist-files.mjs';

const { entry, adapters, elements, shared, locales } = distFiles('dist');
const allElements = [...new Set(elements.flatMap((element) => element.files))];
const parts = new Set(adapters.flatMap((adapter) => adapter.parts));
const inDist = (files) => files.map((file) => `dist/${file}`);

export default [
  {
    name: 'dist/careslot.js + its static imports (what a script-tag page loads before any adapter)',
    path: inDist(entry),
    limit: '40 kB',
    gzip: true,
  },
  ...adapters.map(({ backend, chunk }) => ({
    name: `adapter "${backend}" (lazy chunk)`,
    path: inDist([chunk]),
    limit: '8 kB',
    gzip: true,
  })),
  ...elements.map(({ tag, files }) => ({
    name: `element <${tag}> (lazy chunk, loaded when the tag appears)`,
    path: inDist(files),
    limit: '8 kB',
    gzip: true,
  })),
  ...locales.map(({ locale, files }) => ({
    name: `strings in "${locale}" (lazy chunk, loaded when a page uses that language)`,
    path: inDist(files),
    limit: '3 kB',
    gzip: true,
  })),
  ...shared.map((file) => ({
    name: parts.has(file)
      ? `lazy part of an adapter, loaded when first needed (${file})`
      : `shared by adapters, loaded with the adapter (${file})`,
    path: inDist([file]),
    limit: '2 kB',
    gzip: true,
  })),
  {
    name: 'the whole journey: careslot.js and every lazy element',
    path: inDist([...new Set([...entry, ...allElements])]),
    limit: '60 kB',
    gzip: true,
  },
  ...adapters.map(({ backend, files }) => ({
    name: `everything a page on the "${backend}" backend can load (the journey, the adapter and its imports)`,
    path: inDist([...new Set([...entry, ...allElements, ...files])]),
    limit: '75 kB',
    gzip: true,
  })),
];
