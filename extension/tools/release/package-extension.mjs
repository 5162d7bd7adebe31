// The release artifacts of the extension, written into one folder:
//   ccp-relogin-extension-<version>.zip  the store upload (Chrome Web Store, Edge Add-ons)
//   ccp-relogin-extension-<version>.crx  the self-hosted CRX3, signed with the release key
//   update.xml                           its update manifest, for force-install by policy
//   extension-id.txt                     the CRX's extension ID (from the key)
// Everything is built and checked first, written into a staging folder
// inside the output folder, then renamed into place: a failure leaves the
// artifacts of an earlier run as they were.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { writeCrx } from "./crx.mjs";
import { extensionIdFromKey } from "./extension-id.mjs";
import { crxManifest, manifestBytes, storeManifest } from "./manifest-rules.mjs";
import { ReleaseError } from "./release-error.mjs";
import { runtimeFiles } from "./runtime-files.mjs";
import { keySource, resolveKey } from "./signing-key.mjs";
import { UPDATE_MANIFEST_FILE, fileUrl, updateLocation, updateManifestXml } from "./update-manifest.mjs";
import { zipArchive } from "./store-zip.mjs";

export const ARTIFACT_PREFIX = "ccp-relogin-extension-";
export const ID_FILE = "extension-id.txt";

export const artifactNames = (version) => ({
  zip: `${ARTIFACT_PREFIX}${version}.zip`,
  crx: `${ARTIFACT_PREFIX}${version}.crx`,
  updateXml: UPDATE_MANIFEST_FILE,
  id: ID_FILE,
});

function readManifest(extensionDir) {
  const path = join(extensionDir, "manifest.json");
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ReleaseError(`${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReleaseError(`${path}: not valid JSON (${error.message})`);
  }
}

// The archive's entries: every runtime file as it is, manifest.json as given.
function entries(extensionDir, files, manifest) {
  return files.map((path) => ({
    path,
    bytes: path === "manifest.json" ? manifestBytes(manifest) : readFileSync(join(extensionDir, path)),
  }));
}

const isInside = (folder, path) => {
  const rel = relative(resolve(folder), resolve(path));
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

// extensionDir: the unpacked extension; outDir: where the artifacts go;
// keyFlag: --key or undefined; updateUrl: --update-url or undefined; env:
// the environment (CCP_RELOGIN_CRX_KEY). Resolves with what was written.
export async function packageExtension({ extensionDir, outDir, keyFlag, updateUrl, env = {} }) {
  const out = resolve(outDir);
  // Whatever lies in the extension's folder ships: the artifacts, and above
  // all the private key, must not.
  if (isInside(extensionDir, out)) throw new ReleaseError(`--out ${out}: inside the extension's folder, whose files all ship`);
  const location = updateUrl === undefined ? null : updateLocation(updateUrl);
  const manifest = readManifest(extensionDir);
  const store = storeManifest(manifest);
  const version = store.version;
  const names = artifactNames(version);
  const files = runtimeFiles(extensionDir);

  const source = keySource({ flag: keyFlag, env, outDir: out });
  if (isInside(extensionDir, source.path)) {
    throw new ReleaseError(`${source.origin} ${source.path}: inside the extension's folder; the private key would ship with it`);
  }
  const { key, created } = resolveKey(source);
  const id = extensionIdFromKey(key);

  const storeZip = await zipArchive(entries(extensionDir, files, store));
  const crxZip = location ? await zipArchive(entries(extensionDir, files, crxManifest(manifest, location.updateUrl))) : storeZip;
  const codebase = location ? fileUrl(location.base, names.crx) : pathToFileURL(join(out, names.crx)).href;

  mkdirSync(out, { recursive: true });
  const staging = mkdtempSync(join(out, ".package-"));
  try {
    writeFileSync(join(staging, names.zip), storeZip);
    const signedId = await writeCrx({ zip: crxZip, keyPath: source.path, crxPath: join(staging, names.crx) });
    if (signedId !== id) throw new Error(`crx3 signed for ID ${signedId}, the key gives ${id}`);
    writeFileSync(
      join(staging, names.updateXml),
      updateManifestXml({ id, version, codebase, prodversionmin: store.minimum_chrome_version }),
    );
    writeFileSync(join(staging, names.id), `${id}\n`);
    for (const name of Object.values(names)) renameSync(join(staging, name), join(out, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return {
    version,
    id,
    files: Object.fromEntries(Object.entries(names).map(([kind, name]) => [kind, join(out, name)])),
    runtimeFiles: files,
    key: { path: source.path, origin: source.origin, created },
    updateUrl: location?.updateUrl ?? null,
    codebase,
  };
}
