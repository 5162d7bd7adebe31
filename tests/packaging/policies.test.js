// The browser policies `./run package` made for the self-hosted CRX
// (out/packages/policies/, docs/rollout.md "5. The browser policy"): every
// format is there, names the CRX's ID and installs it from the update URL
// its update.xml was made for. What each format holds is checked by the
// host's ctests (tests/host/policy/); this checks that the package step
// ties them to the extension it shipped.
//   CCP_RELOGIN_PACKAGES=out/packages node --test tests/packaging/
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const PACKAGES = resolve(process.env.CCP_RELOGIN_PACKAGES ?? join(ROOT, "out", "packages"));
const POLICIES = join(PACKAGES, "policies");
const missing = existsSync(POLICIES) ? false : `no ${POLICIES}: run ./run package first`;
const mustExist = Boolean(process.env.CCP_RELOGIN_PACKAGES); // under ./run package, never skip

const extensionId = () => readFileSync(join(PACKAGES, "extension", "extension-id.txt"), "utf8").trim();

test("every policy format is there", { skip: !mustExist && missing }, () => {
  for (const name of ["chrome-linux.json", "edge-linux.json", "ccp-relogin.reg", "ccp-relogin.mobileconfig",
    "admx/ccp-relogin.admx", "admx/en-US/ccp-relogin.adml"]) {
    assert.ok(existsSync(join(POLICIES, name)), name);
  }
});

test("the Linux policies force-install the shipped CRX from where its update.xml says", { skip: !mustExist && missing }, () => {
  const id = extensionId();
  const updateXml = readFileSync(join(PACKAGES, "extension", "update.xml"), "utf8");
  const codebase = /codebase=['"]([^'"]+)['"]/.exec(updateXml)?.[1];
  assert.ok(codebase, updateXml);
  for (const name of ["chrome-linux.json", "edge-linux.json"]) {
    const policy = JSON.parse(readFileSync(join(POLICIES, name), "utf8"));
    const settings = policy.ExtensionSettings[id];
    assert.equal(settings.installation_mode, "force_installed", name);
    assert.equal(new URL(settings.update_url).origin, new URL(codebase).origin, `${name}: the CRX's server`);
    assert.deepEqual(settings.runtime_blocked_hosts, ["*://*"], name);
    assert.ok(policy["3rdparty"].extensions[id].profiles.length > 0, `${name}: the configuration`);
  }
  for (const name of ["ccp-relogin.reg", "ccp-relogin.mobileconfig", "admx/ccp-relogin.admx"]) {
    assert.ok(readFileSync(join(POLICIES, name), "utf8").includes(id), `${name} names ${id}`);
  }
});
