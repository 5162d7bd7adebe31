// The self-hosted CRX's update manifest (update.xml, Google's gupdate
// format) and the URLs it is served from. Pure: strings in, strings out.
import { ReleaseError } from "./release-error.mjs";

export const UPDATE_MANIFEST_FILE = "update.xml";
const MAX_URL_LENGTH = 2048;

// --update-url: the URL update.xml will be served at (what the policy
// ExtensionInstallForcelist and the CRX's update_url name), or the folder
// serving the output directory (ending in "/"). The CRX is served beside
// update.xml. https only, or http on the loopback host for a test server.
export function updateLocation(text) {
  const flag = "--update-url";
  if (typeof text !== "string" || text.length === 0) throw new ReleaseError(`${flag}: empty`);
  if (text.length > MAX_URL_LENGTH) throw new ReleaseError(`${flag}: longer than ${MAX_URL_LENGTH} characters`);
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ReleaseError(`${flag}: not a URL: ${text}`);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (!(url.protocol === "https:" || (url.protocol === "http:" && loopback))) {
    throw new ReleaseError(`${flag}: must be https:// (http:// only on localhost): ${text}`);
  }
  if (url.username || url.password) throw new ReleaseError(`${flag}: must not carry a user name or password`);
  if (url.search || url.hash || text.includes("?") || text.includes("#")) {
    throw new ReleaseError(`${flag}: must not have a query or fragment: ${text}`);
  }
  const path = url.pathname;
  let base;
  if (path.endsWith("/")) base = url.href;
  else if (path.endsWith(`/${UPDATE_MANIFEST_FILE}`)) base = url.href.slice(0, -UPDATE_MANIFEST_FILE.length);
  else {
    throw new ReleaseError(
      `${flag}: end it with /${UPDATE_MANIFEST_FILE} (the update manifest's URL) or / (the folder serving the output): ${text}`,
    );
  }
  return { updateUrl: `${base}${UPDATE_MANIFEST_FILE}`, base };
}

// The URL of a file served beside update.xml.
export function fileUrl(base, fileName) {
  return new URL(encodeURIComponent(fileName), base).href;
}

const XML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const escapeAttribute = (value) => String(value).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

// One app, one updatecheck: where the CRX of this version is, and the
// oldest browser it runs in (the manifest's minimum_chrome_version).
export function updateManifestXml({ id, version, codebase, prodversionmin }) {
  const min = prodversionmin ? ` prodversionmin="${escapeAttribute(prodversionmin)}"` : "";
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid="${escapeAttribute(id)}">`,
    `    <updatecheck codebase="${escapeAttribute(codebase)}" version="${escapeAttribute(version)}"${min}/>`,
    "  </app>",
    "</gupdate>",
    "",
  ].join("\n");
}
