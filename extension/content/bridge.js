// The Streams bridge, injected (top frame only) into the custom-CCP origins
// named in the profiles' returnTo lists. Self-contained classic script: it is
// registered with chrome.scripting and must not depend on module loading.
//
// Page → extension (window.postMessage on the custom-CCP page, see README):
//   {source: "ccp-relogin", type: "auth-fail" | "contact-start" | "contact-end" | "agent-logout", contactId?}
// posted by the page itself or by a same-origin frame of it (window.top.postMessage).
// Extension → page: {kind: "reload-ccp-frame", connectOrigin} sets the src of
// every <iframe> on that Connect origin again (the frame may be a refused,
// blank error page that cannot reload itself). Replies {reloaded: n}. The
// iframe is also found inside open shadow roots and same-origin frames; one
// it cannot reach (closed shadow root, cross-origin parent) answers 0 and the
// worker reloads the whole tab instead.
(() => {
  if (globalThis.__ccpReloginBridgeLoaded) return;
  globalThis.__ccpReloginBridgeLoaded = true;

  const TYPES = new Set(["auth-fail", "contact-start", "contact-end", "agent-logout"]);
  const CONNECT_HOST = /^[a-z0-9-]+\.(?:my\.connect\.aws|awsapps\.com)$/i;

  const send = (message) => {
    try {
      chrome.runtime.sendMessage(message).catch(() => {});
    } catch {
      // The extension was reloaded: this copy is orphaned and stays silent.
    }
  };

  // Bounded walk over the page's iframes: the document, open shadow roots
  // (web-component CRMs) and same-origin frames (a softphone page inside the
  // CRM page). It runs only on a bridge message or a reload request, never per
  // mutation, so the querySelectorAll("*") for shadow hosts is affordable.
  const MAX_NESTING = 4;
  function* iframesIn(root, depth = 0) {
    for (const frame of root.querySelectorAll("iframe")) {
      yield frame;
      if (depth >= MAX_NESTING) continue;
      let inner = null;
      try {
        inner = frame.contentDocument; // null (or a throw) when cross-origin
      } catch {
        inner = null;
      }
      if (inner) yield* iframesIn(inner, depth + 1);
    }
    if (depth >= MAX_NESTING) return;
    for (const element of root.querySelectorAll("*")) {
      if (element.shadowRoot) yield* iframesIn(element.shadowRoot, depth + 1);
    }
  }

  const frameOrigin = (frame) => {
    try {
      return new URL(frame.getAttribute("src") ?? "", location.href);
    } catch {
      return null;
    }
  };

  // The CCP frame's URL, so the worker can match the profile (origin and path only).
  const ccpFrameSrc = () => {
    for (const frame of iframesIn(document)) {
      const url = frameOrigin(frame);
      if (url && url.protocol === "https:" && CONNECT_HOST.test(url.hostname)) return url.origin + url.pathname;
    }
    return null;
  };

  window.addEventListener("message", (event) => {
    // Only this page's own scripts or its same-origin frames (which can reach
    // this window directly anyway); never the Connect frame or other origins.
    if (event.origin !== location.origin) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data.source !== "ccp-relogin" || !TYPES.has(data.type)) return;
    const contactId = typeof data.contactId === "string" ? data.contactId.slice(0, 128) : null;
    send({ kind: "bridge-event", type: data.type, contactId, frameSrc: ccpFrameSrc() });
  });

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message?.kind !== "reload-ccp-frame" || typeof message.connectOrigin !== "string") return false;
    let reloaded = 0;
    for (const frame of iframesIn(document)) {
      const url = frameOrigin(frame);
      if (url && url.origin === message.connectOrigin) {
        frame.setAttribute("src", frame.getAttribute("src")); // setting src navigates again
        reloaded += 1;
      }
    }
    sendResponse({ reloaded });
    return false;
  });

  send({ kind: "bridge-ready" });
})();
