// A node:test reporter that counts results and writes the same JSON as scripts/summary-reporter.mjs
// ({ passed, failed, skipped, files }), so scripts/test.mjs can add them to the closing line. It writes
// to its --test-reporter-destination; use it next to the `spec` reporter for readable output.
export default async function* summary(source) {
  const totals = { passed: 0, failed: 0, skipped: 0, files: 0 };
  const files = new Set();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    // describe() blocks report too; count only the tests. A file that fails to load is reported as a
    // failed test at nesting 0, and counts as one failure.
    if (data.details?.type === 'suite') {
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') totals.failed++;
      continue;
    }
    if (data.file) files.add(data.file);
    if (data.skip || data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else totals.failed++;
  }
  totals.files = files.size;
  yield `${JSON.stringify(totals)}\n`;
}
