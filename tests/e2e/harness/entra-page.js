// Entra's interactive sign-in page in the product's sign-in tab, as the agent
// uses it, reached through the browser's own DevTools target list rather
// than a Playwright Page. Under Playwright the sign-in tab's first renderer
// now and then dies as the tab starts (tests/e2e/README.md, "A sign-in tab
// that stalls"): the product navigates the tab again and the page comes up,
// but Playwright keeps its crashed Page for that tab and never lists it
// anew, so a scenario holding that Page could not click. The target stays
// the same tab; each action looks it up by URL when it runs. This also
// works while the extension's service worker is stopped (scenario 18),
// which chrome.scripting through the worker would not.
import { waitFor } from "./wait.js";

const ENTRA = "https://login.microsoftonline.com/";
const BUTTON = "idSIButton9";

/** The browser-level DevTools session of this test bed's Chromium. */
async function browserSession(context) {
  const browser = context.browser();
  if (!browser) throw new Error("no browser behind this context: the Entra page can't be reached");
  return browser.newBrowserCDPSession();
}

/**
 * Runs `expression` in the top document of the tab now on Entra's sign-in
 * page, or returns undefined when no such tab has the sign-in button yet.
 * Non-flat attach (Target.sendMessageToTarget): Playwright's CDPSession
 * can't address a child session of its own.
 */
async function evaluateInEntraTab(session, expression) {
  const { targetInfos } = await session.send("Target.getTargets");
  const tab = targetInfos.find((t) => t.type === "page" && t.url.startsWith(ENTRA));
  if (!tab) return undefined;
  const { sessionId } = await session.send("Target.attachToTarget", { targetId: tab.targetId, flatten: false });
  try {
    const reply = new Promise((resolve) => {
      const onMessage = (event) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message);
        if (message.id !== 1) return;
        session.off("Target.receivedMessageFromTarget", onMessage);
        resolve(message.result?.result?.value);
      };
      session.on("Target.receivedMessageFromTarget", onMessage);
    });
    await session.send("Target.sendMessageToTarget", {
      sessionId,
      message: JSON.stringify({ id: 1, method: "Runtime.evaluate", params: { expression, returnByValue: true } }),
    });
    return await reply;
  } finally {
    await session.send("Target.detachFromTarget", { sessionId }).catch(() => {});
  }
}

/** Entra's sign-in page in the sign-in tab: wait for its form, then click "Sign in" as the agent. */
export async function entraSignInPage(context, { timeoutMs = 30_000 } = {}) {
  const session = await browserSession(context);
  const hasButton = `document.getElementById(${JSON.stringify(BUTTON)}) !== null`;
  await waitFor(async () => (await evaluateInEntraTab(session, hasButton)) === true, {
    timeoutMs, intervalMs: 200, what: "the sign-in tab on Entra's sign-in page, its Sign in button there",
  });
  return {
    async clickSignIn() {
      const clicked = await evaluateInEntraTab(session, `(() => { const b = document.getElementById(${JSON.stringify(BUTTON)}); if (!b) return false; b.click(); return true; })()`);
      if (clicked !== true) throw new Error("Entra's Sign in button was gone when the agent clicked");
    },
    close: () => session.detach().catch(() => {}),
  };
}
