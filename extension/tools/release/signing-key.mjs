// The private key that signs the self-hosted CRX, and so fixes its ID: the
// same key must sign every version, or browsers treat the CRX as another
// extension. Where it comes from, highest first: --key KEY.pem, the
// environment variable CCP_RELOGIN_CRX_KEY (a path), else a key generated
// once into <out>/../keys/extension-key.pem and reused after. The key is
// never committed (.gitignore) and never printed.
import { generateKeyPairSync, createPrivateKey } from "node:crypto";
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ReleaseError } from "./release-error.mjs";

export const KEY_ENV = "CCP_RELOGIN_CRX_KEY";
export const GENERATED_KEY_FILE = join("keys", "extension-key.pem");
// Chrome packs with 2048-bit RSA keys; a shorter one is refused here.
const MIN_RSA_BITS = 2048;

// Which key file to use, and whether it may be created: pure, from the flag,
// the environment and the output directory.
export function keySource({ flag, env, outDir }) {
  if (flag !== undefined) return { path: resolve(flag), origin: "--key", mayCreate: false };
  if (env?.[KEY_ENV]) return { path: resolve(env[KEY_ENV]), origin: KEY_ENV, mayCreate: false };
  return { path: resolve(outDir, "..", GENERATED_KEY_FILE), origin: "generated", mayCreate: true };
}

// The key as a KeyObject, checked: a readable, unencrypted RSA private key
// of at least 2048 bits. Each failure names the file and what is wrong.
export function loadKey(path, origin) {
  const where = `${origin} ${path}`;
  let pem;
  try {
    pem = readFileSync(path);
  } catch (error) {
    const reason = { ENOENT: "no such file", EACCES: "not readable (permission denied)", EISDIR: "a directory, not a key file" }[error.code];
    throw new ReleaseError(`${where}: ${reason ?? error.message}`);
  }
  // (OpenSSL's error for a key without its passphrase says nothing useful,
  // so an encrypted PEM is recognised by its own markers.)
  const text = pem.toString("latin1");
  if (text.includes("BEGIN ENCRYPTED PRIVATE KEY") || text.includes("Proc-Type: 4,ENCRYPTED")) {
    throw new ReleaseError(`${where}: an encrypted key; give the packer an unencrypted PEM private key`);
  }
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ReleaseError(`${where}: not a PEM private key`);
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw new ReleaseError(`${where}: a ${key.asymmetricKeyType} key; the CRX is signed with an RSA key (sha256_with_rsa)`);
  }
  if (key.asymmetricKeyDetails.modulusLength < MIN_RSA_BITS) {
    throw new ReleaseError(`${where}: ${key.asymmetricKeyDetails.modulusLength}-bit RSA; at least ${MIN_RSA_BITS} bits`);
  }
  return key;
}

// The key of a source: loaded, or for the generated one created first when
// it does not exist yet (folder 0700, file 0600, never over a file or a
// symbolic link: "wx" fails if anything is there). Returns {key, created}.
export function resolveKey(source) {
  if (source.mayCreate && !exists(source.path)) {
    createKeyFile(source.path);
    return { key: loadKey(source.path, source.origin), created: true };
  }
  if (source.mayCreate && lstatSync(source.path).isSymbolicLink()) {
    throw new ReleaseError(`${source.path}: a symbolic link; the generated key must be a plain file`);
  }
  return { key: loadKey(source.path, source.origin), created: false };
}

function exists(path) {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if (error.code === "ENOENT") return false;
    throw error;
  }
}

function createKeyFile(path) {
  // Only the keys folder itself is private; the folders above it are the
  // caller's (mkdir's recursive mode would apply 0700 to them all).
  mkdirSync(dirname(dirname(path)), { recursive: true });
  try {
    mkdirSync(dirname(path), { mode: 0o700 });
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: MIN_RSA_BITS });
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, privateKey.export({ type: "pkcs8", format: "pem" }));
  } finally {
    closeSync(fd);
  }
}
