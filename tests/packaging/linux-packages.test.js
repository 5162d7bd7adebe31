// The Linux packages `./run package` made (docs/rollout.md, "Linux
// packages"): what they hold, that lintian passes them, and, as root, the
// life of the .deb on this machine: install, doctor, an upgrade that keeps
// the administrator's config, and a purge that leaves nothing.
//   CCP_RELOGIN_PACKAGES=out/packages node --test tests/packaging/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const PACKAGES = resolve(process.env.CCP_RELOGIN_PACKAGES ?? join(ROOT, "out", "packages"));
const LINUX = join(PACKAGES, "linux");
const VERSION = JSON.parse(readFileSync(join(ROOT, "extension", "manifest.json"), "utf8")).version;
const HOST_NAME = "com.ccp_relogin.host";

// Each system-wide location once (Brave reads Chrome's folder): the files
// `ccp-relogin manifest --root` writes, docs/facts.md "Native messaging".
const MANIFESTS = [
  "/etc/chromium/native-messaging-hosts/com.ccp_relogin.host.json",
  "/etc/opt/chrome/native-messaging-hosts/com.ccp_relogin.host.json",
  "/etc/opt/edge/native-messaging-hosts/com.ccp_relogin.host.json",
];
const CONFIG = "/etc/ccp-relogin/config.json";
const FILES = [
  CONFIG,
  ...MANIFESTS,
  "/usr/bin/ccp-relogin",
  "/usr/bin/ccp-relogin-network",
  "/usr/share/doc/ccp-relogin/changelog.gz",
  "/usr/share/doc/ccp-relogin/copyright",
  "/usr/share/lintian/overrides/ccp-relogin",
  "/usr/share/man/man1/ccp-relogin.1.gz",
].sort();

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options });
}

function only(dir, suffix) {
  const found = readdirSync(dir).filter((name) => name.endsWith(suffix));
  assert.equal(found.length, 1, `one ${suffix} in ${dir}, found ${found.join(", ") || "none"}`);
  return join(dir, found[0]);
}

const deb = only(LINUX, ".deb");
const rpm = only(LINUX, ".rpm");
// The self-hosted CRX's ID comes first; more IDs (a store's) follow in the config.
const crxId = readFileSync(join(PACKAGES, "extension", "extension-id.txt"), "utf8").trim();

function debFiles() {
  return run("sh", ["-c", 'dpkg-deb --fsys-tarfile "$0" | tar -t', deb])
      .split("\n")
      .filter((line) => line && !line.endsWith("/"))
      .map((line) => line.replace(/^\./, ""))
      .sort();
}

function unpackDeb() {
  const dir = mkdtempSync(join(tmpdir(), "ccp-deb-"));
  run("dpkg-deb", ["-x", deb, dir]);
  return dir;
}

function packageIds(root) {
  return JSON.parse(readFileSync(join(root, CONFIG), "utf8")).allowedExtensionIds;
}

test("the .deb holds the host, its manifests, its config and its docs, and nothing else", () => {
  assert.deepEqual(debFiles(), FILES);
  assert.equal(run("dpkg-deb", ["-f", deb, "Version"]).trim(), VERSION);
  assert.equal(run("dpkg-deb", ["-f", deb, "Package"]).trim(), "ccp-relogin");
});

test("every file under /etc is a conffile of the .deb", () => {
  const control = mkdtempSync(join(tmpdir(), "ccp-ctl-"));
  try {
    run("dpkg-deb", ["-e", deb, control]);
    const conffiles = readFileSync(join(control, "conffiles"), "utf8").trim().split("\n").sort();
    assert.deepEqual(conffiles, FILES.filter((f) => f.startsWith("/etc/")));
    // No maintainer script: dpkg itself puts down and removes every file.
    for (const script of ["preinst", "postinst", "prerm", "postrm"]) {
      assert.ok(!existsSync(join(control, script)), `${script} in the .deb`);
    }
  } finally {
    rmSync(control, { recursive: true, force: true });
  }
});

test("the manifests start /usr/bin/ccp-relogin for the package's extension IDs only", () => {
  const root = unpackDeb();
  try {
    const ids = packageIds(root);
    assert.equal(ids[0], crxId);
    for (const path of MANIFESTS) {
      const manifest = JSON.parse(readFileSync(join(root, path), "utf8"));
      assert.equal(manifest.name, HOST_NAME, path);
      assert.equal(manifest.path, "/usr/bin/ccp-relogin", path);
      assert.equal(manifest.type, "stdio", path);
      assert.deepEqual(manifest.allowed_origins, ids.map((id) => `chrome-extension://${id}/`), path);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the shipped host is the release build: a static PIE of this version that trusts no development extension", () => {
  const root = unpackDeb();
  try {
    const host = join(root, "usr", "bin", "ccp-relogin");
    run("cmake", [`-DBINARY=${host}`, "-P", join(ROOT, "cmake", "check_host_links.cmake")]);
    assert.match(run(host, ["version"]), new RegExp(`^ccp-relogin ${VERSION.replaceAll(".", "\\.")} `));
    const home = mkdtempSync(join(tmpdir(), "ccp-home-"));
    try {
      const doctor = spawnSync(host, ["doctor", "--offline", "--json", "--config", join(root, CONFIG)], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: home },
      });
      const checks = JSON.parse(doctor.stdout);
      const trust = checks.find((c) => c.name === "development extension");
      assert.match(trust.summary, /is not trusted: a release build/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("lintian passes the .deb (each override says why, packaging/debian/lintian-overrides)", () => {
  const result = spawnSync("lintian", ["--fail-on", "error,warning", "--pedantic", deb], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.doesNotMatch(result.stdout, /^[EW]: /m);
  assert.doesNotMatch(result.stdout, /unused-override/);
});

test("the .rpm holds the same files, the same manifests, and marks /etc as %config(noreplace)", () => {
  // The folders it owns are its own only; the system's and the browsers'
  // folders stay theirs (packaging/cpack_generator_config.cmake).
  const ownFolders = ["/etc/ccp-relogin", "/usr/share/doc/ccp-relogin"];
  const listed = run("rpm", ["-qpl", rpm]).trim().split("\n");
  assert.deepEqual(listed.filter((f) => !ownFolders.includes(f)).sort(), FILES);
  assert.deepEqual(listed.filter((f) => ownFolders.includes(f)).sort(), ownFolders);
  assert.deepEqual(run("rpm", ["-qpc", rpm]).trim().split("\n").sort(), FILES.filter((f) => f.startsWith("/etc/")));
  assert.match(run("rpm", ["-qp", "--queryformat", "%{VERSION}", rpm]), new RegExp(`^${VERSION}$`));
  // noreplace: the flag bit RPMFILE_NOREPLACE (16) beside RPMFILE_CONFIG (1).
  const flags = run("rpm", ["-qp", "--queryformat", "[%{FILENAMES} %{FILEFLAGS}\n]", rpm]);
  for (const line of flags.trim().split("\n")) {
    const [file, value] = line.split(" ");
    if (file.startsWith("/etc/") && file.endsWith(".json")) assert.equal(Number(value) & 17, 17, line);
  }
  const root = unpackDeb();
  try {
    for (const path of [...MANIFESTS, CONFIG]) {
      const fromRpm = run("sh", ["-c", 'rpm2cpio "$0" | cpio --quiet -i --to-stdout ".$1"', rpm, path]);
      assert.equal(fromRpm, readFileSync(join(root, path), "utf8"), path);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// The life of the package on a real Debian system. It writes to /etc and
// /usr, so it runs only as root and only where no ccp-relogin package is
// installed already; it always purges what it installed.
const installed = spawnSync("dpkg-query", ["-W", "-f=${Status}", "ccp-relogin"], { encoding: "utf8" });
const lifecycleSkip =
  process.getuid?.() !== 0
    ? "needs root (dpkg -i)"
    : installed.stdout.includes("installed")
      ? "a ccp-relogin package is installed on this machine; not touching it"
      : false;

function upgradeDeb(dir) {
  // The same package with a higher version: what an administrator's next
  // release looks like to dpkg.
  const tree = join(dir, "tree");
  run("dpkg-deb", ["-R", deb, tree]);
  const control = join(tree, "DEBIAN", "control");
  writeFileSync(control, readFileSync(control, "utf8").replace(/^Version: .*$/m, `Version: ${VERSION}+1`));
  const upgraded = join(dir, "upgrade.deb");
  run("dpkg-deb", ["--root-owner-group", "-b", tree, upgraded], { stdio: "ignore" });
  return upgraded;
}

test("dpkg: install, doctor, upgrade keeping the edited config, purge leaving nothing", { skip: lifecycleSkip }, () => {
  const work = mkdtempSync(join(tmpdir(), "ccp-dpkg-"));
  const home = join(work, "home");
  const env = { PATH: process.env.PATH, HOME: home, DEBIAN_FRONTEND: "noninteractive" };
  try {
    run("dpkg", ["-i", deb], { env, stdio: "pipe" });
    for (const path of [...MANIFESTS, CONFIG, "/usr/bin/ccp-relogin"]) {
      assert.match(run("dpkg", ["-S", path]), /^ccp-relogin: /, path);
    }
    // The administrator's step: the company's profiles in the machine config.
    const shipped = JSON.parse(readFileSync(CONFIG, "utf8"));
    const company = JSON.parse(readFileSync(join(ROOT, "manifests", "config.example.json"), "utf8"));
    company.allowedExtensionIds = shipped.allowedExtensionIds;
    const edited = JSON.stringify(company, null, 2) + "\n";
    writeFileSync(CONFIG, edited);

    const doctor = spawnSync(
      "/usr/bin/ccp-relogin",
      ["doctor", "--offline", "--json", "--scope", "system", "--browser", "chrome,chromium,edge,brave"],
      { encoding: "utf8", env },
    );
    const checks = JSON.parse(doctor.stdout);
    const failed = checks.filter((c) => c.status === "fail");
    assert.deepEqual(failed, [], doctor.stdout);
    assert.equal(doctor.status, 0, doctor.stdout);
    assert.equal(checks.find((c) => c.name === "config").status, "ok");
    for (const browser of ["chrome, brave", "chromium", "edge"]) {
      const check = checks.find((c) => c.name === `manifest ${browser} (system)`);
      assert.equal(check?.status, "ok", `manifest ${browser}: ${JSON.stringify(check)}`);
    }

    run("dpkg", ["-i", upgradeDeb(work)], { env, stdio: "pipe" });
    assert.equal(run("dpkg-query", ["-W", "-f=${Version}", "ccp-relogin"]), `${VERSION}+1`);
    assert.equal(readFileSync(CONFIG, "utf8"), edited, "the upgrade kept the administrator's config");

    run("dpkg", ["--purge", "ccp-relogin"], { env, stdio: "pipe" });
    for (const path of [...FILES, "/etc/ccp-relogin", "/usr/share/doc/ccp-relogin"]) {
      assert.ok(!existsSync(path), `${path} is left after the purge`);
    }
  } finally {
    spawnSync("dpkg", ["--purge", "ccp-relogin"], { env, stdio: "ignore" });
    rmSync(work, { recursive: true, force: true });
  }
});
