// What a failed navigation in a sign-in tab means (webNavigation.onErrorOccurred
// `error` strings are Chromium's net error names).

// The network is down or the name does not resolve: wait and retry, the
// sign-in itself is not broken.
const OFFLINE_ERRORS = new Set([
  "net::ERR_INTERNET_DISCONNECTED",
  "net::ERR_NAME_NOT_RESOLVED",
  "net::ERR_NAME_RESOLUTION_FAILED",
  "net::ERR_CONNECTION_REFUSED",
  "net::ERR_CONNECTION_TIMED_OUT",
  "net::ERR_CONNECTION_RESET",
  "net::ERR_TIMED_OUT",
  "net::ERR_NETWORK_CHANGED",
  "net::ERR_ADDRESS_UNREACHABLE",
  "net::ERR_NETWORK_ACCESS_DENIED",
  "net::ERR_PROXY_CONNECTION_FAILED",
]);

// A navigation replaced by another one (redirect chains, the page's own
// script, the agent typing a URL): not an error of the sign-in.
const IGNORED_ERRORS = new Set(["net::ERR_ABORTED"]);

/** "offline" | "ignore" | "fatal" */
export function classifyNavigationError(error) {
  if (IGNORED_ERRORS.has(error)) return "ignore";
  if (OFFLINE_ERRORS.has(error)) return "offline";
  return "fatal";
}
