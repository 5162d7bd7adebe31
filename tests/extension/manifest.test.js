// The manifest, the fixed ID, the managed-storage schema and the files they name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, posix } from "node:path";
import { BRIDGE_FILE } from "../../extension/worker/bridge-registration.js";

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

test("the sign-in pages' detector also runs on Global Resiliency's sign-in endpoint", () => {
  const idp = manifest.content_scripts.find((c) => c.matches.includes("https://login.microsoftonline.com/*"));
  assert.ok(idp.matches.includes("https://*.sign-in.connect.aws/*"), idp.matches.join());
  assert.ok(manifest.web_accessible_resources[0].matches.includes("https://*.sign-in.connect.aws/*"));
});

// The module specifiers a file loads, read from its text: static imports
// (`import … from "x"`, `import "x"`), re-exports (`export … from "x"`) and
// dynamic imports (`import("x")`). Comment lines are skipped. A dynamic import
// of anything but a string literal is returned as {dynamic: text}, so the
// caller can refuse a graph it cannot follow.
const STATIC_IMPORT = /^[ \t]*import\s*(?:[^'"();]*?\sfrom\s*)?["']([^"']+)["']/gm;
const RE_EXPORT = /^[ \t]*export\s*[*{][^'"();]*?\sfrom\s*["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /(?<![\w$.])import\s*\(\s*([^)]*\)?)\s*\)/g;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*)/;

function moduleSpecifiers(source) {
  const found = [...source.matchAll(STATIC_IMPORT), ...source.matchAll(RE_EXPORT)].map((m) => m[1]);
  for (const line of source.split("\n")) {
    if (COMMENT_LINE.test(line)) continue;
    for (const m of line.matchAll(DYNAMIC_IMPORT)) {
      const literal = /^["']([^"']+)["']$/.exec(m[1].trim());
      found.push(literal ? literal[1] : { dynamic: m[1] });
    }
  }
  return found;
}

const read = (file) => readFileSync(join(EXT, file), "utf8");

// Every file (package path) reachable from `root` through imports, root included.
function moduleGraph(root) {
  const seen = new Set();
  const pending = [root];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    assert.ok(existsSync(join(EXT, file)), `${file} (imported) exists`);
    seen.add(file);
    for (const specifier of moduleSpecifiers(read(file))) {
      assert.equal(typeof specifier, "string", `${file}: a dynamic import the test cannot follow: ${specifier.dynamic}`);
      assert.match(specifier, /^\.\.?\//, `${file}: only relative imports load in a content script: ${specifier}`);
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      assert.ok(!target.startsWith(".."), `${file}: ${specifier} is outside the package`);
      pending.push(target);
    }
  }
  return seen;
}

test("the import reader finds every form of import", () => {
  const source = [
    'import { a } from "./a.js";',
    "import {",
    "  b,",
    "  c,",
    "} from '../lib/b.js';",
    'import * as d from "./d.js";',
    'import e, { f } from "./e.js";',
    'import "./side-effect.js";',
    'export { g } from "./g.js";',
    'export * from "./h.js";',
    'const m = await import("./lazy.js");',
    "// import { no } from \"./commented.js\"; import(\"./commented.js\")",
    ' * import("./jsdoc.js")',
    'export const x = "not from \\"./string.js\\"";',
    "import(chrome.runtime.getURL(\"x.js\"));",
  ].join("\n");
  assert.deepEqual(moduleSpecifiers(source), [
    "./a.js", "../lib/b.js", "./d.js", "./e.js", "./side-effect.js", "./g.js", "./h.js", "./lazy.js",
    { dynamic: 'chrome.runtime.getURL("x.js")' },
  ]);
});

test("web_accessible_resources: exactly the modules the detector's import graph loads", () => {
  // The declared content scripts are classic scripts; what they import() from
  // the package (chrome.runtime.getURL) is what the pages must be able to load.
  const roots = [];
  for (const file of new Set(manifest.content_scripts.flatMap((c) => c.js))) {
    for (const specifier of moduleSpecifiers(read(file))) {
      const url = /^chrome\.runtime\.getURL\(\s*["']([^"']+)["']\s*\)$/.exec(specifier.dynamic ?? "");
      assert.ok(url, `${file}: loads modules only as import(chrome.runtime.getURL("…")): ${JSON.stringify(specifier)}`);
      roots.push(url[1]);
    }
  }
  assert.deepEqual(roots, ["content/detect-main.js"]);

  const graph = [...new Set(roots.flatMap((root) => [...moduleGraph(root)]))].sort();
  const resources = manifest.web_accessible_resources.flatMap((w) => w.resources);
  assert.ok(resources.every((r) => !r.includes("*")), `no wildcards: ${resources.join(", ")}`);
  assert.deepEqual([...resources].sort(), graph);
  assert.ok(graph.includes("lib/storage-keys.js") && graph.includes("lib/phrases.js"), graph.join()); // the reader works
});

test("the Streams bridge is self-contained: a classic script that loads nothing", () => {
  const source = read(BRIDGE_FILE);
  assert.deepEqual(moduleSpecifiers(source), []);
  assert.ok(!/^\s*(?:import|export)\b/m.test(source), "no module syntax");
  assert.ok(!/getURL/.test(source), "no package resources");
});

// contentSettings: the cookie rule for a custom CCP (worker/cookie-settings.js);
// privacy: only reading whether a policy locks the third-party cookie setting
// (levelOfControl), which contentSettings does not tell.
test("permissions are the ones the worker uses", () => {
  assert.deepEqual([...manifest.permissions].sort(), [
    "alarms", "contentSettings", "declarativeNetRequestWithHostAccess", "idle", "nativeMessaging", "notifications", "privacy", "scripting", "storage", "webNavigation",
  ]);
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

test("managed schema: the host configuration's field names (docs/configuration.md)", () => {
  const names = [];
  walkSchema(schema, "", (node, path) => path && names.push(path.slice(1)));
  for (const path of [
    "profiles", "profiles[].name", "profiles[].instance.id", "profiles[].instance.alias", "profiles[].instance.region",
    "profiles[].instance.partition", "profiles[].instance.domain", "profiles[].entra.tenantId", "profiles[].entra.appId",
    "profiles[].entra.launcher", "profiles[].destination", "profiles[].returnTo", "detection.phrases", "detection.loginPaths",
    "detection.probe.enabled", "detection.probe.path", "detection.probe.legacyPath", "detection.probe.signedInStatus",
    "detection.probe.signedOutStatus", "detection.probe.onUnknown", "detection.fixThirdPartyCookies",
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
