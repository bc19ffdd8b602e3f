#!/usr/bin/env node
// `npm test`: every test, in real headless Chromium. Ends with one line "N passed, N failed, N skipped".
// Extra arguments go to web-test-runner (e.g. `npm test -- --files test/slot-picker.test.ts`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { HOW_TO_GET_CHROMIUM, findChromium } from './chromium.mjs';

// Resolve the browser once (it may be unpacked on first use) and hand it to every suite below.
const chromiumPath = await findChromium();
if (!chromiumPath) {
  console.error(HOW_TO_GET_CHROMIUM);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
process.env.CHROME_PATH = chromiumPath;

const totals = { passed: 0, failed: 0, skipped: 0 };
const args = process.argv.slice(2);

/**
 * Runs one suite and adds its counts. `summaryFile` holds `{ passed, failed, skipped }`, or whatever the
 * tool writes if `convert` turns it into that shape.
 */
function run(name, command, commandArgs, summaryFile, convert = (json) => json) {
  rmSync(summaryFile, { force: true });
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (existsSync(summaryFile)) {
    const counts = convert(JSON.parse(readFileSync(summaryFile, 'utf8')));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (result.status !== 0 && counts.failed === 0) totals.failed++;
  } else if (result.status !== 0 || result.error) {
    console.error(`${name} did not run to the end (exit ${result.status ?? result.error?.message}).`);
    totals.failed++;
  }
}

run(
  'web-test-runner (elements, core, adapters)',
  'npx',
  ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...args],
  '.tmp/wtr-summary.json',
);

/** Vitest's JSON report → counts. A story file that failed to load (no tests ran) counts as one failure. */
function vitestCounts(report) {
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

// Every Storybook story as a test (render, play function, axe with a11y.test = 'error'), in Chromium through
// @storybook/addon-vitest. Skipped when arguments pick web-test-runner files.
if (args.length === 0) {
  run(
    'storybook stories (play functions and axe, vitest browser mode)',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'storybook',
      '--reporter=default',
      '--reporter=json',
      '--outputFile=.tmp/vitest.json',
    ],
    '.tmp/vitest.json',
    vitestCounts,
  );
}

// The distribution suite (test/dist/, node:test): a fresh `npm run build`, then the built script-tag file in
// Chromium (examples/: script tag, strict CSP, hostile CSS, two copies) and the packed tarball in a consumer
// project. Skipped when arguments pick web-test-runner files.
if (args.length === 0)
  run(
    'dist (build, examples in Chromium, npm package)',
    process.execPath,
    ['scripts/test-dist.mjs'],
    '.tmp/dist-summary.json',
  );

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
