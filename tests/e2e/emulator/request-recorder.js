// Keeps a log of every request the emulated services saw, so tests assert on
// exactly what Connect, Entra and AWS would have received. Emulator plumbing
// (the CCP's heartbeat and its state beacons) is marked `internal` and left
// out of requests() unless asked for.

/**
 * @typedef {object} RecordedRequest
 * @property {number} seq           order of arrival
 * @property {number} time          ms since the emulator started
 * @property {string} host
 * @property {string} method
 * @property {string} path          pathname, still percent-encoded as sent
 * @property {string} query         raw query without "?", as sent
 * @property {Record<string,string>} params  query decoded once (first value of each name)
 * @property {string|undefined} fetchDest    Sec-Fetch-Dest (document, iframe, empty…)
 * @property {string|undefined} referer
 * @property {boolean} refused      true when the network-down knob dropped it
 * @property {boolean} internal     emulator plumbing, not a real service request
 * @property {number|undefined} status
 * @property {Record<string,string>} form    selected POST fields (never the SAMLResponse)
 * @property {string|undefined} outcome  what the service decided (e.g. "signed-in", "invalid-destination")
 */

export function createRequestRecorder(now) {
  /** @type {RecordedRequest[]} */
  let log = [];
  let seq = 0;

  return {
    /** Records a request as it arrives; returns the entry so later stages can annotate it. */
    record({ host, method, url, headers, refused = false, internal = false }) {
      const entry = {
        seq: ++seq,
        time: now(),
        host,
        method,
        path: url.pathname,
        query: url.search.slice(1),
        params: Object.fromEntries(url.searchParams),
        fetchDest: headers["sec-fetch-dest"],
        referer: headers.referer,
        refused,
        internal,
        status: undefined,
        form: {},
        outcome: undefined,
      };
      log.push(entry);
      return entry;
    },

    /** A TLS handshake refused by the network-down knob: no request was ever read. */
    recordRefusedHandshake(host) {
      log.push({
        seq: ++seq, time: now(), host, method: "TLS", path: "", query: "", params: {},
        fetchDest: undefined, referer: undefined, refused: true, internal: false, status: undefined, form: {}, outcome: "refused",
      });
    },

    /**
     * The log, oldest first. `filter` may be a function or an object whose
     * fields must all match (`path` may be a RegExp).
     */
    requests(filter = {}, { includeInternal = false } = {}) {
      const visible = log.filter((r) => includeInternal || !r.internal);
      if (typeof filter === "function") return visible.filter(filter);
      return visible.filter((r) =>
        Object.entries(filter).every(([key, want]) =>
          want instanceof RegExp ? want.test(r[key]) : r[key] === want,
        ),
      );
    },

    clear() {
      log = [];
    },
  };
}
