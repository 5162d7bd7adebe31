// Which files of extension/ go into the artifacts: everything the browser
// loads, nothing that only builds or explains it. The rule is by exclusion,
// so a new runtime folder ships without a change here;
// tests/extension/package.test.js checks the result against what the
// manifest, the pages and the scripts actually reach.
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ReleaseError } from "./release-error.mjs";

// tools/: these scripts and the icon painter. *.md: the README (the stores
// read the listing from their dashboards, not from the package). Dotfiles:
// editor and OS litter.
export function isRuntimeFile(relativePath) {
  const parts = relativePath.split("/");
  if (parts[0] === "tools") return false;
  if (parts.some((p) => p.startsWith("."))) return false;
  return !relativePath.toLowerCase().endsWith(".md");
}

// Every runtime file under root, as sorted "/"-separated relative paths. A
// symbolic link or anything but a regular file is refused: a package must
// not depend on what a link points to on the packing machine.
export function runtimeFiles(root) {
  const found = [];
  const walk = (relative) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (!isRuntimeFile(path)) continue; // (the same rule skips whole folders)
      const stats = lstatSync(join(root, path));
      if (stats.isSymbolicLink()) throw new ReleaseError(`${join(root, path)}: a symbolic link; the package takes regular files only`);
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) found.push(path);
      else throw new ReleaseError(`${join(root, path)}: not a regular file`);
    }
  };
  walk("");
  return found.sort();
}
