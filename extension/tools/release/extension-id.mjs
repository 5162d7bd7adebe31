// An extension's ID from its public key, as Chrome derives it: SHA-256 of
// the DER SubjectPublicKeyInfo, the first 16 bytes, each hex digit 0-f
// written as a letter a-p (docs/facts.md, "Release artifacts").
import { createHash, createPublicKey } from "node:crypto";

export function extensionIdFromDer(spkiDer) {
  const hex = createHash("sha256").update(spkiDer).digest("hex").slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join("");
}

// key: a KeyObject (private or public) or anything createPublicKey takes.
export function extensionIdFromKey(key) {
  return extensionIdFromDer(createPublicKey(key).export({ type: "spki", format: "der" }));
}
