// The enterprise path of docs/rollout.md, for one test bed: the extension
// packed as a self-hosted release (extension/tools/package.mjs, its own
// fresh key, so its own ID), served by the emulator's update server, and the
// browser policy that force-installs and configures it written by the
// product itself (`ccp-relogin policy --format chrome-linux`) from the
// company's configuration. The host gets only what the packages ship: a
// machine file naming the extension ID (allowedExtensionIds). Everything
// else reaches the host from the policy, through the extension's hello.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageExtension } from "../../../extension/tools/release/package-extension.mjs";
import { UPDATES_HOST, UPDATES_PATH } from "../emulator/services/extension-updates.js";
import { EXTENSION_DIR, HOST_BINARY } from "./paths.js";

const run = promisify(execFile);
export const UPDATE_URL = `https://${UPDATES_HOST}${UPDATES_PATH}update.xml`;

/**
 * @param {object} companyConfig the configuration the administrator's policy is made from
 * @returns {Promise<{extensionId: string, releaseDir: string, policy: object, hostConfig: object, dispose}>}
 */
export async function prepareForceInstall(companyConfig) {
  const root = await mkdtemp(join(tmpdir(), "ccp-relogin-enterprise-"));
  try {
    const releaseDir = join(root, "release");
    // The key goes to root/keys (package.mjs's default beside --out), never served.
    const release = await packageExtension({ extensionDir: EXTENSION_DIR, outDir: releaseDir, updateUrl: UPDATE_URL });
    const configPath = join(root, "company-config.json");
    await writeFile(configPath, JSON.stringify(companyConfig, null, 2));
    const policy = await productPolicy(configPath, release.id);
    return {
      extensionId: release.id, releaseDir, policy,
      hostConfig: { allowedExtensionIds: [release.id] },
      dispose: () => rm(root, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

async function productPolicy(configPath, extensionId) {
  const args = ["policy", "--format", "chrome-linux", "--config", configPath, "--extension-id", extensionId, "--update-url", UPDATE_URL];
  try {
    const { stdout } = await run(HOST_BINARY, args, { timeout: 10_000 });
    return JSON.parse(stdout);
  } catch (error) {
    throw new Error(`"ccp-relogin ${args.join(" ")}" failed: ${(error.stderr || error.message).trim()}`);
  }
}
