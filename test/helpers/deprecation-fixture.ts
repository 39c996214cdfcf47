// Not a suite file (test/helpers is never collected): test/runner.test.ts runs it through
// scripts/test.mjs to prove the runner fails a run whose processes print a DeprecationWarning.
import { test } from 'node:test';

test('when a dependency emits a deprecation, then this test itself still passes', () => {
  process.emitWarning('Calling the old thing is deprecated', 'DeprecationWarning');
});
