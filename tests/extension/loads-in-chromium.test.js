// Loads extension/ unpacked in Debian's Chromium (headless): the service
// worker starts with the fixed ID and no load or runtime errors, and without
// a native host installed the popup tells the agent how to install it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const EXTENSION_DIR = fileURLToPath(new URL("../../extension", import.meta.url));
const ID = "lgnognmbodadambbbcigkefnngodpege";

test("the extension loads in Chromium and reports the missing host", { skip: !existsSync(CHROMIUM) && "no /usr/bin/chromium", timeout: 30_000 }, async () => {
  const profile = mkdtempSync(join(tmpdir(), "ccp-relogin-load-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      `--load-extension=${EXTENSION_DIR}`, `--disable-extensions-except=${EXTENSION_DIR}`,
    ],
  });
  try {
    // Developer mode makes Chromium collect the extension's runtime errors
    // (what chrome://extensions shows); reload it so its start is covered.
    const extensionsPage = await context.newPage();
    await extensionsPage.goto("chrome://extensions");
    const reloaded = context.waitForEvent("serviceworker", { timeout: 10_000 });
    await extensionsPage.evaluate(async (id) => {
      await new Promise((resolve) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve));
      await new Promise((resolve) => chrome.developerPrivate.reload(id, { failQuietly: true }, resolve));
    }, ID);
    const worker = await reloaded.catch(() => {
      throw new Error("the extension's service worker did not start: load it by hand to see Chromium's error");
    });
    assert.equal(worker.url(), `chrome-extension://${ID}/worker/background.js`);

    // The worker's module graph imported and ran (createWorker set this up).
    const inWorker = await worker.evaluate(() => ({
      id: chrome.runtime.id,
      version: chrome.runtime.getManifest().version,
      debug: typeof globalThis.ccpRelogin?.state,
    }));
    assert.deepEqual(inWorker, { id: ID, version: "0.1.0", debug: "function" });

    // No host in this profile: the worker says so.
    await worker.evaluate(async () => {
      for (let i = 0; i < 100 && ccpRelogin.state().host.status !== "missing"; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
      }
    });
    const state = await worker.evaluate(async () => (await chrome.storage.session.get("state")).state);
    assert.equal(state.host.status, "missing");
    assert.equal(await worker.evaluate(() => chrome.action.getBadgeText({})), "!");

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${ID}/popup/popup.html`);
    await popup.waitForFunction(() => document.getElementById("fix-command")?.textContent.includes("ccp-relogin install"));
    assert.match(await popup.textContent("#host-status"), /not installed/);
    assert.equal(
      await popup.textContent("#fix-command"),
      `ccp-relogin install --browser chromium --scope user --extension-id ${ID}`,
    );
    assert.equal(await popup.isDisabled("#sign-in-again"), true);

    const options = await context.newPage();
    const pageErrors = [];
    options.on("pageerror", (e) => pageErrors.push(e.message));
    await options.goto(`chrome-extension://${ID}/options/options.html`);
    await options.waitForFunction(() => document.getElementById("config")?.textContent.includes("loginPaths"));
    assert.deepEqual(pageErrors, []);

    // What chrome://extensions shows: no manifest errors, warnings or runtime errors.
    const info = await extensionsPage.evaluate(
      (id) => new Promise((resolve) => chrome.developerPrivate.getExtensionInfo(id, resolve)),
      ID,
    );
    assert.equal(info.state, "ENABLED");
    assert.deepEqual(info.manifestErrors, []);
    assert.deepEqual(info.installWarnings, []);
    assert.deepEqual(info.runtimeErrors.map((e) => e.message), []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
