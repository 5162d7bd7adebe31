// Signs a ZIP archive into a CRX3 file with the crx3 library (the CRX3
// header: "Cr24", version 3, a protobuf CrxFileHeader with the public key,
// the RSA-SHA256 signature and the signed crx_id; docs/facts.md, "Release
// artifacts"). The archive is passed as a stream, so the CRX carries exactly
// these bytes.
import { Readable } from "node:stream";
import crx3 from "crx3";

// zip: Buffer; keyPath: a PEM private key already checked (signing-key.mjs),
// which crx3 reads itself; crxPath: where to write. Resolves with the ID
// crx3 derived from the key.
export async function writeCrx({ zip, keyPath, crxPath }) {
  const info = await crx3(Readable.from([zip]), { keyPath, crxPath });
  return info.appId;
}
