// The session probe's I/O half (the rules are in lib/probe-rules.js): a
// credentialed GET from the worker, which has host permission for Connect, so
// the browser sends the Connect session cookie and CORS does not apply.
import { interpretProbe, probeUrl } from "../lib/probe-rules.js";
import { stripQuery } from "../lib/url-rules.js";

export function createSessionProbe({ fetch, timers, log = () => {} }) {
  return async function probe(connectOrigin, settings, loginPaths) {
    const url = connectOrigin ? probeUrl(connectOrigin, settings) : null;
    if (!url) return "unknown";
    const controller = new AbortController();
    const timer = timers.setTimeout(() => controller.abort(), settings.timeoutMs);
    try {
      const response = await fetch(url, {
        credentials: "include",
        cache: "no-store",
        redirect: "follow",
        signal: controller.signal,
      });
      const result = interpretProbe(
        { status: response.status, redirected: response.redirected, url: response.url },
        settings,
        loginPaths,
      );
      log(`session probe ${stripQuery(url)}: HTTP ${response.status}${response.redirected ? ` via ${stripQuery(response.url)}` : ""} → ${result}`);
      return result;
    } catch (error) {
      log(`session probe ${stripQuery(url)} failed: ${error?.message ?? error} → unknown`);
      return interpretProbe({ error: String(error) }, settings, loginPaths);
    } finally {
      timers.clearTimeout(timer);
    }
  };
}
