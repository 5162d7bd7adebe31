// Browser policy for one scenario. Debian's Chromium reads managed policy
// only from /etc/chromium/policies/managed/*.json (docs/facts.md, "Testing
// here"), so a scenario that needs a policy writes one file of its own there
// before Chromium starts and removes it when its test bed closes. That file
// is machine-wide: only one scenario may run at a time (the suite runs with
// --test-concurrency=1 under the browser lock, tests/e2e/README.md), and a
// file left by a killed run is removed before the next test bed starts.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const MANAGED_POLICY_DIR = "/etc/chromium/policies/managed";
export const POLICY_FILE = join(MANAGED_POLICY_DIR, "ccp-relogin-e2e.json");

/** Why a scenario with a browser policy can't run here, or null. */
export function managedPolicyUnavailable() {
  return process.getuid?.() === 0 ? null : `writing ${MANAGED_POLICY_DIR} needs root`;
}

/** Removes this harness's policy file, if a killed run left it. */
export function removeManagedPolicy() {
  return rm(POLICY_FILE, { force: true });
}

/**
 * Policy files in the managed folder that are not this harness's. Chromium
 * applies every *.json there to every scenario: one that allows cookies
 * (say an administrator's CookiesAllowedForUrls tried out by hand) makes the
 * third-party-cookie scenarios fail for a reason no artifact shows, so a bed
 * refuses to start beside one.
 */
export async function foreignManagedPolicies() {
  const names = await readdir(MANAGED_POLICY_DIR).catch(() => []);
  return names.filter((name) => name.endsWith(".json") && join(MANAGED_POLICY_DIR, name) !== POLICY_FILE)
    .map((name) => join(MANAGED_POLICY_DIR, name));
}

/** Writes `policy` (Chromium policy names → values); returns the cleanup. */
export async function writeManagedPolicy(policy) {
  await mkdir(MANAGED_POLICY_DIR, { recursive: true });
  await writeFile(POLICY_FILE, `${JSON.stringify(policy, null, 2)}\n`, { mode: 0o644 });
  return removeManagedPolicy;
}
