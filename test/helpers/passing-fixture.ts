// Not a suite file (test/helpers is never collected): test/runner.test.ts runs it through
// scripts/test.mjs as the control case of the DeprecationWarning guard.
import { test } from 'node:test';

test('when nothing is deprecated, then the run stays green', () => {
  process.emitWarning('An ordinary warning, not a deprecation');
});
