// A web-test-runner reporter that counts results and writes them for scripts/test.mjs, which prints the
// closing "N passed, N failed" line (wtr's own summary shares its line with other text).
import { mkdirSync, writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function summaryReporter(outFile) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, files: 0 };
      for (const session of sessions) {
        totals.files++;
        const before = totals.passed + totals.failed + totals.skipped;
        count(session.testResults, totals);
        // A file that failed to load, or errored outside any test, counts as a failure.
        const ran = totals.passed + totals.failed + totals.skipped - before;
        if (!session.passed && (ran === 0 || (session.errors?.length ?? 0) > 0)) totals.failed++;
      }
      mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
      writeFileSync(outFile, JSON.stringify(totals));
    },
  };
}
