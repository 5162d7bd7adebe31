// The ccp-relogin configuration a scenario runs with (schema: docs/configuration.md,
// "Keys"), built from the same world the emulator serves so both
// agree on instance and app IDs. Written to a temp file and handed to the
// host through CCP_RELOGIN_CONFIG.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENTRA_APPS, INSTANCES } from "../emulator/default-world.js";

export const CUSTOM_CCP_URL = "https://agents.example.com/ccp";

/** One profile: an instance, the Entra app that signs into it, where it lands and returns. */
export function profile({
  name = "agents-us", instance = INSTANCES.acme, app = ENTRA_APPS.agents, launcher = "launcher",
  destination = instance.domain === "awsapps.com" ? "/connect/ccp-v2" : "/ccp-v2", returnTo = [CUSTOM_CCP_URL],
  globalResiliency = false,
} = {}) {
  const { id, alias, region, partition, domain } = instance;
  return {
    name,
    instance: { id, alias, region, partition, domain, ...(globalResiliency ? { globalResiliency } : {}) },
    entra: { tenantId: app.tenantId, appId: app.appId, launcher },
    destination,
    returnTo,
  };
}

/**
 * A whole config. `detection` is left out unless given, so the product's
 * shipped defaults are what gets tested.
 */
export function productConfig({ profiles = [profile()], mode = "tab", timeoutSeconds = 60, guard, detection } = {}) {
  return {
    profiles,
    ...(detection ? { detection } : {}),
    relogin: { mode, timeoutSeconds },
    ...(guard ? { guard } : {}),
  };
}

/**
 * Writes the config and makes an empty state dir.
 * @returns {Promise<{configPath: string, stateDir: string, xdgConfigHome: string, root: string, dispose}>}
 */
export async function writeProductConfig(config) {
  const root = await mkdtemp(join(tmpdir(), "ccp-relogin-config-"));
  const configPath = join(root, "config.json");
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const stateDir = join(root, "state");
  const xdgConfigHome = join(root, "xdg-config"); // empty: no user config file leaks in
  return { configPath, stateDir, xdgConfigHome, root, dispose: () => rm(root, { recursive: true, force: true }) };
}
