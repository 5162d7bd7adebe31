// Back-off, navigation errors, the session probe rules, host status wording.
import { test } from "node:test";
import assert from "node:assert/strict";
import { backoffDelay, HOST_RECONNECT_BACKOFF, OFFLINE_RETRY_BACKOFF } from "../../extension/lib/backoff.js";
import { classifyNavigationError } from "../../extension/lib/navigation-errors.js";
import { interpretProbe, probeSettings, probeUrl } from "../../extension/lib/probe-rules.js";
import {
  browserName,
  classifyDisconnect,
  describeHostStatus,
  installCommand,
  needsInstall,
} from "../../extension/lib/host-status.js";

test("back-off doubles up to the cap, with bounded jitter", () => {
  const mid = () => 0.5;
  assert.deepEqual([0, 1, 2, 3].map((n) => backoffDelay(n, HOST_RECONNECT_BACKOFF, mid)), [1000, 2000, 4000, 8000]);
  assert.equal(backoffDelay(30, HOST_RECONNECT_BACKOFF, mid), 300_000);
  assert.equal(backoffDelay(0, HOST_RECONNECT_BACKOFF, () => 0), 800);
  assert.equal(backoffDelay(0, HOST_RECONNECT_BACKOFF, () => 1), 1200);
  assert.equal(backoffDelay(-3, OFFLINE_RETRY_BACKOFF, mid), 5000, "negative attempts count as the first");
  assert.equal(backoffDelay(NaN, OFFLINE_RETRY_BACKOFF, mid), 5000);
  assert.equal(backoffDelay(1e9, OFFLINE_RETRY_BACKOFF, mid), 120_000, "huge attempts don't overflow");
});

test("navigation errors: offline, ignorable, fatal", () => {
  for (const e of ["net::ERR_INTERNET_DISCONNECTED", "net::ERR_NAME_NOT_RESOLVED", "net::ERR_CONNECTION_REFUSED"]) {
    assert.equal(classifyNavigationError(e), "offline", e);
  }
  assert.equal(classifyNavigationError("net::ERR_ABORTED"), "ignore");
  assert.equal(classifyNavigationError("net::ERR_CERT_AUTHORITY_INVALID"), "fatal");
  assert.equal(classifyNavigationError("net::ERR_TOO_MANY_REDIRECTS"), "fatal");
});

test("probe URL: new domain and legacy, from the origin only", () => {
  const s = probeSettings();
  assert.equal(probeUrl("https://acme.my.connect.aws", s), "https://acme.my.connect.aws/auth/authorize");
  assert.equal(probeUrl("https://acme.awsapps.com", s), "https://acme.awsapps.com/connect/auth/authorize");
  assert.equal(probeUrl("https://evil.com", s), null);
  assert.equal(probeUrl("https://acme.my.connect.aws", probeSettings({ path: "/api/whoami" })), "https://acme.my.connect.aws/api/whoami");
  assert.equal(probeSettings({ path: "https://evil.com/x" }).path, "/auth/authorize", "absolute URLs refused");
  assert.equal(probeSettings({ path: "/../x" }).path, "/auth/authorize");
});

test("probe answers: 2xx signed in, 401/403 or a login redirect signed out, the rest unknown", () => {
  const s = probeSettings();
  assert.equal(interpretProbe({ status: 200 }, s), "signed-in");
  assert.equal(interpretProbe({ status: 204 }, s), "signed-in");
  assert.equal(interpretProbe({ status: 401 }, s), "signed-out");
  assert.equal(interpretProbe({ status: 403 }, s), "signed-out");
  assert.equal(interpretProbe({ status: 200, redirected: true, url: "https://acme.my.connect.aws/login" }, s), "signed-out");
  assert.equal(interpretProbe({ status: 200, redirected: true, url: "https://acme.awsapps.com/connect/login" }, s), "signed-out");
  assert.equal(interpretProbe({ status: 200, redirected: true, url: "https://login.microsoftonline.com/x" }, s), "signed-out");
  assert.equal(interpretProbe({ status: 500 }, s), "unknown");
  assert.equal(interpretProbe({ error: "TypeError: Failed to fetch" }, s), "unknown");
  const custom = probeSettings({ signedInStatus: [200], signedOutStatus: [200 + 2], onUnknown: "ignore" });
  assert.equal(interpretProbe({ status: 204 }, custom), "unknown");
  assert.equal(interpretProbe({ status: 202 }, custom), "signed-out");
  assert.equal(custom.onUnknown, "ignore");
});

test("host disconnects: Chromium's messages and the host's own refusal", () => {
  assert.equal(classifyDisconnect("Specified native messaging host not found."), "missing");
  assert.equal(classifyDisconnect("Access to the specified native messaging host is forbidden."), "forbidden");
  assert.equal(classifyDisconnect("Native host has exited."), "exited");
  assert.equal(classifyDisconnect("Native host has exited.", "origin"), "refused");
  assert.equal(classifyDisconnect("Error when communicating with the native messaging host."), "error");
  assert.ok(needsInstall("missing") && needsInstall("forbidden") && needsInstall("refused"));
  assert.ok(!needsInstall("exited") && !needsInstall("connected"));
});

test("the browser name for the install command", () => {
  assert.equal(browserName([{ brand: "Chromium" }, { brand: "Microsoft Edge" }, { brand: "Not A Brand" }]), "edge");
  assert.equal(browserName([{ brand: "Chromium" }, { brand: "Google Chrome" }]), "chrome");
  assert.equal(browserName([{ brand: "Chromium" }, { brand: "Brave" }]), "brave");
  assert.equal(browserName([{ brand: "Chromium" }]), "chromium");
  assert.equal(browserName(undefined), "chromium");
});

test("host missing / forbidden / refused: the exact fix command", () => {
  const env = { browser: "edge", extensionId: "lgnognmbodadambbbcigkefnngodpege" };
  const command = "ccp-relogin install --browser edge --scope user --extension-id lgnognmbodadambbbcigkefnngodpege";
  assert.equal(installCommand("edge", env.extensionId), command);
  const missing = describeHostStatus({ status: "missing" }, env);
  assert.match(missing.summary, /not installed/);
  assert.equal(missing.fix.command, command);
  assert.equal(describeHostStatus({ status: "forbidden" }, env).fix.command, command);
  const refused = describeHostStatus({ status: "refused" }, env);
  assert.match(refused.fix.text, /allowedExtensionIds/);
  assert.match(refused.fix.text, /lgnognmbodadambbbcigkefnngodpege/);
  // Only a release host refuses the development ID: it needs the install flag.
  assert.equal(refused.fix.command, `${command} --trust-development-extension`);
  const store = { browser: "edge", extensionId: "abcdefghijklmnopabcdefghijklmnop" };
  assert.equal(describeHostStatus({ status: "refused" }, store).fix.command, installCommand("edge", store.extensionId));
  assert.equal(describeHostStatus({ status: "connected", hostVersion: "1.2.3" }, env).fix, null);
  assert.match(describeHostStatus({ status: "connected", hostVersion: "1.2.3" }, env).summary, /1\.2\.3/);
  assert.equal(describeHostStatus({ status: "exited" }, env).fix, null);
});
