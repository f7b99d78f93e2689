// node:test reporter for scripts/test-all.mjs: counts the boot tests (suites are not tests) and
// keeps { passed, failed, skipped } as JSON in the file named by TOKENKEEPER_BOOT_REPORT. A file
// that fails before any test runs reports one failure of its own, so it is counted too. The file
// is rewritten synchronously after every test, because the runner is started with
// --test-force-exit (a broken app may leave timers behind) and would cut off a stream.
import fs from 'node:fs';
import process from 'node:process';

export default async function* countReporter(source) {
  const file = process.env.TOKENKEEPER_BOOT_REPORT;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const save = () => {
    if (file !== undefined) fs.writeFileSync(file, `${JSON.stringify(counts)}\n`);
  };
  save();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip !== undefined || event.data.todo !== undefined) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else counts.failed += 1;
    save();
  }
  yield '';
}
