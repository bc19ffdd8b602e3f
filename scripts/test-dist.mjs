#!/usr/bin/env node
// The distribution suite of `npm test`: a fresh `npm run build` (dist/careslot.js and its chunks, the npm
// build in dist/lib, custom-elements.json), then the node:test files in test/dist/ that drive the built
// files in Chromium and install the packed tarball into a throwaway project. Writes its counts to
// .tmp/dist-summary.json for scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const SUMMARY = '.tmp/dist-summary.json';
mkdirSync('.tmp', { recursive: true });

console.log('npm run build');
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed; the dist tests cannot run.');
  writeFileSync(SUMMARY, JSON.stringify({ passed: 0, failed: 1, skipped: 0, files: 0 }));
  process.exit(1);
}

const files = readdirSync('test/dist')
  .filter((name) => name.endsWith('.test.mjs'))
  .sort()
  .map((name) => `test/dist/${name}`);
const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-test-summary.mjs',
    `--test-reporter-destination=${SUMMARY}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
