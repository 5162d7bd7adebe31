// Routes each request to the service that owns its Host header, records it,
// and applies the network-down knob before any service sees it.
import { hostMatchesPattern } from "./emulated-hosts.js";
import { sendHtml, page, escapeHtml } from "./http-replies.js";

/**
 * @param {{patterns: string[], service: {handle(req, res, ctx): Promise<void>|void}}[]} routes
 * @param {{recorder, faults, internalPath: RegExp}} deps
 */
export function createRouter(routes, { recorder, faults, internalPath }) {
  const serviceFor = (host) => routes.find((r) => r.patterns.some((p) => hostMatchesPattern(host, p)))?.service;

  return async function route(req, res) {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    let url;
    try {
      url = new URL(req.url, `https://${host || "invalid"}`);
    } catch {
      sendHtml(res, 400, page({ title: "Bad request", body: "<h1>Bad request</h1>" }));
      return;
    }
    const down = faults.isDown(host);
    const entry = recorder.record({
      host, method: req.method, url, headers: req.headers, refused: down, internal: internalPath.test(url.pathname),
    });
    res.on("finish", () => { entry.status = res.statusCode; });
    if (down) {
      entry.outcome = "refused";
      req.socket.destroy();
      return;
    }
    const service = serviceFor(host);
    if (!service) {
      sendHtml(res, 421, page({ title: "Misdirected", body: `<h1>No emulated service for ${escapeHtml(host)}</h1>` }));
      return;
    }
    try {
      await service.handle(req, res, { host, url, entry });
    } catch (error) {
      // An emulator bug must show up as a loud 500 in the test, not a hang.
      if (!res.headersSent) sendHtml(res, 500, page({ title: "Emulator error", body: `<pre>${escapeHtml(error.stack)}</pre>` }));
      else res.destroy(error);
    }
  };
}
