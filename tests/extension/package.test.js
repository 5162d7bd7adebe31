// The release artifacts (extension/tools/package.mjs): the store zip, the
// signed CRX3, update.xml and extension-id.txt, read back with readers of
// their own (tests/extension/support/crx3-reader.js, yauzl, fast-xml-parser),
// never with the packer's code.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import {
  chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseCrx3, rsaProofVerifies, protobufFields } from "./support/crx3-reader.js";
import { readZip } from "./support/zip-reader.js";
import { checkVersion } from "../../extension/tools/release/manifest-rules.mjs";
import { extensionIdFromDer } from "../../extension/tools/release/extension-id.mjs";
import { updateLocation } from "../../extension/tools/release/update-manifest.mjs";
import { packageExtension } from "../../extension/tools/release/package-extension.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXT = join(ROOT, "extension");
const PACKER = join(EXT, "tools", "package.mjs");
const manifest = JSON.parse(readFileSync(join(EXT, "manifest.json"), "utf8"));
const VERSION = manifest.version;
const ZIP = `ccp-relogin-extension-${VERSION}.zip`;
const CRX = `ccp-relogin-extension-${VERSION}.crx`;
const run = promisify(execFile);

let scratch;
let keyPath;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), "ccp-package-test-"));
  keyPath = join(scratch, "release-key.pem");
  writeFileSync(keyPath, rsaKeyPem(2048), { mode: 0o600 });
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function rsaKeyPem(bits) {
  return generateKeyPairSync("rsa", { modulusLength: bits }).privateKey.export({ type: "pkcs8", format: "pem" });
}

// The packer as a command, the way ./run package and people run it.
async function pack(args, env = {}) {
  const environment = { ...process.env, ...env };
  if (!("CCP_RELOGIN_CRX_KEY" in env)) delete environment.CCP_RELOGIN_CRX_KEY;
  try {
    const { stdout, stderr } = await run(process.execPath, [PACKER, ...args], { env: environment });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

let counter = 0;
const freshDir = (name) => join(scratch, `${name}-${(counter += 1)}`, "out");

async function packed(args = [], env = {}) {
  const out = freshDir("run");
  const result = await pack(["--out", out, ...args], env);
  assert.equal(result.code, 0, result.stderr);
  const read = (name) => readFileSync(join(out, name));
  return { out, result, zip: read(ZIP), crx: read(CRX), xml: read("update.xml").toString("utf8"), id: read("extension-id.txt").toString("utf8") };
}

// ---- What the browser loads: the files the zip must hold, found from the
// manifest, the pages and the scripts, independently of the packer's rule.

const readText = (file) => readFileSync(join(EXT, file), "utf8");
const isPackageFile = (file) => existsSync(join(EXT, file)) && !file.startsWith("..");

function manifestFiles(m) {
  return [
    m.background.service_worker,
    m.action.default_popup,
    m.options_ui.page,
    m.storage.managed_schema,
    ...Object.values(m.icons),
    ...Object.values(m.action.default_icon),
    ...m.content_scripts.flatMap((c) => c.js ?? []),
    ...m.content_scripts.flatMap((c) => c.css ?? []),
    ...m.web_accessible_resources.flatMap((w) => w.resources),
  ];
}

// What one file refers to: in HTML, relative src/href; in JS, relative
// import specifiers and string literals that name a file of the package
// from its root (chrome.runtime.getURL("icons/icon128.png"),
// registerContentScripts({js: ["content/bridge.js"]})).
function references(file) {
  const text = readText(file);
  const dir = posix.dirname(file);
  const found = [];
  if (file.endsWith(".html")) {
    for (const m of text.matchAll(/\b(?:src|href)\s*=\s*"([^"#:]+)"/g)) found.push(posix.normalize(posix.join(dir, m[1])));
  } else if (file.endsWith(".js")) {
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\.?\/[^"']+)["']/g)) found.push(posix.normalize(posix.join(dir, m[1])));
    for (const m of text.matchAll(/["']([a-z0-9_-]+\/[a-z0-9_./-]+\.[a-z]+)["']/gi)) if (isPackageFile(m[1])) found.push(m[1]);
  }
  return found;
}

function reachableFiles() {
  const seen = new Set(["manifest.json"]);
  const pending = manifestFiles(manifest);
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    assert.ok(isPackageFile(file), `${file} is referred to but is not in extension/`);
    seen.add(file);
    pending.push(...references(file));
  }
  return [...seen].sort();
}

test("the store zip holds exactly the files the browser loads: no tools, no README", async () => {
  const { zip } = await packed(["--key", keyPath]);
  const entries = await readZip(zip);
  const names = Object.keys(entries).sort();
  assert.deepEqual(names, reachableFiles());
  for (const required of ["manifest.json", "worker/background.js", "content/detect-loader.js", "content/bridge.js", "content/page-watch.js", "popup/popup.html", "options/options.html", "managed_schema.json", "icons/icon128.png"]) {
    assert.ok(names.includes(required), required);
  }
  assert.ok(names.every((n) => !n.startsWith("tools/") && !n.endsWith(".md") && !n.endsWith("/")), names.join());
  // Every file but the manifest is the source file byte for byte.
  for (const name of names.filter((n) => n !== "manifest.json")) assert.ok(entries[name].equals(readFileSync(join(EXT, name))), name);
});

test("the store zip's manifest is the source manifest without the development key; its version is the one version", async () => {
  const { zip } = await packed(["--key", keyPath]);
  const inZip = JSON.parse((await readZip(zip))["manifest.json"].toString("utf8"));
  assert.ok(manifest.key, "the source keeps its development key (the unpacked ID)");
  assert.equal("key" in inZip, false);
  assert.equal("update_url" in inZip, false);
  const { key: _key, ...rest } = manifest;
  assert.deepEqual(inZip, rest);
  assert.equal(inZip.version, VERSION);
});

test("CMake takes the project's version from extension/manifest.json, nowhere else", () => {
  const cmake = readFileSync(join(ROOT, "CMakeLists.txt"), "utf8");
  assert.match(cmake, /string\(JSON ccp_version [^)]*GET "\$\{ccp_manifest_text\}" version\)/);
  assert.match(cmake, /project\(ccp-relogin VERSION \$\{ccp_version\} LANGUAGES CXX\)/);
  assert.match(cmake, /set\(ccp_manifest "\$\{CMAKE_CURRENT_SOURCE_DIR\}\/extension\/manifest\.json"\)/);
  assert.equal((cmake.match(/^project\(/gm) ?? []).length, 1);
});

test("the CRX is a CRX3 signed with the key: magic, version, header, crx_id = extension-id.txt, signature", async () => {
  const { crx, id, zip } = await packed(["--key", keyPath]);
  const parsed = parseCrx3(crx);
  assert.equal(parsed.magic, "Cr24");
  assert.equal(parsed.version, 3);
  assert.equal(crx.readUInt32LE(8), parsed.headerLength);
  assert.ok(parsed.headerLength > 0 && parsed.headerLength < 16384, String(parsed.headerLength));
  assert.equal(parsed.rsaProofs.length, 1);
  assert.equal(parsed.ecdsaProofs.length, 0);
  assert.ok(parsed.signedHeaderData, "signed_header_data present");
  assert.equal(parsed.crxId.length, 16);

  const [proof] = parsed.rsaProofs;
  const keyHash = createHash("sha256").update(proof.publicKey).digest().subarray(0, 16);
  assert.ok(parsed.crxId.equals(keyHash), "crx_id is the first 16 bytes of SHA-256 of the public key");
  assert.equal(id, `${extensionIdFromDer(proof.publicKey)}\n`);
  assert.match(id, /^[a-p]{32}\n$/);
  const fromCrxId = [...parsed.crxId.toString("hex")].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
  assert.equal(id.trim(), fromCrxId);

  // The key in the CRX is the one given.
  const expected = createPublicKey(readFileSync(keyPath)).export({ type: "spki", format: "der" });
  assert.ok(proof.publicKey.equals(expected));

  assert.ok(rsaProofVerifies(proof, parsed.signedHeaderData, parsed.archive), "the signature verifies");
  // The check can fail: one changed byte of the archive or of the signed data breaks it.
  const tampered = Buffer.from(parsed.archive);
  tampered[tampered.length >> 1] ^= 0x01;
  assert.equal(rsaProofVerifies(proof, parsed.signedHeaderData, tampered), false);
  const otherId = Buffer.from(parsed.signedHeaderData);
  otherId[otherId.length - 1] ^= 0x01;
  assert.equal(rsaProofVerifies(proof, otherId, parsed.archive), false);

  // Without --update-url the CRX carries the store zip itself.
  assert.ok(parsed.archive.equals(zip), "the CRX's archive is the store zip, byte for byte");
});

test("the CRX reader itself: protobuf fields, and a file that is no CRX3", () => {
  // field 2, length-delimited, "ab"; field 10000 (key varint 0x82 0xf1 0x04), "z"
  const fields = protobufFields(Buffer.from([0x12, 0x02, 0x61, 0x62, 0x82, 0xf1, 0x04, 0x01, 0x7a]));
  assert.deepEqual(fields.map((f) => [f.field, f.value.toString()]), [[2, "ab"], [10000, "z"]]);
  assert.throws(() => protobufFields(Buffer.from([0x12, 0x05, 0x61])), /past the end/);
  const crx2 = Buffer.concat([Buffer.from("Cr24"), Buffer.from([2, 0, 0, 0, 0xff, 0, 0, 0])]);
  assert.throws(() => parseCrx3(crx2), /runs past the file/);
});

test("with --update-url: update.xml names the ID, the version and the CRX's URL; the CRX's manifest names update.xml", async () => {
  const base = "https://intranet.example.com/apps&tools/ccp-relogin/";
  const { xml, id, crx, zip } = await packed(["--key", keyPath, "--update-url", `${base}update.xml`]);
  assert.equal(XMLValidator.validate(xml), true, "well-formed");
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
  assert.equal(doc.gupdate.xmlns, "http://www.google.com/update2/response");
  assert.equal(doc.gupdate.protocol, "2.0");
  assert.equal(doc.gupdate.app.appid, id.trim());
  const check = doc.gupdate.app.updatecheck;
  assert.equal(check.version, VERSION);
  assert.equal(check.prodversionmin, manifest.minimum_chrome_version);
  // The parser hands back the attribute as written: the & is escaped in the file.
  assert.ok(xml.includes("apps&amp;tools"), xml);
  assert.equal(check.codebase.replaceAll("&amp;", "&"), `${base}${CRX}`);

  // The CRX's archive: the store zip's files, its manifest plus update_url.
  const inCrx = await readZip(parseCrx3(crx).archive);
  const inStore = await readZip(zip);
  assert.deepEqual(Object.keys(inCrx).sort(), Object.keys(inStore).sort());
  for (const name of Object.keys(inStore).filter((n) => n !== "manifest.json")) assert.ok(inCrx[name].equals(inStore[name]), name);
  const crxManifest = JSON.parse(inCrx["manifest.json"]);
  assert.equal(crxManifest.update_url, `${base}update.xml`);
  const { update_url: _u, ...withoutUpdateUrl } = crxManifest;
  assert.deepEqual(withoutUpdateUrl, JSON.parse(inStore["manifest.json"]));
  assert.equal("key" in crxManifest, false);
});

test("update.xml without --update-url points at the CRX in the output folder, and says so", async () => {
  const { xml, out, result } = await packed(["--key", keyPath]);
  assert.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
  assert.equal(doc.gupdate.app.updatecheck.codebase, `file://${join(out, CRX)}`);
  assert.match(result.stderr, /no --update-url/);
});

test("--update-url: the folder form, and each bad URL refused with its reason", () => {
  assert.deepEqual(updateLocation("https://h.example/a/"), { updateUrl: "https://h.example/a/update.xml", base: "https://h.example/a/" });
  assert.deepEqual(updateLocation("https://h.example/update.xml"), { updateUrl: "https://h.example/update.xml", base: "https://h.example/" });
  assert.equal(updateLocation("http://localhost:8080/x/").base, "http://localhost:8080/x/");
  for (const [url, reason] of [
    ["", /empty/],
    ["not a url", /not a URL/],
    ["http://intranet.example/x/", /https/],
    ["ftp://h.example/x/", /https/],
    ["https://user:pw@h.example/x/", /user name or password/],
    ["https://h.example/x/?v=1", /query or fragment/],
    ["https://h.example/x/#top", /query or fragment/],
    ["https://h.example/x", /end it with \/update\.xml/],
    ["https://h.example/x/other.xml", /end it with \/update\.xml/],
    [`https://h.example/${"a".repeat(2100)}/`, /longer than 2048/],
  ]) {
    assert.throws(() => updateLocation(url), (e) => e.name === "ReleaseError" && reason.test(e.message), url);
  }
});

test("the version rule is Chrome's", () => {
  for (const v of ["1", "0.1", "0.1.0", "1.2.3.4", "65535.0.0.1", "10.0"]) assert.equal(checkVersion(v), v);
  for (const v of ["", "0", "0.0.0", "01.2", "1.02", "1.2.3.4.5", "65536", "1..2", "1.2.", "v1.2", "1.2-beta", " 1.2", 12, null]) {
    assert.throws(() => checkVersion(v), /"version"/, String(v));
  }
});

test("the extension ID from a key: the documented development ID from the manifest's key", () => {
  assert.equal(extensionIdFromDer(Buffer.from(manifest.key, "base64")), "lgnognmbodadambbbcigkefnngodpege");
});

// ---- The key

const listing = (dir) => (existsSync(dir) ? readdirSync(dir).sort() : []);

test("a missing or unreadable key is a clear error, exit 2, and nothing is written", async () => {
  const out = freshDir("bad-key");
  const notAKey = join(scratch, "not-a-key.pem");
  writeFileSync(notAKey, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
  const publicOnly = join(scratch, "public.pem");
  writeFileSync(publicOnly, generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }));
  const encrypted = join(scratch, "encrypted.pem");
  writeFileSync(encrypted, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" }));
  const ec = join(scratch, "ec.pem");
  writeFileSync(ec, generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }));
  const short = join(scratch, "short.pem");
  writeFileSync(short, rsaKeyPem(1024));

  for (const [args, env, message] of [
    [["--key", join(scratch, "missing.pem")], {}, /--key .*missing\.pem: no such file/],
    [["--key", scratch], {}, /a directory, not a key file/],
    [["--key", notAKey], {}, /not a PEM private key/],
    [["--key", publicOnly], {}, /not a PEM private key/],
    [["--key", encrypted], {}, /an encrypted key/],
    [["--key", ec], {}, /a ec key; the CRX is signed with an RSA key/],
    [["--key", short], {}, /1024-bit RSA; at least 2048 bits/],
    [[], { CCP_RELOGIN_CRX_KEY: join(scratch, "env-missing.pem") }, /CCP_RELOGIN_CRX_KEY .*env-missing\.pem: no such file/],
  ]) {
    const result = await pack(["--out", out, ...args], env);
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /BEGIN|at .*\.mjs:\d+/, "no key material, no stack trace");
    assert.deepEqual(listing(out), []);
  }
  assert.equal(existsSync(join(out, "..", "keys")), false, "no key generated when one was named");
});

test("a key the user cannot read: permission denied (skipped as root, who reads anyway)", { skip: process.getuid?.() === 0 }, async () => {
  const locked = join(scratch, "locked.pem");
  writeFileSync(locked, rsaKeyPem(2048));
  chmodSync(locked, 0o000);
  const result = await pack(["--out", freshDir("locked"), "--key", locked]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /not readable \(permission denied\)/);
});

test("running twice with the same key gives the same ID and the same bytes", async () => {
  const first = await packed(["--key", keyPath, "--update-url", "https://h.example/c/"]);
  const second = await packed(["--key", keyPath, "--update-url", "https://h.example/c/"]);
  assert.equal(first.id, second.id);
  assert.ok(first.zip.equals(second.zip), "zip");
  assert.ok(first.crx.equals(second.crx), "crx (RSA PKCS#1 v1.5 signatures are deterministic)");
  assert.equal(first.xml, second.xml);
  const viaEnv = await packed([], { CCP_RELOGIN_CRX_KEY: keyPath });
  assert.equal(viaEnv.id, first.id, "CCP_RELOGIN_CRX_KEY names the same key");
  const otherKey = await packed([]);
  assert.notEqual(otherKey.id, first.id, "another key, another ID");
});

test("without a key: one is generated into DIR/../keys/extension-key.pem (0600) once, then reused", async () => {
  const out = freshDir("generated");
  const first = await pack(["--out", out]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /generated the signing key/);
  const key = join(out, "..", "keys", "extension-key.pem");
  assert.equal(statSync(key).mode & 0o777, 0o600);
  assert.equal(statSync(join(out, "..", "keys")).mode & 0o777, 0o700);
  const id = readFileSync(join(out, "extension-id.txt"), "utf8");
  const pem = readFileSync(key);
  const second = await pack(["--out", out]);
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /generated the signing key/);
  assert.ok(readFileSync(key).equals(pem), "the key is not replaced");
  assert.equal(readFileSync(join(out, "extension-id.txt"), "utf8"), id);
  assert.equal(parseCrx3(readFileSync(join(out, CRX))).crxId.length, 16);
});

test("the generated key's place must not be a symbolic link", async () => {
  const out = freshDir("key-link");
  const keys = join(out, "..", "keys");
  mkdirSync(keys, { recursive: true });
  symlinkSync(keyPath, join(keys, "extension-key.pem"));
  const result = await pack(["--out", out]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /a symbolic link/);
  assert.deepEqual(listing(out), []);
});

// ---- Bad input loses nothing

test("a failed run leaves the artifacts of the last good run as they were", async () => {
  const out = freshDir("keep");
  assert.equal((await pack(["--out", out, "--key", keyPath])).code, 0);
  const before = Object.fromEntries(listing(out).map((n) => [n, readFileSync(join(out, n))]));
  const failed = await pack(["--out", out, "--key", keyPath, "--update-url", "http://insecure.example/"]);
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /https/);
  assert.deepEqual(listing(out), Object.keys(before).sort());
  for (const [name, bytes] of Object.entries(before)) assert.ok(readFileSync(join(out, name)).equals(bytes), name);
});

test("neither the output nor the key may be inside the extension's folder (everything there ships)", async () => {
  const copy = join(scratch, "ext-inside");
  cpSync(EXT, copy, { recursive: true });
  await assert.rejects(packageExtension({ extensionDir: copy, outDir: join(copy, "dist"), keyFlag: keyPath }), /--out .*dist: inside the extension's folder/);
  // The default key, DIR/../keys, would land in the extension for --out <extension>/x/y.
  await assert.rejects(packageExtension({ extensionDir: copy, outDir: join(scratch, "ok-out"), keyFlag: join(copy, "k.pem") }), /--key .*k\.pem: inside the extension's folder; the private key would ship/);
  assert.equal(existsSync(join(copy, "dist")), false);
  const result = await pack(["--out", join(EXT, "dist"), "--key", keyPath]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /inside the extension's folder/);
  assert.equal(existsSync(join(EXT, "dist")), false);
});

test("usage errors: no --out, an unknown option, an empty --key", async () => {
  for (const [args, message] of [
    [[], /--out DIR is required/],
    [["--out", freshDir("u"), "--bogus"], /Unknown option '--bogus'/],
    [["--out", freshDir("u"), "--key", ""], /--key: empty/],
    [["--out", freshDir("u"), "stray"], /positional/i],
  ]) {
    const result = await pack(args);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, message);
    assert.match(result.stderr, /usage: node extension\/tools\/package\.mjs --out DIR \[--key KEY\.pem\] \[--update-url URL\]/);
  }
  const help = await pack(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^usage:/);
});

test("an extension folder with a symbolic link, or a bad manifest version, is refused", async () => {
  const copy = join(scratch, "ext-copy");
  cpSync(EXT, copy, { recursive: true });
  symlinkSync(join(copy, "lib", "phrases.js"), join(copy, "lib", "linked.js"));
  const out = freshDir("link");
  await assert.rejects(packageExtension({ extensionDir: copy, outDir: out, keyFlag: keyPath }), /linked\.js: a symbolic link/);
  rmSync(join(copy, "lib", "linked.js"));

  writeFileSync(join(copy, "manifest.json"), JSON.stringify({ ...manifest, version: "1.02" }));
  await assert.rejects(packageExtension({ extensionDir: copy, outDir: out, keyFlag: keyPath }), /"version" "1\.02" is not/);
  writeFileSync(join(copy, "manifest.json"), "{ not json");
  await assert.rejects(packageExtension({ extensionDir: copy, outDir: out, keyFlag: keyPath }), /not valid JSON/);
  writeFileSync(join(copy, "manifest.json"), JSON.stringify({ ...manifest, update_url: "https://x.example/u.xml" }));
  await assert.rejects(packageExtension({ extensionDir: copy, outDir: out, keyFlag: keyPath }), /has an "update_url"/);
  assert.deepEqual(listing(out), []);

  // A new runtime folder ships without a change to the packer; README and tools do not.
  writeFileSync(join(copy, "manifest.json"), JSON.stringify(manifest));
  cpSync(join(copy, "lib"), join(copy, "extra"), { recursive: true });
  writeFileSync(join(copy, "extra", "NOTES.md"), "notes");
  writeFileSync(join(copy, ".DS_Store"), "litter");
  const result = await packageExtension({ extensionDir: copy, outDir: out, keyFlag: keyPath });
  assert.ok(result.runtimeFiles.includes("extra/phrases.js"));
  assert.ok(!result.runtimeFiles.some((f) => f.endsWith(".md") || f.startsWith("tools/") || f.startsWith(".")), result.runtimeFiles.join());
});
