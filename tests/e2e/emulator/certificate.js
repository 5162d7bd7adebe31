// The emulator's TLS certificate: self-signed, made at run time with the
// openssl CLI (no key material is ever committed), with a SAN for every
// emulated name so node clients can verify it; Chromium runs with
// --ignore-certificate-errors anyway.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { EMULATED_HOST_PATTERNS } from "./emulated-hosts.js";

const run = promisify(execFile);

/**
 * Creates a key and certificate in a fresh temp dir.
 * @returns {Promise<{key: string, cert: string, dispose: () => Promise<void>}>}
 */
export async function createCertificate() {
  const dir = await mkdtemp(join(tmpdir(), "ccp-relogin-emulator-cert-"));
  try {
    const keyPath = join(dir, "key.pem");
    const certPath = join(dir, "cert.pem");
    const sans = EMULATED_HOST_PATTERNS.map((name) => `DNS:${name}`).join(",");
    // EC P-256: generated in milliseconds, unlike RSA.
    await run("openssl", [
      "req", "-x509", "-nodes", "-days", "2",
      "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-keyout", keyPath, "-out", certPath,
      "-subj", "/CN=ccp-relogin emulator",
      "-addext", `subjectAltName=${sans}`,
    ]);
    const [key, cert] = await Promise.all([readFile(keyPath, "utf8"), readFile(certPath, "utf8")]);
    return { key, cert, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not create the emulator certificate with openssl: ${error.message}`);
  }
}
