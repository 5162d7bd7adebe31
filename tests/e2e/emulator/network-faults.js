// "Network down" for a set of hosts during a period: the emulator refuses the
// TLS handshake for new connections to those names and destroys requests that
// arrive on connections already open, so the browser sees a connection error
// (ERR_CONNECTION_CLOSED and the like), not an HTTP error page.

export function createNetworkFaults(now) {
  /** @type {{hosts: Set<string>, until: number}[]} */
  let outages = [];

  return {
    /** Takes `hosts` down for `forMs` ms from now (Infinity: until restore()). */
    takeDown(hosts, forMs = Infinity) {
      outages.push({ hosts: new Set(hosts), until: now() + forMs });
    },

    restore() {
      outages = [];
    },

    isDown(host) {
      const t = now();
      outages = outages.filter((o) => t < o.until);
      return outages.some((o) => o.hosts.has(host));
    },
  };
}
