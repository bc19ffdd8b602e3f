// Size budget of the script-tag build: min+gzip (level 9) of the files as built, checked by `npm run size`
// after `npm run build` (CI: .ci/run). The file lists come from dist/.vite/manifest.json
// (scripts/dist-files.mjs), so new adapters are budgeted without editing this file:
//  - dist/careslot.js with every chunk it imports statically (lit, the elements, the core): 40 kB;
//  - each backend adapter's lazy chunk: 8 kB; each lazy element (loaded when its tag appears): 8 kB;
//  - each chunk adapters share and the entry does not load: Luxon (reading vendors' wall-clock times) 23 kB,
//    the others (the HTTP client, the zone parser) 2 kB;
//  - the whole journey on each backend (the entry, every lazy element, the adapter and its imports): 60 kB.
// Limits are in kB of 1000 bytes. Only @size-limit/file is installed: size-limit measures the shipped
// files as they are, without bundling them again.
import { distFiles } from './scripts/dist-files.mjs';

const { entry, adapters, elements, shared } = distFiles('dist');
const allElements = [...new Set(elements.flatMap((element) => element.files))];
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
  ...shared.map((file) => ({
    name: `shared by adapters, loaded with the adapter (${file})`,
    path: inDist([file]),
    limit: /\/luxon-/.test(file) ? '23 kB' : '2 kB',
    gzip: true,
  })),
  ...adapters.map(({ backend, files }) => ({
    name: `the whole journey on the "${backend}" backend (careslot.js, every lazy element, the adapter and its imports)`,
    path: inDist([...new Set([...entry, ...allElements, ...files])]),
    limit: '60 kB',
    gzip: true,
  })),
];
