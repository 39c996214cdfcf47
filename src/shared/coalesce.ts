/**
 * Runs `run` at most once per `intervalMs` however often it is asked for: the first request
 * starts the interval, every request during it is folded into the one run at its end, and a
 * request made while a run is in progress starts the next interval once that run is done (two
 * runs' starts are always at least `intervalMs` apart). For a signal that a burst may trigger
 * (a public counter after each payment) and that only needs its latest state sent. `run` handles
 * its own failures (it must not reject).
 */
export function coalesced(run: () => Promise<void>, intervalMs: number): { request(): void; close(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let pending = false;
  let closed = false;
  const start = () => {
    timer = setTimeout(fire, intervalMs);
    timer.unref?.();
  };
  async function fire(): Promise<void> {
    timer = undefined;
    pending = false;
    running = true;
    try {
      await run();
    } finally {
      running = false;
      if (pending && !closed) start();
    }
  }
  return {
    request() {
      if (closed) return;
      if (running) pending = true;
      else if (!timer) start();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
