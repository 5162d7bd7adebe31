// The company's custom CCP, https://agents.example.com/<page>: embeds a
// Connect page in an iframe the way an amazon-connect-streams page does,
// carries the documented Streams bridge snippet (docs/protocol.md, "The Streams bridge"), and shows in
// #ccp-status whether its CCP frame is signed in. A notes field
// (#agent-notes) stands for the agent's work on the page, which a re-login
// must not lose.
//
// Streams itself is not loaded (it would need the real Connect): a stand-in
// `connect` object offers the calls the bridge snippet uses. Its onAuthFail
// fires when the CCP frame reports that it is signed out, which is what
// Streams does when the CCP's session is gone; its event bus's TERMINATED
// fires after the page's own Log out (emulatedStreams.logOut()).
//
// Where the CCP iframe (#ccp) sits is the `customCcp.embedding` knob:
//  - "iframe": directly in the page;
//  - "shadow-root": in the open shadow root of a <ccp-softphone> element;
//  - "same-origin-frame": in <page>/softphone, a page of the same site framed
//    by the page (a softphone inside a CRM page). Streams and the bridge
//    snippet run there and post to window.top; it writes the top page's
//    #ccp-status, so tests read the status from the top page in every case.
import { escapeHtml, page, sendHtml } from "../http-replies.js";

const SOFTPHONE_SUFFIX = "/softphone";
const STREAMS_POPUP_BEACON = "/emulator/streams-popup";

/** The iframe a Streams page creates for the CCP. */
function ccpIframeHtml(frameUrl) {
  return `<iframe id="ccp" src="${escapeHtml(frameUrl)}" allow="microphone; autoplay; clipboard-write" width="420" height="560"></iframe>`;
}

/** The documented snippet (docs/protocol.md, "The Streams bridge"); `target` is the window it posts to. */
function bridgeSnippet(target) {
  return `// --- Streams bridge snippet, as a customer pastes it (docs/protocol.md, "The Streams bridge") ---
connect.core.onAuthFail(() => ${target}.postMessage({source: "ccp-relogin", type: "auth-fail"}, "*"));
connect.core.getEventBus().subscribe(connect.EventType.TERMINATED, () => ${target}.postMessage({source: "ccp-relogin", type: "agent-logout"}, "*"));
connect.contact((contact) => {
  contact.onConnecting(() => ${target}.postMessage({source: "ccp-relogin", type: "contact-start", contactId: contact.contactId}, "*"));
  contact.onEnded(() => ${target}.postMessage({source: "ccp-relogin", type: "contact-end", contactId: contact.contactId}, "*"));
});
// --- end of snippet ---`;
}

/**
 * The Streams stand-in, the CCP frame's state listener and (optionally) the
 * bridge snippet, for the document that holds the CCP iframe. `top` is the
 * expression of the window whose page shows #ccp-status and receives the
 * bridge messages ("window" or "window.top").
 */
/**
 * Streams' login popup (scenario knob customCcp.loginPopup): as its
 * PopupManager does with loginOptions, a named window first, then loginUrl
 * in it. Each attempt is beaconed to the emulator (/emulator/streams-popup,
 * opened=1 when the browser gave a window, 0 when a popup blocker said no),
 * so a test learns of it without touching the page: Playwright's evaluate
 * counts as a user gesture, which would let any popup through.
 */
function loginPopupScript(loginPopup, top) {
  if (!loginPopup) return "";
  return `const LOGIN_POPUP = ${JSON.stringify(loginPopup)};
function openLoginPopup() {
  const features = "width=433, height=578, top=0, left=0";
  window.open("", "connect::loginPopup", features);
  const win = window.open(LOGIN_POPUP.loginUrl, "connect::loginPopup", features);
  fetch("/emulator/streams-popup?opened=" + (win !== null ? 1 : 0), { keepalive: true, cache: "no-store" }).catch(() => {});
}
authFailHandlers.push(() => setTimeout(openLoginPopup, LOGIN_POPUP.delayMs));`;
}

function streamsScript({ frameOrigin, streamsBridge, loginPopup, top }) {
  return `// Stand-in for amazon-connect-streams (see the comment in custom-ccp.js).
const authFailHandlers = [];
const contactHandlers = [];
const busHandlers = { terminated: [] };
window.connect = {
  EventType: { TERMINATED: "terminated" },
  core: {
    onAuthFail: (handler) => authFailHandlers.push(handler),
    getEventBus: () => ({ subscribe: (type, handler) => busHandlers[type]?.push(handler) }),
  },
  contact: (handler) => contactHandlers.push(handler),
};
// Tests drive contacts from the top page: emulatedStreams.startContact("c-1") / endContact("c-1").
const contacts = new Map();
${top}.emulatedStreams = {
  startContact(contactId) {
    const listeners = { connecting: [], ended: [] };
    const contact = { contactId, onConnecting: (f) => listeners.connecting.push(f), onEnded: (f) => listeners.ended.push(f) };
    contacts.set(contactId, listeners);
    contactHandlers.forEach((h) => h(contact));
    listeners.connecting.forEach((f) => f());
  },
  endContact(contactId) {
    contacts.get(contactId)?.ended.forEach((f) => f());
    contacts.delete(contactId);
  },
  // A custom UI's own Log out, as Streams documents it ("Logging out"): the
  // logout endpoint by fetch, then TERMINATE, which Streams answers with TERMINATED.
  async logOut() {
    await fetch(${JSON.stringify(frameOrigin)} + "/logout", { credentials: "include", mode: "no-cors" }).catch(() => {});
    busHandlers.terminated.forEach((h) => h());
  },
};
window.addEventListener("message", (event) => {
  if (event.origin !== ${JSON.stringify(frameOrigin)} || event.data?.source !== "emulated-ccp") return;
  const status = ${top}.document.getElementById("ccp-status");
  status.textContent = event.data.state;
  if (event.data.state === "signed-in") status.dataset.signedInCount = Number(status.dataset.signedInCount) + 1;
  if (event.data.state === "signed-out") authFailHandlers.forEach((handler) => handler());
});
${loginPopupScript(loginPopup, top)}
${streamsBridge ? bridgeSnippet(top) : ""}`;
}

const STATUS_AND_NOTES = `<p>CCP: <span id="ccp-status" data-signed-in-count="0">loading</span></p>
<p><label>Notes <textarea id="agent-notes" rows="2" cols="40"></textarea></label></p>`;

/** The page the agent opens, with its CCP iframe placed as `embedding` says. */
function customCcpPageHtml({ pagePath, frameUrl, streamsBridge, loginPopup, embedding }) {
  const frameOrigin = new URL(frameUrl).origin;
  const header = `<h1>Acme agent desktop</h1>\n${STATUS_AND_NOTES}\n`;
  if (embedding === "same-origin-frame") {
    return page({
      title: "Acme agent desktop",
      body: `${header}<iframe id="softphone" src="${escapeHtml(pagePath + SOFTPHONE_SUFFIX)}" width="460" height="600"></iframe>`,
    });
  }
  const streams = streamsScript({ frameOrigin, streamsBridge, loginPopup, top: "window" });
  if (embedding === "shadow-root") {
    return page({
      title: "Acme agent desktop",
      body: `${header}<ccp-softphone></ccp-softphone>
<script>
// A web component that keeps the CCP iframe in its (open) shadow root.
customElements.define("ccp-softphone", class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: "open" }).innerHTML = ${JSON.stringify(ccpIframeHtml(frameUrl))};
  }
});
${streams}
</script>`,
    });
  }
  return page({ title: "Acme agent desktop", body: `${header}${ccpIframeHtml(frameUrl)}\n<script>\n${streams}\n</script>` });
}

/** The softphone page of the "same-origin-frame" embedding: the CCP iframe and Streams, reporting to window.top. */
function softphonePageHtml({ frameUrl, streamsBridge, loginPopup }) {
  const frameOrigin = new URL(frameUrl).origin;
  return page({
    title: "Acme softphone",
    body: `${ccpIframeHtml(frameUrl)}\n<script>\n${streamsScript({ frameOrigin, streamsBridge, loginPopup, top: "window.top" })}\n</script>`,
  });
}

export function createCustomCcpService({ scenario }) {
  const notFound = (res) => sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));
  return {
    handle(req, res, { url }) {
      const { pages, streamsBridge, loginPopup, embedding } = scenario().customCcp;
      const frameFor = (path) => (Object.hasOwn(pages, path) ? pages[path] : null);
      if (url.pathname === STREAMS_POPUP_BEACON) return sendHtml(res, 204, "");
      const frameUrl = frameFor(url.pathname);
      if (frameUrl) return sendHtml(res, 200, customCcpPageHtml({ pagePath: url.pathname, frameUrl, streamsBridge, loginPopup, embedding }));
      if (embedding === "same-origin-frame" && url.pathname.endsWith(SOFTPHONE_SUFFIX)) {
        const softphoneFrameUrl = frameFor(url.pathname.slice(0, -SOFTPHONE_SUFFIX.length));
        if (softphoneFrameUrl) return sendHtml(res, 200, softphonePageHtml({ frameUrl: softphoneFrameUrl, streamsBridge, loginPopup }));
      }
      return notFound(res);
    },
  };
}
