// The events between the detector (content/detect-main.js, the content
// script's isolated world) and its watcher in the page's own world
// (content/page-watch.js, which repeats these names: it is a classic script
// and cannot import them; tests/extension/page-watch.test.js checks they agree).
export const WATCH = "ccp-relogin:watch";
export const WATCHING = "ccp-relogin:watching";
export const CHANGED = "ccp-relogin:changed";
export const UNWATCH = "ccp-relogin:unwatch";
