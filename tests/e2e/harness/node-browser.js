// A tiny browser for driving the emulator from node, without Chromium: it
// verifies the emulator's certificate, keeps cookies per domain, follows
// redirects and submits the emulator's auto-posting forms. Used by the fast
// emulator unit tests. It understands only the emulator's own pages (the
// auto-post form is matched with a regex for that reason), not HTML at large.
import { request as httpsRequest } from "node:https";

const AUTO_POST = /<form method="POST" action="([^"]*)">(.*?)<\/form><script>document\.forms\[0\]\.submit\(\)<\/script>/s;
const HIDDEN_INPUT = /<input type="hidden" name="([^"]*)" value="([^"]*)">/g;

const unescapeHtml = (s) => s.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));

export function createNodeBrowser(emulator) {
  /** @type {{name: string, value: string, domain: string, hostOnly: boolean}[]} */
  let cookies = [];

  const matches = (cookie, host) =>
    cookie.hostOnly ? host === cookie.domain : host === cookie.domain || host.endsWith(`.${cookie.domain}`);

  function storeCookies(host, setCookie = []) {
    for (const header of setCookie) {
      const [pair, ...attributes] = header.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const domainAttr = attributes.find((a) => /^domain=/i.test(a));
      const domain = domainAttr ? domainAttr.slice(7).replace(/^\./, "") : host;
      cookies = cookies.filter((c) => !(c.name === name && c.domain === domain));
      cookies.push({ name, value: pair.slice(eq + 1), domain, hostOnly: !domainAttr });
    }
  }

  /** One request; resolves {status, headers, body}. `form` makes it a urlencoded POST. */
  function fetchOnce(url, { method = "GET", form = null, headers = {} } = {}) {
    const target = new URL(url);
    const body = form ? new URLSearchParams(form).toString() : null;
    const cookieHeader = cookies.filter((c) => matches(c, target.hostname)).map((c) => `${c.name}=${c.value}`).join("; ");
    return new Promise((resolve, reject) => {
      const req = httpsRequest({
        host: "127.0.0.1",
        port: emulator.port,
        servername: target.hostname, // SNI, and the name the certificate must carry
        ca: emulator.certificate,
        method: form ? "POST" : method,
        path: target.pathname + target.search,
        agent: false,
        headers: {
          host: target.hostname,
          ...(cookieHeader ? { cookie: cookieHeader } : {}),
          ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } : {}),
          ...headers,
        },
      }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          storeCookies(target.hostname, res.headers["set-cookie"]);
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      });
      req.on("error", reject);
      req.end(body ?? undefined);
    });
  }

  /**
   * Opens `url` like a top-level navigation: follows redirects and auto-posted
   * forms. Resolves {url, status, body, chain} where chain lists every URL.
   * With `stopBefore(url)`, resolves {url, form, chain, stopped: true} instead
   * of requesting the first URL it accepts.
   */
  async function navigate(url, { maxHops = 20, stopBefore = () => false } = {}) {
    const chain = [];
    let next = { url, form: null };
    for (let hop = 0; hop < maxHops; hop++) {
      if (stopBefore(next.url)) return { url: next.url, form: next.form, chain, stopped: true };
      chain.push(next.url);
      const response = await fetchOnce(next.url, { form: next.form });
      if (response.status >= 300 && response.status < 400 && response.headers.location) {
        next = { url: new URL(response.headers.location, next.url).href, form: null };
        continue;
      }
      const autoPost = AUTO_POST.exec(response.body);
      if (autoPost) {
        const fields = Object.fromEntries([...autoPost[2].matchAll(HIDDEN_INPUT)].map(([, n, v]) => [unescapeHtml(n), unescapeHtml(v)]));
        next = { url: new URL(unescapeHtml(autoPost[1]), next.url).href, form: fields };
        continue;
      }
      return { url: next.url, status: response.status, headers: response.headers, body: response.body, chain };
    }
    throw new Error(`more than ${maxHops} hops from ${url}: ${chain.join(" → ")}`);
  }

  return {
    fetch: fetchOnce,
    navigate,
    cookies: () => cookies.map((c) => ({ ...c })),
    setCookie: (cookie) => storeCookies(cookie.domain, [`${cookie.name}=${cookie.value}`]),
  };
}
