// Scenario 19: desktops the rollout got wrong.
//  a. The host is not installed: the popup says so and shows the exact
//     install command; running it (no browser restart) connects the
//     extension, and the next expiry is handled.
//  b. A host manifest exists but does not allow this extension (installed for
//     another extension ID): the popup says that, and the same command fixes it.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { scenarioTest } from "./harness/scenario-fixture.js";
import { productConfig, profile } from "./harness/product-config.js";
import { EXTENSION_ID } from "./harness/browser.js";
import { waitForExtensionReady } from "./harness/extension.js";
import { HOST_NAME, installHost } from "./harness/native-host.js";
import { HOST_BINARY } from "./harness/paths.js";
import { assertOneSignIn, expireNow, startOnCustomCcp, waitForAgentBack, waitForPopup } from "./harness/relogin-expectations.js";
import { ENTRA_APPS, INSTANCES } from "./emulator/default-world.js";

const run = promisify(execFile);

/** The command the popup shows, run as the agent would paste it. */
async function runPopupCommand(s, popupText) {
  const command = popupText.match(/ccp-relogin install [^\n]+/)?.[0]?.trim();
  assert.ok(command, `the popup shows no install command: ${JSON.stringify(popupText)}`);
  assert.equal(command, `ccp-relogin install --browser chromium --scope user --extension-id ${EXTENSION_ID}`);
  // --user-data-dir only because this browser runs on a test profile, not the agent's default one.
  const args = [...command.split(/\s+/).slice(1), "--user-data-dir", s.userDataDir];
  await run(HOST_BINARY, args, { env: { ...process.env, ...s.productEnv }, timeout: 10_000 });
}

/** After the fix: connected (the popup retries at once when opened), and an expiry is handled. */
async function assertWorksAfterFix(s) {
  await waitForPopup(s.context, /Connected to ccp-relogin/, { timeoutMs: 20_000 });
  await waitForExtensionReady(s.worker);
  const agent = await startOnCustomCcp(s);
  const since = expireNow(s.emulator);
  await waitForAgentBack(s.context, [agent]);
  await assertOneSignIn(s, { since, app: ENTRA_APPS.agents, instance: INSTANCES.acme, destination: "/ccp-v2" });
}

scenarioTest("19a host not installed → the popup's command installs it → connected, no restart", {
  config: productConfig({ profiles: [profile()] }),
  installHost: false,
}, async (s) => {
  const text = await waitForPopup(s.context, /not installed/);
  await runPopupCommand(s, text);
  await assertWorksAfterFix(s);
});

scenarioTest("19b host installed for another extension ID → the popup says so → the same command fixes it", {
  config: productConfig({ profiles: [profile()] }),
  installHost: false,
}, async (s) => {
  // Installed into a scratch folder and only then, altered, into the
  // browser's: the extension keeps trying to connect, and a correct manifest
  // in place even for a moment let it in (a CI run saw "helper connected"
  // 190 ms after the install wrote it).
  const scratch = await mkdtemp(join(tmpdir(), "ccp-relogin-manifest-"));
  try {
    const { manifest } = await installHost(scratch, { ...process.env, ...s.productEnv });
    manifest.allowed_origins = ["chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"];
    const dir = join(s.userDataDir, "NativeMessagingHosts");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `.${HOST_NAME}.json.tmp`), JSON.stringify(manifest));
    await rename(join(dir, `.${HOST_NAME}.json.tmp`), join(dir, `${HOST_NAME}.json`));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  const text = await waitForPopup(s.context, /does not allow this extension/);
  await runPopupCommand(s, text);
  await assertWorksAfterFix(s);
});
