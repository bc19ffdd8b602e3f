// Size budget of the script-tag build: min+gzip (level 9) of the files as built, checked by `npm run size`
// after `npm run build` (CI: .ci/run). The file lists come from dist/.vite/manifest.json
// (scripts/dist-files.mjs), so new adapters are budgeted without editing this file:
//  - dist/careslot.js with every chunk it imports statically (lit, luxon, elements, core): 40 kB;
//  - each backend adapter's lazy chunk: 8 kB;
//  - the chunks adapters share and the entry does not load (the HTTP client): 2 kB. A page using an
//    HTTP backend downloads its adapter chunk plus these.
// Limits are in kB of 1000 bytes. Only @size-limit/file is installed: size-limit measures the shipped
// files as they are, without bundling them again.
import { distFiles } from './scripts/dist-files.mjs';

const { entry, adapters, shared } = distFiles('dist');
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
  ...(shared.length
    ? [
        {
          name: `code shared by adapters, loaded with the first HTTP adapter (${shared.join(', ')})`,
          path: inDist(shared),
          limit: '2 kB',
          gzip: true,
        },
      ]
    : []),
];
