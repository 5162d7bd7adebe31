// webNavigation, every frame. Three jobs:
//  1. Login pages anywhere (top frames and CCP iframes). A CCP iframe
//     redirected to a login page that refuses framing runs no content script;
//     Chromium reports it as onErrorOccurred(net::ERR_BLOCKED_BY_RESPONSE)
//     with the login URL, so the worker sees it here.
//  2. The agent's own sign-in in any other tab (a SAML post to AWS, then the
//     page the tab lands on), and the agent's logout (a Connect /logout page).
//  3. The sign-in tab's top frame: progress (a navigation started, committed,
//     its document parsed: lib/flow-stall.js tells a stalled tab from one
//     waiting for the agent by it), Entra errors in the URL, network errors
//     (offline → wait and retry), and landing: a commit on the profile's
//     Connect origin, or its external destination (lib/url-rules.js
//     signInLanding), that the session probe calls signed in.
import { configOf, flowBySignInTab } from "../lib/flow-state.js";
import { classifyNavigationError } from "../lib/navigation-errors.js";
import {
  connectLoginPage,
  connectPage,
  entraErrorInUrl,
  isConnectLogout,
  isSamlAcs,
  isLoginPath,
  signInLanding,
  signInStage,
  stripQuery,
} from "../lib/url-rules.js";

// The agent's own sign-in: a SAML post to AWS in a tab that is not ours,
// then a page committed in that tab within this long (the federate redirect
// between them is a server redirect, which webNavigation does not report).
const AGENT_SIGN_IN_LANDING_MS = 60_000;

export function createNavigationWatch({ chrome, getState, dispatch, intake, probe, now = Date.now, log = () => {} }) {
  const samlPostedAt = new Map(); // tabId → when its top frame posted SAML to AWS
  async function tabInfo(tabId) {
    try {
      const tab = await chrome.tabs.get(tabId);
      return { url: tab.url ?? tab.pendingUrl ?? "", windowId: tab.windowId ?? null };
    } catch {
      return { url: "", windowId: null };
    }
  }

  function signInFlowFor(details) {
    return details.frameId === 0 ? flowBySignInTab(getState(), details.tabId) : null;
  }

  // Outside our own sign-in tabs: the agent's own sign-in, seen as the SAML
  // post and the page the same tab lands on next (lib/flow-sign-out.js).
  async function agentSignIn(event, details) {
    if (details.frameId !== 0) return;
    if (event === "started" && isSamlAcs(details.url)) {
      for (const [tabId, at] of samlPostedAt) if (now() - at > AGENT_SIGN_IN_LANDING_MS) samlPostedAt.delete(tabId);
      samlPostedAt.set(details.tabId, now());
      return;
    }
    const postedAt = samlPostedAt.get(details.tabId);
    if (event !== "committed" || postedAt === undefined) return;
    samlPostedAt.delete(details.tabId);
    if (now() - postedAt <= AGENT_SIGN_IN_LANDING_MS && details.url.startsWith("https:")) {
      await dispatch({ type: "agent-signed-in", url: details.url, tabId: details.tabId });
    }
  }

  // Outside our own sign-in tabs: the agent's logout and login pages.
  async function loginHint(details) {
    if (isConnectLogout(details.url)) {
      await dispatch({ type: "agent-signed-out", connectOrigin: connectPage(details.url).origin, tabId: details.tabId });
      return;
    }
    const config = configOf(getState());
    const page = connectLoginPage(details.url, config.detection.loginPaths);
    if (!page) return;
    const tab = await tabInfo(details.tabId);
    await intake.submit({
      signal: "login-page",
      category: "expiry",
      evidence: page.path,
      tabId: details.tabId,
      windowId: tab.windowId,
      frameId: details.frameId,
      tabUrl: details.frameId === 0 ? details.url : tab.url,
      frameUrl: details.url,
    });
  }

  // about:blank before the sign-in URL is no progress of the sign-in.
  async function signInProgress(flow, url, step) {
    if (url.startsWith("https:")) await dispatch({ type: "progress", key: flow.key, url, step });
  }

  async function signInCommit(flow, url) {
    if (!url.startsWith("https:")) return;
    await signInProgress(flow, url, "committed");
    const entraError = entraErrorInUrl(url);
    if (entraError) {
      await dispatch({ type: "sign-in-failed", key: flow.key, stage: "entra", url, evidence: entraError });
      return;
    }
    const config = configOf(getState());
    const profile = config.profiles?.find((p) => p.name === flow.profile) ?? null;
    const page = signInLanding(url, { connectOrigin: flow.connectOrigin, profile });
    if (!page) return;
    const settings = config.detection.probe;
    const session = settings.enabled ? await probe(page.probeOrigin, settings, config.detection.loginPaths) : "signed-in";
    if (page.connect && isLoginPath(page.path, config.detection.loginPaths)) {
      if (session !== "signed-in") {
        await dispatch({
          type: "sign-in-failed",
          key: flow.key,
          stage: "connect",
          url,
          evidence: `Connect login page ${page.path} after sign-in (session ${session})`,
        });
      }
      return;
    }
    if (session === "signed-out") {
      log(`[${flow.key}] ${stripQuery(url)} loaded but the probe says signed out; waiting`);
      return;
    }
    await dispatch({ type: "landed", key: flow.key, url });
  }

  async function signInError(flow, details) {
    const kind = classifyNavigationError(details.error);
    if (kind === "ignore") return;
    if (kind === "offline") {
      await dispatch({ type: "offline", key: flow.key, url: details.url, error: details.error });
      return;
    }
    await dispatch({
      type: "sign-in-failed",
      key: flow.key,
      stage: signInStage(details.url),
      url: details.url,
      evidence: details.error,
    });
  }

  const guard = (handler) => async (details) => {
    if (!details || details.tabId < 0) return; // prerender / background contexts
    try {
      await handler(details);
    } catch (error) {
      log(`navigation handler failed: ${error?.message ?? error}`);
    }
  };

  return {
    onBeforeNavigate: guard(async (details) => {
      const flow = signInFlowFor(details);
      if (flow) return signInProgress(flow, details.url, "started");
      await agentSignIn("started", details);
      await loginHint(details);
    }),
    onDOMContentLoaded: guard(async (details) => {
      const flow = signInFlowFor(details);
      if (flow) await signInProgress(flow, details.url, "parsed");
    }),
    onCommitted: guard(async (details) => {
      const flow = signInFlowFor(details);
      if (flow) return signInCommit(flow, details.url);
      await agentSignIn("committed", details);
      await loginHint(details);
    }),
    onErrorOccurred: guard(async (details) => {
      const flow = signInFlowFor(details);
      await (flow ? signInError(flow, details) : loginHint(details));
    }),
  };
}
