// Whether the agent is at the keyboard, through chrome.idle: "active",
// "idle" (no input for IDLE_SECONDS) or "locked". The browser measures it
// from the system's input (X11, Windows), so it also counts the CRM and
// other applications, not only the CCP.
export const IDLE_SECONDS = 60;

export function createAgentIdle({ chrome, dispatch, log = () => {} }) {
  const idle = chrome.idle;

  async function queryIdle() {
    if (!idle) return "active";
    try {
      return await idle.queryState(IDLE_SECONDS);
    } catch (error) {
      log(`chrome.idle failed: ${error?.message ?? error}`);
      return "active";
    }
  }

  function listen() {
    if (!idle) return;
    idle.setDetectionInterval(IDLE_SECONDS);
    idle.onStateChanged.addListener((state) => {
      if (state === "active") dispatch({ type: "agent-active" });
    });
  }

  // The reducer's periodic re-check (lib/flow-sign-out.js, IDLE_RECHECK_MS).
  async function checkIdle() {
    if ((await queryIdle()) === "active") dispatch({ type: "agent-active" });
  }

  return { queryIdle, checkIdle, listen };
}
