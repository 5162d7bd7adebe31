// What the native host's state means for the agent, and the exact command
// that fixes it. Pure: chrome.runtime.lastError messages and userAgentData
// brands come in as arguments.

export const HOST_NAME = "com.ccp_relogin.host";

// Chromium's messages (extensions/browser/api/messaging/native_message_host).
const MISSING = "Specified native messaging host not found.";
const FORBIDDEN = "Access to the specified native messaging host is forbidden.";
const EXITED = "Native host has exited.";

/**
 * Status after the port closed:
 *   missing   — no host manifest for this browser (not installed)
 *   forbidden — a manifest exists but its allowed_origins lacks this extension
 *   refused   — the host itself refused this extension (error code "origin")
 *   exited    — the host stopped (crash, upgrade); reconnecting is right
 *   error     — anything else
 */
export function classifyDisconnect(lastErrorMessage, lastHostErrorCode = null) {
  if (lastHostErrorCode === "origin") return "refused";
  if (lastHostErrorCode === "version") return "incompatible";
  const message = String(lastErrorMessage ?? "");
  if (message === MISSING) return "missing";
  if (message === FORBIDDEN) return "forbidden";
  if (message === EXITED || message === "") return "exited";
  return "error";
}

/** Statuses that need an administrator's or agent's action, not just a retry. */
export function needsInstall(status) {
  return status === "missing" || status === "forbidden" || status === "refused" || status === "incompatible";
}

/**
 * The browser name the CLI's `install --browser` expects, from
 * navigator.userAgentData.brands (Edge, Brave and Opera all say "Chromium" too).
 */
export function browserName(brands = []) {
  const names = new Set((brands ?? []).map((b) => b?.brand));
  if (names.has("Microsoft Edge")) return "edge";
  if (names.has("Brave")) return "brave";
  if (names.has("Google Chrome")) return "chrome";
  return "chromium";
}

// The unpacked build's ID (fixed by manifest.json's public key). A host that
// refuses it is a release build: those trust it only after this install flag.
const DEVELOPMENT_EXTENSION_ID = "lgnognmbodadambbbcigkefnngodpege";

export function installCommand(browser, extensionId) {
  return `ccp-relogin install --browser ${browser} --scope user --extension-id ${extensionId}`;
}

/** {summary, fix} for the popup and the options page. `fix` may be null. */
export function describeHostStatus(host, { browser, extensionId }) {
  const install = installCommand(browser, extensionId);
  switch (host?.status) {
    case "connected":
      return { summary: `Connected to ccp-relogin ${host.hostVersion ?? ""}`.trim(), fix: null };
    case "connecting":
      return { summary: "Connecting to the ccp-relogin helper…", fix: null };
    case "missing":
      return {
        summary: "The ccp-relogin helper is not installed for this browser.",
        fix: { text: "Run this command, then open this window again:", command: install },
      };
    case "forbidden":
      return {
        summary: "The ccp-relogin helper is installed but does not allow this extension.",
        fix: { text: "Register this extension ID with the helper, then open this window again:", command: install },
      };
    case "refused":
      return {
        summary: "The ccp-relogin helper refused this extension (its ID is not in the allowed list).",
        fix: {
          text: `Add "${extensionId}" to allowedExtensionIds in the ccp-relogin configuration, or run:`,
          command:
            extensionId === DEVELOPMENT_EXTENSION_ID ? `${install} --trust-development-extension` : install,
        },
      };
    case "incompatible":
      return {
        summary: "The ccp-relogin helper speaks a different protocol version.",
        fix: { text: "Update the ccp-relogin helper and the extension to the same release.", command: null },
      };
    case "exited":
    case "error":
      return {
        summary: `The ccp-relogin helper stopped${host.detail ? ` (${host.detail})` : ""}; reconnecting.`,
        fix: null,
      };
    default:
      return { summary: "Not connected to the ccp-relogin helper yet.", fix: null };
  }
}
