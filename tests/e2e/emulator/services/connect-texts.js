// What the emulated CCP says, per language. The English expiry text is the one
// seen in the wild ("Session Expired — Your session has expired. Please log
// in."); the others are the plain translations a localized CCP would show.
export const CONNECT_TEXTS = Object.freeze({
  en: { expiredTitle: "Session expired", expiredBody: "Your session has expired. Please log in.", ready: "CCP ready", login: "Log in" },
  de: { expiredTitle: "Sitzung abgelaufen", expiredBody: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich an.", ready: "CCP bereit", login: "Anmelden" },
  fr: { expiredTitle: "Session expirée", expiredBody: "Votre session a expiré. Veuillez vous connecter.", ready: "CCP prêt", login: "Se connecter" },
  es: { expiredTitle: "Sesión caducada", expiredBody: "Su sesión ha caducado. Inicie sesión.", ready: "CCP listo", login: "Iniciar sesión" },
  ja: { expiredTitle: "セッションの有効期限が切れました", expiredBody: "セッションの有効期限が切れました。ログインしてください。", ready: "CCP 準備完了", login: "ログイン" },
});

export function connectTexts(language) {
  const texts = CONNECT_TEXTS[language];
  if (!texts) throw new Error(`no emulated CCP texts for language "${language}" (have ${Object.keys(CONNECT_TEXTS)})`);
  return texts;
}
