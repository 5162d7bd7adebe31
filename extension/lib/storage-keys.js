// Every chrome.storage key the extension uses, in one place. Constants only
// (no chrome.*): the service worker, the popup and options pages and the
// detector content script (through web_accessible_resources) all import it.
//
// chrome.storage.managed has no key of ours: the worker reads the whole
// policy with get(null); its top-level keys are the policy fields declared in
// managed_schema.json (the host configuration's field names).

// storage.session: the state machine's whole state (host, flows, contacts,
// lastEvent, …). Written by the worker (worker/state-store.js) before effects
// run; read by the popup, the options page and the end-to-end tests. Gone
// when the browser closes, so a flow never outlives the browser session.
export const STATE_KEY = "state";

// storage.session: the debug log, the last LOG_LIMIT entries {at, text, data?}
// (worker/debug-log.js). Read by the popup, the options page and the tests.
export const LOG_KEY = "log";

// storage.local: the last welcome.config from the host (worker/state-store.js),
// so that after a browser restart a page that expires before the host has
// answered is still matched to its profile. The next welcome replaces it.
export const LAST_WELCOME_KEY = "lastWelcome";

// storage.local: the agent's own settings, {mode} (the re-login mode), written
// by the options page; the worker reads it at start and on every change.
export const PREFS_KEY = "prefs";

// storage.local: {phrases, loginPaths} from the effective configuration,
// written by the worker whenever welcome.config changes; read by the detector
// (content/detect-main.js), which cannot read storage.session.
export const DETECTION_KEY = "detection";

// storage.local: [{profile, primaryPattern, secondaryPattern}], the cookie
// rules this extension set with chrome.contentSettings.cookies
// (worker/cookie-settings.js). The browser keeps those rules across restarts
// but can only clear all of an extension's rules at once, so this record is
// what lets one rule go (its profile left the configuration) and the others
// be set again.
export const COOKIE_RULES_KEY = "cookieRules";

// storage.session: profile key → the guard against Streams' own login popup
// (lib/login-popup-guard.js) whose declarativeNetRequest session rules the
// worker keeps (worker/login-popup-guard.js). Session rules, like this
// record, end with the browser session; the record lets a restarted worker
// rebuild them and know which blocked window to close.
export const POPUP_GUARDS_KEY = "popupGuards";
