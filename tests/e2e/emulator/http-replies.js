// Small response and request helpers shared by the emulated services.

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sendHtml(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(body);
}

export function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(value));
}

export function sendRedirect(res, location, headers = {}) {
  res.writeHead(302, { location, "cache-control": "no-store", ...headers });
  res.end();
}

// A grey banner naming the emulated page, so screenshots read on their own.
// It is CSS generated content: not part of the page's text, so it can never
// match (or hide) what the extension looks for.
const BANNER_STYLE = "<style>body{font-family:sans-serif;margin:0 8px 8px}" +
  "body::before{content:'emulated \\00b7  ' attr(data-page);display:block;margin:0 -8px 8px;padding:3px 8px;" +
  "background:#4a4a4a;color:#fff;font-size:12px}</style>";

/** A minimal HTML document; pages stay small so failures are easy to read in screenshots. */
export function page({ title, lang = "en", body, head = "" }) {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title>${BANNER_STYLE}${head}</head><body data-page="${escapeHtml(title)}">${body}</body></html>`;
}

/** Cookies of a request as a name → value map (first value wins, as browsers send most specific first). */
export function requestCookies(req) {
  const cookies = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}

const MAX_FORM_BYTES = 256 * 1024;

/** Reads an application/x-www-form-urlencoded body, decoded once. */
export async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error("form body too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** An HTML form that the browser submits on load, as IdPs post SAML responses. */
export function autoPostForm({ action, fields, title }) {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return page({
    title,
    body: `<form method="POST" action="${escapeHtml(action)}">${inputs}` +
      `<noscript><button type="submit">Continue</button></noscript></form>` +
      `<script>document.forms[0].submit()</script>`,
  });
}
