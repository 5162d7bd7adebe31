// The texts the detector looks for, shipped with the extension. Host
// configuration (`detection.phrases`) adds to the expiry list; it never
// removes a built-in phrase.
//
// Only the English text is confirmed (docs/facts.md, "What expiry looks like":
// "Session expired", "Your session has expired. …"). The other languages are our best
// translations of that text and are marked "unconfirmed": the CCP's real
// localized strings are not published. Administrators who see a different
// text add it to `detection.phrases` (policy or config file).

export const EXPIRY_PHRASES = Object.freeze({
  en: ["Session expired", "Your session has expired"], // confirmed
  de: ["Sitzung abgelaufen", "Ihre Sitzung ist abgelaufen"], // unconfirmed
  fr: ["Session expirée", "Votre session a expiré"], // unconfirmed
  es: ["Sesión caducada", "Sesión expirada", "Su sesión ha caducado", "Tu sesión ha expirado"], // unconfirmed
  it: ["Sessione scaduta", "La sessione è scaduta"], // unconfirmed
  ja: ["セッションの有効期限が切れました", "セッションの期限が切れました", "セッションが期限切れです"], // unconfirmed
  ko: ["세션이 만료되었습니다", "세션 만료"], // unconfirmed
  "pt-BR": ["Sessão expirada", "Sua sessão expirou"], // unconfirmed
  "zh-CN": ["会话已过期", "会话已超时"], // unconfirmed
  "zh-TW": ["工作階段已過期"], // unconfirmed
});

// Connect texts that mean the login itself is misconfigured (docs/facts.md, "Texts that mean misconfiguration"). They
// matter only in the sign-in tab, where they turn into `failed` at once
// instead of waiting for the timeout. English only: confirmed wording.
export const MISCONFIGURATION_PHRASES = Object.freeze([
  "Please contact your AWS account administrator", // role lacks connect:GetFederationToken
  "has not been onboarded to this application", // Connect user ≠ SAML RoleSessionName
]);

// Identity-provider error pages on the sign-in path (Entra, AWS sign-in).
// Entra error pages always carry an AADSTS code; AWS sign-in shows these texts.
export const IDP_ERROR_PATTERNS = Object.freeze([
  /\bAADSTS\d{5,}\b/i,
  /Your request included an invalid SAML response/i,
  /Not authorized to perform sts:AssumeRoleWithSAML/i,
]);

/** Every built-in expiry phrase, all languages, in one list. */
export function builtInExpiryPhrases() {
  return Object.values(EXPIRY_PHRASES).flat();
}
