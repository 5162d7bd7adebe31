// Classic content script: Chrome cannot declare ES-module content scripts, so
// this loader imports the detector module from the extension package (listed
// in web_accessible_resources for exactly the pages this script runs on).
// Why not one self-contained script: the detector shares its URL and phrase
// rules with the service worker and the tests; one module, one truth.
(() => {
  if (globalThis.__ccpReloginDetectorLoaded) return; // injected twice (extension reload)
  globalThis.__ccpReloginDetectorLoaded = true;
  import(chrome.runtime.getURL("content/detect-main.js"))
    .then((module) => module.start({ chrome, window, document }))
    .catch((error) => console.debug("[ccp-relogin] detector not started:", error?.message ?? error));
})();
