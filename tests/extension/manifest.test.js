// The manifest, the fixed ID, the managed-storage schema and the files they name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const EXT = fileURLToPath(new URL("../../extension/", import.meta.url));
const manifest = JSON.parse(readFileSync(join(EXT, "manifest.json"), "utf8"));
const schema = JSON.parse(readFileSync(join(EXT, manifest.storage.managed_schema), "utf8"));

// Chrome's extension ID: SHA-256 of the DER public key, first 16 bytes, hex digits 0-f mapped to a-p.
function idFromKey(key) {
  const hex = createHash("sha256").update(Buffer.from(key, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

test("the development key gives the documented ID", () => {
  assert.equal(idFromKey(manifest.key), "lgnognmbodadambbbcigkefnngodpege");
  assert.match(readFileSync(join(EXT, "README.md"), "utf8"), /lgnognmbodadambbbcigkefnngodpege/);
});

test("MV3, module service worker, no window.open anywhere", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.background, { service_worker: "worker/background.js", type: "module" });
  const sources = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) sources.push(readFileSync(path, "utf8"));
    }
  };
  walk(EXT);
  assert.ok(sources.length > 10);
  assert.ok(sources.every((s) => !/window\.open\s*\(/.test(s)));
});

test("every file the manifest names exists", () => {
  const files = [
    manifest.background.service_worker,
    manifest.action.default_popup,
    manifest.options_ui.page,
    manifest.storage.managed_schema,
    ...Object.values(manifest.icons),
    ...manifest.content_scripts.flatMap((c) => c.js),
    "content/bridge.js",
    "content/detect-main.js",
  ];
  for (const f of files) assert.ok(existsSync(join(EXT, f)), f);
});

test("content scripts: every frame of Connect, never about:blank; modules reachable from those pages only", () => {
  const [connect] = manifest.content_scripts;
  assert.deepEqual(connect.matches, ["https://*.my.connect.aws/*", "https://*.awsapps.com/connect/*"]);
  assert.equal(connect.all_frames, true);
  assert.equal(connect.match_about_blank, false);
  const war = manifest.web_accessible_resources[0];
  assert.ok(war.resources.includes("content/detect-main.js"));
  // Chrome requires "/*" paths in web_accessible_resources matches.
  assert.ok(war.matches.every((m) => m.endsWith("/*") && m.split("/").length === 4), war.matches.join());
  assert.ok(!war.matches.includes("<all_urls>") && !war.matches.includes("https://*/*"));
});

test("permissions are the ones the worker uses", () => {
  assert.deepEqual([...manifest.permissions].sort(), ["alarms", "nativeMessaging", "notifications", "scripting", "storage", "webNavigation"]);
  assert.deepEqual(manifest.host_permissions, ["https://*/*"]);
});

// Keywords Chrome's policy schema parser accepts (components/policy/core/common/schema.cc).
const CHROME_KEYWORDS = new Set([
  "type", "properties", "items", "description", "title", "additionalProperties", "patternProperties",
  "enum", "minimum", "maximum", "pattern", "$ref", "id", "required", "sensitiveValue",
]);

function walkSchema(node, path, visit) {
  visit(node, path);
  for (const [name, child] of Object.entries(node.properties ?? {})) walkSchema(child, `${path}.${name}`, visit);
  if (node.items) walkSchema(node.items, `${path}[]`, visit);
}

test("managed schema: valid for Chrome (one type per node, known keywords, items on arrays)", () => {
  assert.equal(schema.type, "object");
  assert.equal(schema.additionalProperties, undefined, "not allowed at the top level");
  walkSchema(schema, "$", (node, path) => {
    for (const key of Object.keys(node)) assert.ok(CHROME_KEYWORDS.has(key), `${path}: ${key}`);
    assert.equal(typeof node.type, "string", `${path}: exactly one type`);
    assert.ok(["object", "array", "string", "integer", "number", "boolean"].includes(node.type), path);
    if (node.type === "array") assert.ok(node.items, `${path}: arrays need items`);
  });
});

test("managed schema: the host configuration's field names (DESIGN.md)", () => {
  const names = [];
  walkSchema(schema, "", (node, path) => path && names.push(path.slice(1)));
  for (const path of [
    "profiles", "profiles[].name", "profiles[].instance.id", "profiles[].instance.alias", "profiles[].instance.region",
    "profiles[].instance.partition", "profiles[].instance.domain", "profiles[].entra.tenantId", "profiles[].entra.appId",
    "profiles[].entra.launcher", "profiles[].destination", "profiles[].returnTo", "detection.phrases", "detection.loginPaths",
    "detection.probe.enabled", "detection.probe.path", "detection.probe.legacyPath", "detection.probe.signedInStatus",
    "detection.probe.signedOutStatus", "detection.probe.onUnknown",
    "relogin.mode", "relogin.timeoutSeconds", "guard.maxAttempts", "guard.windowSeconds", "guard.postLoginSeconds",
    "audit.forwardUrl", "allowedExtensionIds",
  ]) {
    assert.ok(names.includes(path), path);
  }
  // Value rules (enums, ranges, patterns) are left to the host on purpose:
  // Chrome silently drops a value that fails the schema, the host reports it.
  walkSchema(schema, "$", (node, path) => {
    for (const k of ["enum", "minimum", "maximum", "pattern"]) assert.ok(!(k in node), `${path}: ${k}`);
  });
});
