// The emulated IdP's SAMLResponse: base64 of a small XML-like document,
// "signed" with an HMAC under a key made per emulator run. Real SAML uses
// XML-DSig; the point here is only that the ACS can tell a response the
// emulated Entra issued from anything else (a forged or replayed-elsewhere
// form), so an HMAC is enough and keeps the emulator dependency-free.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const FIELDS = ["Issuer", "Audience", "Role", "RoleSessionName", "RelayState", "NotOnOrAfter"];
const OPEN = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">';
const CLOSE = "</samlp:Response>";

const xmlEscape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const xmlUnescape = (s) => s.replace(/&(amp|lt|gt|quot);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e]);

export function createSamlSigner(key = randomBytes(32)) {
  const mac = (text) => createHmac("sha256", key).update(text).digest("hex");

  return {
    /** @param {{issuer, audience, role, roleSessionName, relayState, notOnOrAfter: Date}} a */
    issue(a) {
      const values = [a.issuer, a.audience, a.role, a.roleSessionName, a.relayState ?? "", a.notOnOrAfter.toISOString()];
      const body = FIELDS.map((f, i) => `<${f}>${xmlEscape(values[i])}</${f}>`).join("");
      const doc = `${OPEN}${body}<Signature>${mac(body)}</Signature>${CLOSE}`;
      return Buffer.from(doc, "utf8").toString("base64");
    },

    /**
     * Checks a posted SAMLResponse. Returns {ok: true, assertion} or
     * {ok: false, reason} — never throws on bad input.
     */
    verify(samlResponse, nowMs) {
      if (typeof samlResponse !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(samlResponse)) {
        return { ok: false, reason: "SAMLResponse is not base64" };
      }
      const doc = Buffer.from(samlResponse, "base64").toString("utf8");
      const match = /^<samlp:Response [^>]*>(.*)<Signature>([0-9a-f]{64})<\/Signature><\/samlp:Response>$/s.exec(doc);
      if (!match || !doc.startsWith(OPEN)) return { ok: false, reason: "SAMLResponse is not a response document" };
      const [, body, signature] = match;
      const expected = Buffer.from(mac(body), "hex");
      if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
        return { ok: false, reason: "SAMLResponse signature does not verify" };
      }
      const assertion = {};
      for (const field of FIELDS) {
        const m = new RegExp(`<${field}>([^<]*)</${field}>`).exec(body);
        if (!m) return { ok: false, reason: `SAMLResponse lacks ${field}` };
        assertion[field[0].toLowerCase() + field.slice(1)] = xmlUnescape(m[1]);
      }
      if (Date.parse(assertion.notOnOrAfter) <= nowMs) return { ok: false, reason: "SAMLResponse has expired" };
      return { ok: true, assertion };
    },
  };
}
