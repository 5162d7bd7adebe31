// What the release artifacts take from extension/manifest.json, the one
// place the version lives (CMakeLists.txt reads it too), and what they leave
// out. Pure: manifest objects in, manifest objects out.
import { ReleaseError } from "./release-error.mjs";

const PART = /^(0|[1-9][0-9]*)$/;

// Chrome's rule for "version" (docs/facts.md, "Release artifacts"): 1 to 4
// dot-separated integers, each 0-65535, no leading zeros, not all zero.
export function checkVersion(version) {
  const shape = "1 to 4 dot-separated integers 0-65535 without leading zeros, not all zero, such as \"1.2.0\"";
  if (typeof version !== "string") throw new ReleaseError(`manifest.json: "version" must be a string of ${shape}`);
  const parts = version.split(".");
  const valid =
    parts.length >= 1 &&
    parts.length <= 4 &&
    parts.every((p) => PART.test(p) && Number(p) <= 65535) &&
    parts.some((p) => p !== "0");
  if (!valid) throw new ReleaseError(`manifest.json: "version" ${JSON.stringify(version)} is not ${shape}`);
  return version;
}

// The manifest the stores get: the development "key" removed. It only pins
// the unpacked extension's ID; the stores assign their own ID, and a CRX's ID
// comes from the key that signs it (docs/facts.md, "Release artifacts").
export function storeManifest(manifest) {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    throw new ReleaseError("manifest.json: not a JSON object");
  }
  checkVersion(manifest.version);
  if ("update_url" in manifest) {
    throw new ReleaseError("manifest.json: has an \"update_url\"; the packer adds it to the CRX only (--update-url)");
  }
  const { key: _developmentKey, ...rest } = manifest;
  return rest;
}

// The manifest inside the self-hosted CRX: the store manifest, plus, when the
// update manifest's URL is known, "update_url", where the browser looks for
// updates of a force-installed extension unless a policy overrides it
// (docs/facts.md, "Release artifacts").
export function crxManifest(manifest, updateUrl) {
  const store = storeManifest(manifest);
  return updateUrl ? { ...store, update_url: updateUrl } : store;
}

// The bytes written for a manifest: two-space JSON and a final newline, as
// the source file is written.
export function manifestBytes(manifest) {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
}
