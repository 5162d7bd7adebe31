// The detector in a page: reads the configured phrases the worker stored,
// reports a login-page URL at once, otherwise watches the DOM with a batched
// MutationObserver. One report per page life, then it stops observing.
//
// Message to the worker (chrome.runtime.sendMessage):
//   {kind: "page-signal", signal: "login-page"|"text", category:
//    "expiry"|"misconfiguration"|"idp-error", evidence, frameUrl}
import { createDetector } from "../lib/detector.js";
import { detectionRules, pageMode } from "../lib/detection-rules.js";
import { DETECTION_KEY } from "../lib/storage-keys.js";
import { connectLoginPage, DEFAULT_LOGIN_PATHS } from "../lib/url-rules.js";

// How long mutations are gathered before one scan. Short, because the
// expiry should reach the host within 50 ms (README.md, "Benchmarks"). A
// scan is cheap (lib/detector.js judges each element once per batch and skips
// text that cannot hold a phrase), so ~100 batches/s on a busy page cost little.
// A report this quick can come from a document that is about to be replaced
// (a CCP frame the cookie fix just reloaded): `documentStartedAt` lets the
// worker tell (lib/flow-cookies.js, reportPredatesReload).
export const BATCH_DELAY_MS = 10;
// Attributes that show or hide a dialog, or make an element one: an expiry
// dialog rendered hidden and then shown is found when it is shown.
const OBSERVED_ATTRIBUTES = ["class", "style", "hidden", "open", "aria-hidden", "role"];

function browserVisibility(el) {
  return typeof el.checkVisibility === "function"
    ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
    : true;
}

async function storedDetection(chrome) {
  try {
    const { [DETECTION_KEY]: detection } = await chrome.storage.local.get(DETECTION_KEY);
    return detection && typeof detection === "object" ? detection : {};
  } catch {
    return {};
  }
}

export async function start({ chrome, window, document }) {
  const frameUrl = window.location.href;
  const mode = pageMode(frameUrl);
  if (!mode) return null;
  const detection = await storedDetection(chrome);
  const phrases = Array.isArray(detection.phrases) ? detection.phrases : [];
  const loginPaths = [...DEFAULT_LOGIN_PATHS, ...(Array.isArray(detection.loginPaths) ? detection.loginPaths : [])];

  // When this document began (wall clock, ms): the worker tells a report
  // from a frame it has since reloaded from one of the new document.
  // Read in the content script's own world, so the page cannot change it.
  const documentStartedAt = Math.floor(window.performance?.timeOrigin ?? Date.now());
  let reported = false;
  const report = (signal, category, evidence) => {
    if (reported) return;
    reported = true;
    chrome.runtime
      .sendMessage({ kind: "page-signal", signal, category, evidence, frameUrl, documentStartedAt })
      .catch(() => {}); // the worker restarts on the message; nothing to do if it can't
  };

  if (mode === "connect") {
    const login = connectLoginPage(frameUrl, loginPaths);
    if (login) {
      report("login-page", "expiry", login.path);
      return null;
    }
  }

  let observer = null;
  const detector = createDetector({
    ...detectionRules(mode, phrases),
    isVisible: browserVisibility,
    schedule: (fn, ms) => window.setTimeout(fn, ms),
    cancel: (handle) => window.clearTimeout(handle),
    delayMs: BATCH_DELAY_MS,
    onDetect: ({ kind, evidence }) => {
      observer?.disconnect();
      report("text", kind, evidence);
    },
  });
  observer = new window.MutationObserver((records) => detector.onMutations(records));
  observer.observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: OBSERVED_ATTRIBUTES,
  });
  detector.start(document);
  return detector;
}
