// HTML of the emulated Amazon Connect pages. The signed-in CCP tells its
// parent frame (the custom CCP) its state by postMessage, as the real CCP's
// Streams conduit does, and beacons the same to the emulator so tests can
// time "expiry shown" and "CCP signed in again" without the browser.
import { escapeHtml, page } from "../http-replies.js";

const EXPIRED_CLASS = "session-expired";

/** The expiry dialog, as docs/facts.md, "What expiry looks like", describes it. */
export function expiryDialogHtml(texts) {
  return `<div role="alertdialog" class="${EXPIRED_CLASS}"><h2>${escapeHtml(texts.expiredTitle)}</h2>` +
    `<p>${escapeHtml(texts.expiredBody)}</p></div>`;
}

/**
 * Script shared by Connect app pages: report a state to the parent frame and
 * to the emulator. `base` is the instance's path prefix ("" or "/connect").
 */
function reportScript(base) {
  return `const ccpBase = ${JSON.stringify(base)};
function reportState(state) {
  const embedded = window.parent !== window;
  if (embedded) window.parent.postMessage({ source: "emulated-ccp", state }, "*");
  const q = new URLSearchParams({ state, embedded: embedded ? "1" : "0", page: location.pathname });
  fetch(ccpBase + "/emulator/ccp-state?" + q, { keepalive: true, cache: "no-store" }).catch(() => {});
}`;
}

/**
 * A signed-in Connect page. The CCP (ccp-v2) shows #ccp-ready and the chat
 * transcript; other Connect pages show #connect-ready. Every one polls its
 * session and, once it is gone, shows the expiry the scenario asks for.
 */
export function signedInPageHtml({ texts, lang, base, pathname, isCcp, style, heartbeatMs, chatTranscript }) {
  const main = isCcp
    ? `<main id="ccp-ready">${escapeHtml(texts.ready)}</main><a id="ccp-logout" href="${escapeHtml(base)}/logout">Log out</a>`
    : `<main id="connect-ready" data-path="${escapeHtml(pathname)}">Amazon Connect</main>`;
  const transcript = isCcp
    ? `<div role="log" class="chat-transcript">${chatTranscript ? `<p class="customer">${escapeHtml(chatTranscript)}</p>` : ""}</div>`
    : "";
  const onExpired = style === "redirect"
    ? "location.reload();" // the server now answers with the redirect to the login page
    : `document.body.innerHTML = ${JSON.stringify(expiryDialogHtml(texts))};`;
  return page({
    title: "Amazon Connect",
    lang,
    body: `${main}${transcript}<script>${reportScript(base)}
reportState("signed-in");
const heartbeat = setInterval(async () => {
  let response;
  try { response = await fetch(ccpBase + "/emulator/ccp-heartbeat", { cache: "no-store" }); } catch { return; }
  if (response.status !== 401) return;
  clearInterval(heartbeat);
  reportState("signed-out");
  ${onExpired}
}, ${Number(heartbeatMs)});
</script>`,
  });
}

/** A Connect page opened without a session, expiry style "text". */
export function expiredPageHtml({ texts, lang, base }) {
  return page({
    title: "Amazon Connect",
    lang,
    body: `${expiryDialogHtml(texts)}<script>${reportScript(base)}\nreportState("signed-out");</script>`,
  });
}

export function loginPageHtml({ texts, lang }) {
  return page({
    title: "Amazon Connect - Log in",
    lang,
    body: `<h1>Amazon Connect</h1><form method="POST" action="#"><label>Username <input name="username"></label>` +
      `<label>Password <input type="password" name="password"></label><button type="submit">${escapeHtml(texts.login)}</button></form>`,
  });
}

export function notFoundPageHtml(what) {
  return page({ title: "Page not found", body: `<h1>Page not found</h1><p>${escapeHtml(what)}</p>` });
}
