// Reads a CRX3 file the way Chromium's verifier does (the format:
// components/crx_file/crx3.proto, docs/facts.md "Release artifacts"),
// written here apart from the crx3 library the packer uses, so the tests
// check its output against the format, not against itself.
//   [4] "Cr24"  [4] version, little-endian (3)  [4] N, header length
//   [N] CrxFileHeader (protobuf)  [rest] the ZIP archive
// CrxFileHeader: 2 sha256_with_rsa (AsymmetricKeyProof, repeated),
// 3 sha256_with_ecdsa (repeated), 10000 signed_header_data (bytes: a
// SignedData, whose field 1 is crx_id). AsymmetricKeyProof: 1 public_key
// (DER SubjectPublicKeyInfo), 2 signature.
import { createPublicKey, verify } from "node:crypto";

// The protobuf wire format, as far as these messages need it: varint keys,
// varints (wire type 0) and length-delimited fields (wire type 2).
function readVarint(bytes, offset) {
  let value = 0n;
  let shift = 0n;
  for (let i = offset; i < bytes.length; i += 1) {
    value |= BigInt(bytes[i] & 0x7f) << shift;
    if ((bytes[i] & 0x80) === 0) return { value, next: i + 1 };
    shift += 7n;
    if (shift > 63n) break;
  }
  throw new Error(`protobuf: bad varint at ${offset}`);
}

export function protobufFields(bytes) {
  const fields = [];
  let offset = 0;
  while (offset < bytes.length) {
    const key = readVarint(bytes, offset);
    const field = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    offset = key.next;
    if (wireType === 0) {
      const v = readVarint(bytes, offset);
      fields.push({ field, wireType, value: v.value });
      offset = v.next;
    } else if (wireType === 2) {
      const length = readVarint(bytes, offset);
      const start = length.next;
      const end = start + Number(length.value);
      if (end > bytes.length) throw new Error(`protobuf: field ${field} runs past the end`);
      fields.push({ field, wireType, value: bytes.subarray(start, end) });
      offset = end;
    } else {
      throw new Error(`protobuf: wire type ${wireType} (field ${field}) not expected here`);
    }
  }
  return fields;
}

const bytesOf = (fields, number) => fields.filter((f) => f.field === number && f.wireType === 2).map((f) => f.value);

export function parseCrx3(crx) {
  if (crx.length < 12) throw new Error("shorter than a CRX header");
  const magic = crx.subarray(0, 4).toString("latin1");
  const version = crx.readUInt32LE(4);
  const headerLength = crx.readUInt32LE(8);
  if (12 + headerLength > crx.length) throw new Error(`header length ${headerLength} runs past the file`);
  const header = crx.subarray(12, 12 + headerLength);
  const archive = crx.subarray(12 + headerLength);
  const fields = protobufFields(header);
  const rsaProofs = bytesOf(fields, 2).map((proof) => {
    const f = protobufFields(proof);
    return { publicKey: bytesOf(f, 1)[0], signature: bytesOf(f, 2)[0] };
  });
  const ecdsaProofs = bytesOf(fields, 3);
  const signedHeaderData = bytesOf(fields, 10000)[0];
  const crxId = signedHeaderData ? bytesOf(protobufFields(signedHeaderData), 1)[0] : undefined;
  return { magic, version, headerLength, rsaProofs, ecdsaProofs, signedHeaderData, crxId, archive };
}

// What each signature covers: "CRX3 SignedData\x00", the length of
// signed_header_data (4 bytes, little-endian), signed_header_data, the archive.
export function signedBytes(signedHeaderData, archive) {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length, 0);
  return Buffer.concat([Buffer.from("CRX3 SignedData\x00", "latin1"), length, signedHeaderData, archive]);
}

export function rsaProofVerifies(proof, signedHeaderData, archive) {
  const key = createPublicKey({ key: proof.publicKey, format: "der", type: "spki" });
  return verify("sha256", signedBytes(signedHeaderData, archive), key, proof.signature);
}
