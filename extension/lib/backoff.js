// Exponential back-off with jitter. Pure: the random source is an argument,
// so tests pin it. Jitter spreads reconnects of many agents' browsers after a
// shared outage.

export const HOST_RECONNECT_BACKOFF = Object.freeze({ baseMs: 1000, factor: 2, maxMs: 5 * 60_000, jitter: 0.2 });
export const OFFLINE_RETRY_BACKOFF = Object.freeze({ baseMs: 5000, factor: 2, maxMs: 2 * 60_000, jitter: 0.2 });

/**
 * Delay before retry number `attempt` (0 = first retry):
 * min(maxMs, baseMs·factor^attempt), scaled by a factor in [1-jitter, 1+jitter].
 */
export function backoffDelay(attempt, { baseMs, factor, maxMs, jitter }, random = Math.random) {
  const n = Math.max(0, Math.min(Number.isFinite(attempt) ? Math.floor(attempt) : 0, 60));
  const raw = Math.min(maxMs, baseMs * factor ** n);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(raw * (1 - jitter + 2 * jitter * r));
}
