import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

/** Runs scripts/test.mjs on some files, as `npm test` does, and collects what it prints. */
function runner(...files: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/test.mjs', '--driver=pg', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('test runner guard against deprecations', () => {
  test('when a test process prints a deprecation warning, then the run fails and lists it, although every test passed', async () => {
    const { code, output } = await runner('test/helpers/deprecation-fixture.ts');
    assert.match(output, /pass 1/);
    assert.match(output, /FAIL: 1 DeprecationWarning line\(s\) printed during the suite/);
    assert.match(output, /\[pg\] +\(node:\d+\) DeprecationWarning: Calling the old thing is deprecated/);
    assert.equal(code, 1);
  });

  test('when the only warnings are not deprecations, then the run passes', async () => {
    const { code, output } = await runner('test/helpers/passing-fixture.ts');
    assert.doesNotMatch(output, /DeprecationWarning/);
    assert.equal(code, 0, output);
  });

  test('when NODE_OPTIONS tries to silence deprecations, then the guard still sees them', async () => {
    const previous = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${previous ?? ''} --no-deprecation`;
    try {
      const { code, output } = await runner('test/helpers/deprecation-fixture.ts');
      assert.match(output, /DeprecationWarning: Calling the old thing is deprecated/);
      assert.equal(code, 1);
    } finally {
      if (previous === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = previous;
    }
  });
});
