// Waiting on conditions, never on the clock: poll a condition until it holds
// or the timeout passes, then fail with what was last seen.

/**
 * Resolves the first truthy value of `condition()` (sync or async).
 * @param {() => any} condition
 * @param {{timeoutMs?: number, intervalMs?: number, what: string}} options
 *   `what` names the awaited state in the error ("the CCP frame to be signed in");
 *   a function is called at timeout, to describe the state then.
 */
export async function waitFor(condition, { timeoutMs = 15_000, intervalMs = 50, what }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await condition();
      if (last) return last;
    } catch (error) {
      last = error; // a page navigating away mid-evaluate, for example: try again
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? `last error: ${last.message}` : `last value: ${JSON.stringify(last)}`;
      const label = typeof what === "function" ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label} (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
