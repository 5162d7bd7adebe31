// packaging/macos/make-pkg as far as this Linux machine can run it
// (--stage-only: pkgbuild and productbuild exist only on macOS): the payload
// tree, the browsers' manifests, and the postinstall script that writes the
// machine config once and never over the administrator's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const MAKE_PKG = join(ROOT, "packaging", "macos", "make-pkg");
const LINUX_HOST = [process.env.CCP_RELOGIN_LINUX_HOST, join(ROOT, "build", "host", "ccp-relogin")]
  .find((p) => p && existsSync(p));
const ID = "abcdefghijklmnopabcdefghijklmnop";
const APP = "Library/Application Support/ccp-relogin";
const skip = LINUX_HOST ? false : "no Linux host: ./run build, or set CCP_RELOGIN_LINUX_HOST";

function stage(extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), "ccp-macpkg-"));
  mkdirSync(join(dir, "bin"));
  for (const program of ["ccp-relogin", "ccp-relogin-network"]) writeFileSync(join(dir, "bin", program), `#!/bin/sh\n# ${program}\n`);
  const result = spawnSync(MAKE_PKG, ["--binary", join(dir, "bin"), "--linux-host", LINUX_HOST, "--extension-id", ID,
    "--out", join(dir, "out"), "--stage-only", ...extraArgs], { encoding: "utf8" });
  return { dir, result, root: join(dir, "out", "root"), scripts: join(dir, "out", "scripts") };
}

test("the payload: both programs, each browser's system manifest, the sample config", { skip }, (t) => {
  const { dir, result, root } = stage();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(result.status, 0, result.stderr);
  for (const program of ["ccp-relogin", "ccp-relogin-network"]) {
    assert.equal(statSync(join(root, APP, program)).mode & 0o777, 0o755, program);
  }
  for (const folder of ["Library/Google/Chrome", "Library/Microsoft/Edge", "Library/Application Support/Chromium"]) {
    const manifest = JSON.parse(readFileSync(join(root, folder, "NativeMessagingHosts", "com.ccp_relogin.host.json"), "utf8"));
    assert.equal(manifest.path, `/${APP}/ccp-relogin`, folder);
    assert.deepEqual(manifest.allowed_origins, [`chrome-extension://${ID}/`], folder);
  }
  assert.deepEqual(JSON.parse(readFileSync(join(root, APP, "config.sample.json"), "utf8")), { allowedExtensionIds: [ID] });
  assert.ok(!existsSync(join(root, APP, "config.json")), "config.json is not a payload file");
});

test("postinstall writes config.json on the first install only", { skip }, (t) => {
  const { dir, result, root, scripts } = stage();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(result.status, 0, result.stderr);
  // The Installer runs it with the target volume as $3; the payload is there already.
  const volume = join(dir, "volume");
  spawnSync("cp", ["-a", `${root}/.`, volume]);
  const postinstall = () => spawnSync("sh", [join(scripts, "postinstall"), "pkg", "/", volume], { encoding: "utf8" });
  assert.equal(postinstall().status, 0);
  const config = join(volume, APP, "config.json");
  assert.deepEqual(JSON.parse(readFileSync(config, "utf8")), { allowedExtensionIds: [ID] });
  writeFileSync(config, '{"allowedExtensionIds": ["edited"]}\n');
  assert.equal(postinstall().status, 0);
  assert.equal(readFileSync(config, "utf8"), '{"allowedExtensionIds": ["edited"]}\n', "an upgrade keeps the edited config");
});

test("bad arguments exit 2 with the usage", { skip }, () => {
  for (const args of [[], ["--binary"], ["--binary", "/nonexistent", "--linux-host", LINUX_HOST, "--extension-id", ID, "--out", "/tmp/x"], ["--what"],
    ["--binary", "/tmp", "--linux-host", LINUX_HOST, "--extension-id", "NOT-AN-ID", "--out", "/tmp/x"]]) {
    const result = spawnSync(MAKE_PKG, args, { encoding: "utf8" });
    assert.equal(result.status, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, /make-pkg/);
  }
});
