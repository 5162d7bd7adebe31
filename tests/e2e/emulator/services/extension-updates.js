// The company's extension update server (docs/rollout.md, "5. The browser
// policy"): the https host a force-install policy's update_url names, serving
// the self-hosted release that extension/tools/package.mjs wrote (update.xml
// and the CRX beside it). Chromium itself asks for them; this only hands out
// the files of one folder, by name, and nothing else.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { sendHtml, page } from "../http-replies.js";

export const UPDATES_HOST = "updates.example.com";
export const UPDATES_PATH = "/ccp-relogin/";

const TYPES = { ".xml": "text/xml; charset=utf-8", ".crx": "application/x-chrome-extension" };

/** @param {{releaseDir: () => string|null}} options the folder package.mjs wrote, or null: nothing to serve */
export function createExtensionUpdatesService({ releaseDir }) {
  return {
    async handle(req, res, { url }) {
      const dir = releaseDir();
      const name = url.pathname.startsWith(UPDATES_PATH) ? url.pathname.slice(UPDATES_PATH.length) : "";
      const type = TYPES[name.slice(name.lastIndexOf("."))];
      // One plain file name of the folder: no sub-path, no other type.
      if (!dir || !type || basename(name) !== name || req.method !== "GET") {
        return sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));
      }
      let body;
      try {
        body = await readFile(join(dir, name));
      } catch {
        return sendHtml(res, 404, page({ title: "Not found", body: "<h1>Not found</h1>" }));
      }
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    },
  };
}
