// The extension's files as one ZIP archive, the same bytes from the same
// files: entries sorted, every entry with one fixed time and mode, so two
// runs on one tree give identical archives (and identical CRX signatures).
// yazl writes the archive (the ZIP format itself is not hand-written here).
import yazl from "yazl";

// 1980-01-01 00:00, the earliest time a ZIP entry can carry. Built from
// local fields and written in the DOS fields only (forceDosTimestamp: no
// Unix-time field), so the bytes do not depend on the time zone.
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

// entries: [{path, bytes}] with "/"-separated relative paths. Resolves to
// the archive as one Buffer.
export function zipArchive(entries) {
  const zip = new yazl.ZipFile();
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, bytes } of sorted) {
    zip.addBuffer(bytes, path, { mtime: FIXED_TIME, mode: FILE_MODE, compressionLevel: 9, forceDosTimestamp: true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks = [];
    zip.outputStream.on("data", (chunk) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
