// The native host binary: whether it is built, and installing its manifest
// into a test's user-data-dir the way an admin would (`ccp-relogin install`).
import { execFile } from "node:child_process";
import { access, constants, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { HOST_BINARY } from "./paths.js";

const run = promisify(execFile);
export const HOST_NAME = "com.ccp_relogin.host";

/** Why the host-dependent scenarios can't run, or null when the binary is there. */
export async function hostBinaryMissing() {
  try {
    await access(HOST_BINARY, constants.X_OK);
    return null;
  } catch {
    return `the native host is not built (${HOST_BINARY} is missing): run ./run build first`;
  }
}

/**
 * Runs `ccp-relogin install --browser chromium --scope user --user-data-dir <dir>`
 * (with `--extension-id` for an extension other than the development one)
 * and checks that it wrote a manifest Chromium will find. Returns the manifest.
 */
export async function installHost(userDataDir, env = process.env, { extensionId = null } = {}) {
  const args = ["install", "--browser", "chromium", "--scope", "user", "--user-data-dir", userDataDir,
    ...(extensionId ? ["--extension-id", extensionId] : [])];
  try {
    await run(HOST_BINARY, args, { env, timeout: 10_000 });
  } catch (error) {
    throw new Error(`"ccp-relogin ${args.join(" ")}" failed (exit ${error.code}): ${(error.stderr || error.message).trim()}`);
  }
  const manifestPath = join(userDataDir, "NativeMessagingHosts", `${HOST_NAME}.json`);
  let manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (error) {
    throw new Error(`"ccp-relogin install" exited 0 but ${manifestPath} is missing or not JSON: ${error.message}`);
  }
  return { manifestPath, manifest };
}
