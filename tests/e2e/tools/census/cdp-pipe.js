// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// Chromium reads NUL-terminated JSON messages on its fd 3 and writes them on
// its fd 4. Only what the stall census needs: commands (browser-wide or to a
// flat session) and events. No Playwright, and nothing attaches to a target
// unless the caller sends Target.setAutoAttach / Target.attachToTarget.

/**
 * @param {import("node:stream").Writable} toBrowser   the child's fd 3
 * @param {import("node:stream").Readable} fromBrowser the child's fd 4
 */
export function createPipeClient(toBrowser, fromBrowser) {
  let nextId = 0;
  const pending = new Map(); // id → {resolve, reject, method}
  const listeners = new Set();
  let buffered = "";

  fromBrowser.setEncoding("utf8");
  fromBrowser.on("data", (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\0"); end >= 0; end = buffered.indexOf("\0")) {
      const text = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      deliver(JSON.parse(text));
    }
  });
  fromBrowser.on("close", () => {
    for (const { reject, method } of pending.values()) reject(new Error(`${method}: the browser closed the pipe`));
    pending.clear();
  });

  function deliver(message) {
    if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
      else waiter.resolve(message.result ?? {});
      return;
    }
    for (const listener of listeners) listener(message); // {method, params, sessionId?}
  }

  return {
    /** Sends a command; `sessionId` addresses an attached target (flat mode). */
    send(method, params = {}, sessionId = undefined) {
      const id = (nextId += 1);
      const message = { id, method, params, ...(sessionId ? { sessionId } : {}) };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        toBrowser.write(`${JSON.stringify(message)}\0`);
      });
    },
    /** Calls `listener({method, params, sessionId})` for every event. */
    onEvent(listener) {
      listeners.add(listener);
    },
  };
}
