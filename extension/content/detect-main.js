// The detector in a page: reads the configured phrases the worker stored,
// reports a login-page URL at once, otherwise watches the DOM: through its
// watcher in the page's world (content/page-watch.js) where that is there,
// else with a batched MutationObserver of its own. One report per page
// life, then it stops watching.
//
// Message to the worker (chrome.runtime.sendMessage):
//   {kind: "page-signal", signal: "login-page"|"text", category:
//    "expiry"|"misconfiguration"|"idp-error", evidence, frameUrl}
import { createDetector, LOOK_AROUND } from "../lib/detector.js";
import { detectionRules, pageMode } from "../lib/detection-rules.js";
import { DETECTION_KEY } from "../lib/storage-keys.js";
import { connectLoginPage, DEFAULT_LOGIN_PATHS } from "../lib/url-rules.js";
import { CHANGED, UNWATCH, WATCH, WATCHING } from "../lib/page-watch-protocol.js";

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

// Asks the watcher in the page's world (content/page-watch.js) to observe
// the DOM and name the elements worth a look: its records cost the page far
// less there than an observer's here (README.md, "Benchmarks"). It answers
// within the dispatch, or it is not there (then we observe ourselves).
// Returns the function that stops it, or null.
function watchFromPageWorld(window, document, rules, onChanged) {
  if (rules.prefilter.always) return null; // it could rule nothing out
  let answered = false;
  const onWatching = () => {
    answered = true;
  };
  document.addEventListener(WATCHING, onWatching, true);
  const settings = { ...LOOK_AROUND, ...rules.prefilter, delayMs: BATCH_DELAY_MS, attributes: OBSERVED_ATTRIBUTES };
  document.dispatchEvent(new window.CustomEvent(WATCH, { detail: JSON.stringify(settings) }));
  document.removeEventListener(WATCHING, onWatching, true);
  if (!answered) return null;
  const listener = (event) => onChanged(event.target);
  document.addEventListener(CHANGED, listener, true);
  return () => {
    document.removeEventListener(CHANGED, listener, true);
    document.dispatchEvent(new window.Event(UNWATCH));
  };
}

// The detector's timer when the watcher batches: the elements of one batch
// arrive together, within the watcher's dispatch, and are scanned right after.
function afterThisTask(fn) {
  let live = true;
  queueMicrotask(() => live && fn());
  return () => {
    live = false;
  };
}

// Without the watcher: this world's own observer.
function observeHere(window, document, detector) {
  const observer = new window.MutationObserver((records) => detector.onMutations(records));
  observer.observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: OBSERVED_ATTRIBUTES,
  });
  return () => observer.disconnect();
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

  const rules = detectionRules(mode, phrases);
  let detector = null;
  let stopWatching = watchFromPageWorld(window, document, rules, (el) => detector.onChanged(el));
  const timer = stopWatching
    ? { schedule: afterThisTask, cancel: (stop) => stop() }
    : { schedule: (fn, ms) => window.setTimeout(fn, ms), cancel: (handle) => window.clearTimeout(handle) };
  detector = createDetector({
    ...rules,
    ...timer,
    isVisible: browserVisibility,
    delayMs: BATCH_DELAY_MS,
    onDetect: ({ kind, evidence }) => {
      stopWatching();
      report("text", kind, evidence);
    },
  });
  stopWatching ??= observeHere(window, document, detector);
  detector.start(document);
  return detector;
}
