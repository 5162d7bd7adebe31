// A manual clock with setTimeout/clearTimeout: tests move time with advance(),
// never sleep.

export function createFakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let now = start;
  let nextId = 1;
  const timers = new Map(); // id → {at, fn}

  return {
    now: () => now,
    setTimeout(fn, ms = 0) {
      const id = nextId;
      nextId += 1;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
    /** Moves time forward, running due timers in time order (timers they set included). */
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let due = null;
        for (const [id, t] of timers) if (t.at <= end && (!due || t.at < due[1].at)) due = [id, t];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
    /** Moves time forward without running timers: a worker that slept (its timers died). */
    jump(ms) {
      now += ms;
      timers.clear();
    },
    pending: () => timers.size,
    pendingDelays: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
  };
}
