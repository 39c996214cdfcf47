import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { coalesced } from '../src/shared/coalesce.ts';

/** Lets the promise callbacks queued by a run settle (no time passes: the timers are mocked). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** Moves the mocked timers on by `ms`, then lets the run they started settle. */
const advance = async (t: TestContext, ms: number) => {
  t.mock.timers.tick(ms);
  await settle();
};

describe('coalesced signal', () => {
  test('when a burst asks many times, then one run comes at the end of the interval, and the next no sooner than an interval later', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let runs = 0;
    const signal = coalesced(async () => {
      runs++;
    }, 1000);
    for (let i = 0; i < 50; i++) signal.request();
    t.mock.timers.tick(999);
    assert.equal(runs, 0);
    await advance(t, 1);
    assert.equal(runs, 1);
    signal.request();
    signal.request();
    await advance(t, 999);
    assert.equal(runs, 1);
    await advance(t, 1);
    assert.equal(runs, 2);
    await advance(t, 10_000);
    assert.equal(runs, 2, 'nothing asked: nothing runs');
    signal.close();
  });

  test('when asked during a run, then one more run follows a full interval after that run ends', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let runs = 0;
    let finish: () => void = () => undefined;
    const signal = coalesced(async () => {
      runs++;
      await new Promise<void>((resolve) => (finish = resolve));
    }, 1000);
    signal.request();
    await advance(t, 1000);
    assert.equal(runs, 1);
    signal.request();
    signal.request();
    await advance(t, 5000);
    assert.equal(runs, 1, 'the run in progress is not doubled');
    finish();
    await settle();
    await advance(t, 999);
    assert.equal(runs, 1);
    await advance(t, 1);
    assert.equal(runs, 2);
    finish();
    await settle();
    signal.close();
  });

  test('when closed, then a pending run never comes', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let runs = 0;
    const signal = coalesced(async () => {
      runs++;
    }, 1000);
    signal.request();
    signal.close();
    signal.request();
    await advance(t, 5000);
    assert.equal(runs, 0);
  });
});
