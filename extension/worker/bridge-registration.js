// Registers the Streams bridge (content/bridge.js) on the custom-CCP origins
// of the current configuration — the profiles' returnTo origins, which are
// company-specific and so cannot be listed in the manifest — and injects it
// into custom-CCP tabs that were already open.
import { originMatchPattern, returnToOrigins } from "../lib/url-rules.js";

export const BRIDGE_SCRIPT_ID = "ccp-relogin-bridge";
export const BRIDGE_FILE = "content/bridge.js";

export function createBridgeRegistration({ chrome, log = () => {} }) {
  let applied = null;

  return async function syncBridge(profiles) {
    const matches = returnToOrigins(profiles).map(originMatchPattern);
    const wanted = JSON.stringify(matches);
    if (wanted === applied) return;
    applied = wanted;
    const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [BRIDGE_SCRIPT_ID] });
    const same = existing.length > 0 && JSON.stringify([...(existing[0].matches ?? [])].sort()) === wanted;
    if (same) return;
    if (matches.length === 0) {
      if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [BRIDGE_SCRIPT_ID] });
      log("Streams bridge: no custom-CCP origins configured");
      return;
    }
    const script = {
      id: BRIDGE_SCRIPT_ID,
      matches,
      js: [BRIDGE_FILE],
      runAt: "document_start",
      allFrames: false,
      persistAcrossSessions: true,
    };
    if (existing.length > 0) await chrome.scripting.updateContentScripts([script]);
    else await chrome.scripting.registerContentScripts([script]);
    log(`Streams bridge registered on ${matches.join(", ")}`);
    const tabs = await chrome.tabs.query({ url: matches });
    for (const tab of tabs) {
      await chrome.scripting
        .executeScript({ target: { tabId: tab.id }, files: [BRIDGE_FILE] })
        .catch((error) => log(`bridge injection into tab ${tab.id} failed: ${error?.message ?? error}`));
    }
  };
}
