/**
 * Polls `check` until it answers true (a throw counts as "not yet"). Not a speed check: the
 * deadline only turns "never" into a failure naming what was awaited.
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
