#!/usr/bin/env node
// The extension's release artifacts (extension/README.md, "Release artifacts"):
//   node extension/tools/package.mjs --out DIR [--key KEY.pem] [--update-url URL]
// Exit 0 when written, 2 for bad arguments or input (nothing written), 1 for
// any other failure.
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { packageExtension } from "./release/package-extension.mjs";
import { ReleaseError, UsageError } from "./release/release-error.mjs";
import { KEY_ENV } from "./release/signing-key.mjs";

const EXTENSION_DIR = fileURLToPath(new URL("..", import.meta.url));
const USAGE = `usage: node extension/tools/package.mjs --out DIR [--key KEY.pem] [--update-url URL]
  --out DIR         where the artifacts go (created if missing)
  --key KEY.pem     the RSA private key that signs the CRX (default: $${KEY_ENV},
                    else DIR/../keys/extension-key.pem, generated on first use)
  --update-url URL  where update.xml will be served (https://host/path/update.xml,
                    or the folder https://host/path/); the CRX is served beside it`;

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: "string" }, key: { type: "string" }, "update-url": { type: "string" }, help: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  if (!values.out) throw new UsageError("--out DIR is required");
  if (values.key === "") throw new UsageError("--key: empty");
  return { outDir: values.out, keyFlag: values.key, updateUrl: values["update-url"] };
}

async function main(argv) {
  const args = parse(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const result = await packageExtension({ extensionDir: EXTENSION_DIR, ...args, env: process.env });
  if (result.key.created) process.stderr.write(`package: generated the signing key ${result.key.path}: keep it, every later version must be signed with it\n`);
  if (!result.updateUrl) {
    process.stderr.write(`package: no --update-url: update.xml names ${result.codebase} and the CRX has no update_url; give the URL the agents' browsers download from\n`);
  }
  process.stdout.write(
    [
      `version ${result.version}, extension ID ${result.id} (key: ${result.key.origin} ${result.key.path})`,
      ...Object.values(result.files),
      "",
    ].join("\n"),
  );
}

main(process.argv.slice(2)).catch((error) => {
  const usage = error instanceof ReleaseError;
  process.stderr.write(`package: ${usage ? error.message : error.stack ?? error}\n`);
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exitCode = usage ? 2 : 1;
});
