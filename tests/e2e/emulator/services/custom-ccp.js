// The company's custom CCP, https://agents.example.com/<page>: embeds a
// Connect page in an iframe the way an amazon-connect-streams page does,
// carries the documented Streams bridge snippet (DESIGN.md), and shows in
// #ccp-status whether its CCP frame is signed in.
//
// Streams itself is not loaded (it would need the real Connect): a stand-in
// `connect` object offers the two calls the bridge snippet uses. Its
// onAuthFail fires when the CCP frame reports that it is signed out, which is
// what Streams does when the CCP's session is gone.
import { escapeHtml, page, sendHtml } from "../http-replies.js";

function customCcpPageHtml({ frameUrl, streamsBridge }) {
  const frameOrigin = new URL(frameUrl).origin;
  const bridge = streamsBridge
    ? `// --- Streams bridge snippet, as a customer pastes it (DESIGN.md) ---
connect.core.onAuthFail(() => window.postMessage({source: "ccp-relogin", type: "auth-fail"}, "*"));
connect.contact((contact) => {
  contact.onConnecting(() => window.postMessage({source: "ccp-relogin", type: "contact-start", contactId: contact.contactId}, "*"));
  contact.onEnded(() => window.postMessage({source: "ccp-relogin", type: "contact-end", contactId: contact.contactId}, "*"));
});
// --- end of snippet ---`
    : "";
  return page({
    title: "Acme agent desktop",
    body: `<h1>Acme agent desktop</h1>
<p>CCP: <span id="ccp-status" data-signed-in-count="0">loading</span></p>
<iframe id="ccp" src="${escapeHtml(frameUrl)}" allow="microphone; autoplay; clipboard-write" width="420" height="560"></iframe>
<script>
// Stand-in for amazon-connect-streams (see the comment in custom-ccp.js).
const authFailHandlers = [];
const contactHandlers = [];
window.connect = {
  core: { onAuthFail: (handler) => authFailHandlers.push(handler) },
  contact: (handler) => contactHandlers.push(handler),
};
// Tests drive contacts from here: emulatedStreams.startContact("c-1") / endContact("c-1").
const contacts = new Map();
window.emulatedStreams = {
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
};
const status = document.getElementById("ccp-status");
window.addEventListener("message", (event) => {
  if (event.origin !== ${JSON.stringify(frameOrigin)} || event.data?.source !== "emulated-ccp") return;
  status.textContent = event.data.state;
  if (event.data.state === "signed-in") status.dataset.signedInCount = Number(status.dataset.signedInCount) + 1;
  if (event.data.state === "signed-out") authFailHandlers.forEach((handler) => handler());
});
${bridge}
</script>`,
  });
}

export function createCustomCcpService({ scenario }) {
  return {
    handle(req, res, { url }) {
      const { pages, streamsBridge } = scenario().customCcp;
      const frameUrl = Object.hasOwn(pages, url.pathname) ? pages[url.pathname] : null;
      if (!frameUrl) return sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));
      return sendHtml(res, 200, customCcpPageHtml({ frameUrl, streamsBridge }));
    },
  };
}
