/**
 * Polls until `predicate` holds, for tests that watch a running console
 * against the demo PBX over real sockets. On time-out the error says what
 * was awaited and, through `describeState`, what the console held instead.
 */
export async function waitUntil(predicate: () => boolean, what: string, describeState: () => string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; ${describeState()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
