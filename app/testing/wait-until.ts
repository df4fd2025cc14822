const POLL_MS = 5;

/**
 * Polls until `predicate` holds, for tests that watch something running over
 * real sockets or timers (a console against the demo PBX, a UDP listener).
 * On time-out the error says what was awaited and, through `describeState`,
 * what was there instead.
 */
export async function waitUntil(predicate: () => boolean, what: string, describeState?: () => string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeState ? `; ${describeState()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
