// packaging/windows/make-msi: builds the MSI from a real windows-release
// ccp-relogin.exe and reads it back with msiinfo (the tables Windows
// Installer acts on), osslsigncode (the signatures) and, when Wine is there,
// Wine's msiexec (install, upgrade, downgrade, uninstall).
//
// Inputs: build-windows-release/host/ccp-relogin.exe, else the env
// CCP_RELOGIN_WINDOWS_EXE; the Linux host build/host/ccp-relogin, else the
// env CCP_RELOGIN_LINUX_HOST.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  COMPONENT_NEVER_OVERWRITE,
  COMPONENT_PERMANENT,
  UPGRADE_CODE,
  msiVersion,
} from "../../packaging/windows/product.mjs";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const MAKE_MSI = path.join(REPO, "packaging", "windows", "make-msi");
const ID = "abcdefghijklmnopabcdefghijklmnop";
const VERSION = msiVersion(JSON.parse(readFileSync(path.join(REPO, "extension", "manifest.json"), "utf8")).version);

function has(tool) {
  return spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
}
function firstExisting(...candidates) {
  return candidates.find((file) => file && existsSync(file));
}

const missingTools = ["wixl", "msiinfo", "msibuild", "msiextract", "osslsigncode", "openssl", "x86_64-w64-mingw32-strip"].filter((t) => !has(t));
const EXE = firstExisting(process.env.CCP_RELOGIN_WINDOWS_EXE, path.join(REPO, "build-windows-release", "host", "ccp-relogin.exe"));
const LINUX_HOST = firstExisting(process.env.CCP_RELOGIN_LINUX_HOST, path.join(REPO, "build", "host", "ccp-relogin"));
const skip =
  missingTools.length > 0
    ? `missing ${missingTools.join(", ")} (Debian: msitools wixl osslsigncode openssl mingw-w64)`
    : !EXE
      ? "no ccp-relogin.exe: cmake --preset windows-release && cmake --build --preset windows-release --target ccp-relogin, or set CCP_RELOGIN_WINDOWS_EXE"
      : !LINUX_HOST
        ? "no Linux host: cmake --build --preset default --target ccp-relogin, or set CCP_RELOGIN_LINUX_HOST"
        : false;

// Under ./run package (which sets CCP_RELOGIN_PACKAGES) every input is
// built and every tool installed: a skip there would hide a missing MSI check.
test("./run package has everything the MSI checks need", { skip: !process.env.CCP_RELOGIN_PACKAGES }, () => {
  assert.equal(skip, false);
});

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.error) throw result.error;
  return result;
}
function makeMsi(args, env = process.env) {
  return run(MAKE_MSI, args, { env });
}
// msiinfo export: the column names, the types, the table's key, then rows.
function table(msi, name) {
  const lines = run("msiinfo", ["export", msi, name]).stdout.split(/\r?\n/).filter((l) => l !== "");
  const columns = lines[0].split("\t");
  return lines.slice(3).map((line) => Object.fromEntries(line.split("\t").map((v, i) => [columns[i], v])));
}
function property(msi, name) {
  return table(msi, "Property").find((row) => row.Property === name)?.Value;
}

let dir;
const cleanups = [];
let msi;
let cert;
let extracted;
before(() => {
  if (skip) return;
  dir = mkdtempSync(path.join(os.tmpdir(), "ccp-msi-test-"));
  const out = path.join(dir, "out");
  const made = makeMsi(["--exe", EXE, "--linux-host", LINUX_HOST, "--extension-id", ID, "--out", out, "--sign-test-cert"]);
  assert.equal(made.status, 0, made.stderr);
  msi = path.join(out, `ccp-relogin-${VERSION}-x64.msi`);
  cert = path.join(out, "test-signing-cert.pem");
  extracted = path.join(dir, "extracted");
  assert.equal(run("msiextract", ["-C", extracted, msi]).status, 0);
});
after(() => {
  for (const folder of [dir, ...cleanups]) if (folder) rmSync(folder, { recursive: true, force: true });
});

test("the File table holds the exe and the manifest in Program Files, the machine config in ProgramData", { skip }, () => {
  const files = Object.fromEntries(table(msi, "File").map((row) => [row.FileName, row.Component_]));
  assert.deepEqual(Object.keys(files).sort(), ["ccp-relogin-network.exe", "ccp-relogin.exe", "com.ccp_relogin.host.json", "config.json"]);
  const components = Object.fromEntries(table(msi, "Component").map((row) => [row.Component, row]));
  const directories = Object.fromEntries(table(msi, "Directory").map((row) => [row.Directory, row]));
  const where = (file) => {
    const folder = directories[components[files[file]].Directory_];
    return `${folder.Directory_Parent}\\${folder.DefaultDir}`;
  };
  assert.equal(where("ccp-relogin.exe"), "ProgramFiles64Folder\\ccp-relogin");
  // The host finds its network helper beside itself.
  assert.equal(where("ccp-relogin-network.exe"), "ProgramFiles64Folder\\ccp-relogin");
  assert.equal(components[files["ccp-relogin.exe"]].Directory_, "INSTALLDIR");
  assert.equal(where("com.ccp_relogin.host.json"), "ProgramFiles64Folder\\ccp-relogin");
  // %ProgramData%\ccp-relogin\config.json, where the host reads the machine file.
  assert.equal(where("config.json"), "CommonAppDataFolder\\ccp-relogin");
  // By default the extension IDs only, as the Linux packages ship it: no
  // sample profiles that would be live on every machine.
  assert.deepEqual(JSON.parse(readFileSync(path.join(extracted, "ccp-relogin", "config.json"), "utf8")), {
    allowedExtensionIds: [ID],
  });
});

test("the shipped manifest names the exe beside it and allows the given extension", { skip }, () => {
  const manifest = JSON.parse(readFileSync(path.join(extracted, "ccp-relogin", "com.ccp_relogin.host.json"), "utf8"));
  assert.equal(manifest.name, "com.ccp_relogin.host");
  assert.equal(manifest.path, "ccp-relogin.exe");
  assert.deepEqual(manifest.allowed_origins, [`chrome-extension://${ID}/`]);
});

test("the Registry table has each key the host names, in HKLM, pointing at the manifest", { skip }, () => {
  const locations = JSON.parse(
    run(LINUX_HOST, ["manifest", "--system", "windows", "--locations", "--browser", "chrome,edge,chromium,brave"]).stdout
  );
  const rows = table(msi, "Registry");
  assert.equal(rows.length, locations.length);
  for (const { registryKey } of locations) {
    const row = rows.find((r) => r.Key === registryKey);
    assert.ok(row, `no registry row for ${registryKey}`);
    assert.equal(row.Root, "2", "root HKLM (msidbRegistryRootLocalMachine)");
    assert.equal(row.Name, "", "the key's default value");
    assert.equal(row.Value, "[INSTALLDIR]com.ccp_relogin.host.json");
  }
});

test("the machine config survives upgrades and uninstalls; nothing else does", { skip }, () => {
  for (const row of table(msi, "Component")) {
    const attributes = Number(row.Attributes);
    const keep = COMPONENT_PERMANENT | COMPONENT_NEVER_OVERWRITE;
    if (row.Component === "MachineConfig") assert.equal(attributes & keep, keep);
    else assert.equal(attributes & keep, 0, row.Component);
  }
});

test("MajorUpgrade: older and same versions are replaced, a newer one refuses the install", { skip }, () => {
  const rows = table(msi, "Upgrade");
  assert.ok(rows.every((row) => row.UpgradeCode === UPGRADE_CODE));
  const upgrade = rows.find((row) => row.ActionProperty === "WIX_UPGRADE_DETECTED");
  assert.equal(upgrade.VersionMin, "");
  assert.equal(upgrade.VersionMax, VERSION);
  assert.equal(Number(upgrade.Attributes) & 2, 0, "not detect-only: it removes");
  assert.equal(Number(upgrade.Attributes) & 512, 512, "the same version is replaced too");
  const downgrade = rows.find((row) => row.ActionProperty === "WIX_DOWNGRADE_DETECTED");
  assert.equal(downgrade.VersionMin, VERSION);
  assert.equal(downgrade.VersionMax, "");
  assert.equal(Number(downgrade.Attributes) & 2, 2, "detect only");
  assert.equal(Number(downgrade.Attributes) & 256, 0, "the same version is no downgrade");
  const condition = table(msi, "LaunchCondition").find((row) => row.Condition === "NOT WIX_DOWNGRADE_DETECTED");
  assert.match(condition.Description, /newer version/);
  assert.ok(table(msi, "InstallExecuteSequence").some((row) => row.Action === "RemoveExistingProducts"));
});

test("the Property table: per-machine, the fixed UpgradeCode, the one version", { skip }, () => {
  assert.equal(property(msi, "ALLUSERS"), "1");
  assert.equal(property(msi, "UpgradeCode"), UPGRADE_CODE);
  assert.equal(property(msi, "ProductVersion"), VERSION);
  assert.match(run("msiinfo", ["suminfo", msi]).stdout, /Template: x64;1033/);
});

test("the exe and the MSI are signed with the test certificate, which nothing else trusts", { skip }, () => {
  for (const file of [msi, path.join(extracted, "ccp-relogin", "ccp-relogin.exe"), path.join(extracted, "ccp-relogin", "ccp-relogin-network.exe")]) {
    const verified = run("osslsigncode", ["verify", "-CAfile", cert, "-in", file]);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /Signature verification: ok/);
    assert.notEqual(run("osslsigncode", ["verify", "-in", file]).status, 0, "a test certificate is trusted by the system?");
  }
});

test("the exe is stripped: no debug sections", { skip }, () => {
  const sections = run("x86_64-w64-mingw32-objdump", ["-h", path.join(extracted, "ccp-relogin", "ccp-relogin.exe")]).stdout;
  assert.doesNotMatch(sections, /\.debug_/);
});

test("--pfx signs with a PKCS#12 file whose password comes from the environment", { skip }, () => {
  const work = mkdtempSync(path.join(dir, "pfx-"));
  const key = path.join(work, "key.pem");
  const crt = path.join(work, "cert.pem");
  const pfx = path.join(work, "signing.pfx");
  assert.equal(run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=ccp-relogin pfx test", "-addext", "extendedKeyUsage=codeSigning", "-keyout", key, "-out", crt]).status, 0);
  assert.equal(run("openssl", ["pkcs12", "-export", "-inkey", key, "-in", crt, "-out", pfx, "-passout", "pass:s3cret pass"]).status, 0);
  const out = path.join(work, "out");
  const args = ["--exe", EXE, "--linux-host", LINUX_HOST, "--extension-id", ID, "--out", out, "--pfx", pfx, "--pfx-pass-env", "CCP_TEST_PFX_PASS"];
  const wrong = makeMsi(args, { ...process.env, CCP_TEST_PFX_PASS: "wrong" });
  assert.equal(wrong.status, 1);
  const made = makeMsi(args, { ...process.env, CCP_TEST_PFX_PASS: "s3cret pass" });
  assert.equal(made.status, 0, made.stderr);
  assert.equal(run("osslsigncode", ["verify", "-CAfile", crt, "-in", path.join(out, `ccp-relogin-${VERSION}-x64.msi`)]).status, 0);
});

test("bad arguments exit 2 with a clear message", { skip: skip && missingTools.length > 0 ? skip : false }, () => {
  const exe = EXE ?? "/nonexistent.exe";
  const host = LINUX_HOST ?? "/nonexistent";
  const good = ["--exe", exe, "--linux-host", host, "--extension-id", ID, "--out", "/tmp/never-written"];
  const cases = [
    [[], /--exe is required/],
    [good.filter((_, i) => i < 6), /--out is required/],
    [["--exe", exe, "--linux-host", host, "--out", "/tmp/x"], /--extension-id is required/],
    [[...good.slice(0, 5), "NOT-AN-ID", ...good.slice(6)], /is not 32 letters a-p/],
    [[...good, "--frobnicate"], /Unknown option '--frobnicate'/],
    [[...good, "--sign-test-cert", "--pfx", "x.pfx", "--pfx-pass-env", "P"], /do not go together/],
    [[...good, "--pfx", "x.pfx"], /--pfx and --pfx-pass-env go together/],
    [[...good, "--pfx", "x.pfx", "--pfx-pass-env", "not a name"], /is not a variable name/],
    [["--exe", "/nonexistent.exe", ...good.slice(2)], /--exe \/nonexistent.exe does not exist/],
  ];
  if (LINUX_HOST) {
    cases.push([["--exe", LINUX_HOST, ...good.slice(2)], /is not a Windows executable/]);
    if (EXE) {
      cases.push([[...good.slice(0, 2), "--linux-host", EXE, ...good.slice(4)], /is not a Linux executable/]);
      cases.push([[...good, "--pfx", "/nonexistent.pfx", "--pfx-pass-env", "CCP_UNSET_VARIABLE_X"], /--pfx \/nonexistent.pfx does not exist/]);
      cases.push([[...good, "--pfx", LINUX_HOST, "--pfx-pass-env", "CCP_UNSET_VARIABLE_X"], /the variable CCP_UNSET_VARIABLE_X is not set/]);
      cases.push([[...good, "--machine-config", MAKE_MSI], /--machine-config .* is not JSON/]);
      // An exe from a build tree whose cache says it trusts the development extension.
      const trusting = mkdtempSync(path.join(os.tmpdir(), "ccp-msi-trusting-"));
      cleanups.push(trusting);
      mkdirSync(path.join(trusting, "host"));
      writeFileSync(path.join(trusting, "host", "ccp-relogin.exe"), "MZ: the check reads the cache first");
      writeFileSync(path.join(trusting, "CMakeCache.txt"), "CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION:BOOL=ON\n");
      cases.push([["--exe", path.join(trusting, "host", "ccp-relogin.exe"), ...good.slice(2)], /trusts the development extension.*windows-release preset/]);
    }
  }
  for (const [args, message] of cases) {
    const result = makeMsi(args);
    assert.equal(result.status, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.match(result.stderr, /usage: packaging\/windows\/make-msi/);
  }
  assert.equal(existsSync("/tmp/never-written"), false);
});

// Wine's msiexec runs the MSI's actions for real: the files, the HKLM keys,
// a major upgrade keeping an edited machine config, a refused downgrade, and
// an uninstall that leaves only that config.
const wineSkip = skip || (!has("wine") ? "wine is not installed" : false);
test("under Wine: install, upgrade, refused downgrade, uninstall", { skip: wineSkip, timeout: 600_000 }, (t) => {
  const prefix = mkdtempSync(path.join(dir, "wine-"));
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: "-all", WINEDLLOVERRIDES: "mscoree,mshtml=" };
  const wine = (...args) => run("wine", args, { env, timeout: 300_000 });
  // This prefix's wineserver only, so the prefix can be removed.
  t.after(() => run("wineserver", ["-k"], { env }));
  const driveC = path.join(prefix, "drive_c");
  const installDir = path.join(driveC, "Program Files", "ccp-relogin");
  const config = path.join(driveC, "ProgramData", "ccp-relogin", "config.json");
  const locations = JSON.parse(run(LINUX_HOST, ["manifest", "--system", "windows", "--locations", "--browser", "chrome,edge,chromium,brave"]).stdout);
  const registered = (key) => {
    const query = wine("reg", "query", `HKLM\\${key}`, "/ve");
    return query.status === 0 ? /REG_SZ\s+(.*?)\r?$/m.exec(query.stdout)?.[1] : undefined;
  };
  const products = () =>
    (wine("reg", "query", "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall").stdout.match(/\{[0-9A-F-]{36}\}/g) ?? []);

  assert.equal(wine("msiexec", "/i", msi, "/qn").status, 0);
  assert.ok(existsSync(path.join(installDir, "ccp-relogin.exe")));
  for (const { registryKey } of locations)
    assert.equal(registered(registryKey), "C:\\Program Files\\ccp-relogin\\com.ccp_relogin.host.json");
  // The packaged build does not trust the development extension by itself.
  const doctor = wine("C:\\Program Files\\ccp-relogin\\ccp-relogin.exe", "doctor");
  assert.match(doctor.stdout, /^ok +development extension: \S+ is not trusted: a release build/m, doctor.stdout);
  // doctor follows the HKLM keys to the manifest in Program Files, and finds
  // the .exe it names beside it.
  assert.match(doctor.stdout, /^ok +manifests: com\.ccp_relogin\.host is registered for /m, doctor.stdout);
  assert.match(doctor.stdout, /^ok +manifest edge \(system\): .*Program Files.*com\.ccp_relogin\.host\.json starts /m, doctor.stdout);
  const firstProduct = property(msi, "ProductCode");
  assert.deepEqual(products(), [firstProduct]);

  // The next version: this MSI with a higher version and its own ProductCode.
  const next = path.join(dir, "next.msi");
  copyFileSync(msi, next);
  const [major, minor, build] = VERSION.split(".").map(Number);
  const nextVersion = `${major}.${minor}.${build + 1}`;
  const sql = (query) => assert.equal(run("msibuild", [next, "-q", query]).status, 0, query);
  sql(`UPDATE \`Property\` SET \`Value\` = '${nextVersion}' WHERE \`Property\` = 'ProductVersion'`);
  sql("UPDATE `Property` SET `Value` = '{0A0A0A0A-0000-4000-8000-00000000C0DE}' WHERE `Property` = 'ProductCode'");
  for (const row of table(next, "Upgrade")) {
    sql(`DELETE FROM \`Upgrade\` WHERE \`ActionProperty\` = '${row.ActionProperty}'`);
    const column = row.VersionMax ? "VersionMax" : "VersionMin";
    sql(`INSERT INTO \`Upgrade\` (\`UpgradeCode\`, \`${column}\`, \`Attributes\`, \`ActionProperty\`) VALUES ('${row.UpgradeCode}', '${nextVersion}', ${row.Attributes}, '${row.ActionProperty}')`);
  }

  writeFileSync(config, '{"edited": true}\n');
  assert.equal(wine("msiexec", "/i", next, "/qn").status, 0);
  assert.deepEqual(products(), ["{0A0A0A0A-0000-4000-8000-00000000C0DE}"], "the older version was replaced");
  assert.equal(readFileSync(config, "utf8"), '{"edited": true}\n', "the upgrade kept the edited config");
  assert.ok(existsSync(path.join(installDir, "com.ccp_relogin.host.json")));

  const downgrade = wine("msiexec", "/i", msi, "/qn");
  assert.notEqual(downgrade.status, 0, "the older MSI was refused");
  assert.deepEqual(products(), ["{0A0A0A0A-0000-4000-8000-00000000C0DE}"]);

  assert.equal(wine("msiexec", "/x", "{0A0A0A0A-0000-4000-8000-00000000C0DE}", "/qn").status, 0);
  assert.deepEqual(products(), []);
  assert.equal(existsSync(installDir), false);
  for (const { registryKey } of locations) assert.equal(registered(registryKey), undefined);
  assert.equal(readFileSync(config, "utf8"), '{"edited": true}\n', "uninstall leaves the machine config");
});

// The MSI ./run package ships (out/packages/windows/): test-signed, for the
// same extension IDs as the Linux packages (the self-hosted CRX's first).
const PACKAGES = process.env.CCP_RELOGIN_PACKAGES;
test("./run package's MSI: this version, test-signed, for the packages' extension IDs", { skip: !PACKAGES || skip }, () => {
  const shipped = path.join(PACKAGES, "windows", `ccp-relogin-${VERSION}-x64.msi`);
  assert.ok(existsSync(shipped), `${shipped} is missing`);
  assert.equal(property(shipped, "ProductVersion"), VERSION);
  const verify = run("osslsigncode", ["verify", "-CAfile", path.join(PACKAGES, "windows", "test-signing-cert.pem"), "-in", shipped]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  const out = mkdtempSync(path.join(os.tmpdir(), "ccp-msi-shipped-"));
  cleanups.push(out);
  assert.equal(run("msiextract", ["-C", out, shipped]).status, 0);
  const crxId = readFileSync(path.join(PACKAGES, "extension", "extension-id.txt"), "utf8").trim();
  const manifest = JSON.parse(readFileSync(path.join(out, "ccp-relogin", "com.ccp_relogin.host.json"), "utf8"));
  assert.equal(manifest.allowed_origins[0], `chrome-extension://${crxId}/`);
  const config = JSON.parse(readFileSync(path.join(out, "ccp-relogin", "config.json"), "utf8"));
  assert.deepEqual(config.allowedExtensionIds, manifest.allowed_origins.map((o) => o.slice("chrome-extension://".length, -1)));
});
