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

// How long mutations are gathered before one scan. A scan is cheap
// (lib/detector.js judges each element once per batch and skips text that
// cannot hold a phrase), and 10 ms met the 50 ms detection target (README.md,
// "Benchmarks"). It stays at 300 ms for now: at 10 ms, a CCP frame that the
// third-party-cookie fix has just reloaded reports the old document's expiry
// before that document is gone, and the worker signs in for nothing
// (scenario 13a, 2 of 2 full e2e runs). Lowering it needs the report to
// carry its document's start time, so such a report can be told stale.
export const BATCH_DELAY_MS = 300;
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

  let reported = false;
  const report = (signal, category, evidence) => {
    if (reported) return;
    reported = true;
    chrome.runtime
      .sendMessage({ kind: "page-signal", signal, category, evidence, frameUrl })
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
