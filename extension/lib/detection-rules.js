// Which texts count as a signal on which page, as the `match(text, rule)`
// function the detector calls. Pure: the content script passes the page URL
// and the configured phrases in.
//
//  - Connect pages: expiry phrases (built-in translations + configured ones)
//    anywhere in a dialog/alert/heading, or at the start of a short block;
//    misconfiguration phrases anywhere in either.
//  - Identity-provider pages on the sign-in path (Entra, AWS sign-in, the
//    console federate endpoint): error codes and texts anywhere. Only the
//    worker decides whether it matters (it does only in a sign-in tab).
import { connectPage, signInStage } from "./url-rules.js";
import { builtInExpiryPhrases, MISCONFIGURATION_PHRASES, IDP_ERROR_PATTERNS } from "./phrases.js";
import { createPhraseMatcher } from "./text-match.js";
import { SHORT_BLOCK_MAX } from "./detector.js";

// IdP error pages explain the code in a long paragraph.
export const IDP_SHORT_BLOCK_MAX = 2000;

/** "connect" | "idp" | null: what the detector looks for on this page. */
export function pageMode(url) {
  if (connectPage(url)) return "connect";
  const stage = signInStage(url);
  return stage === "entra" || stage === "aws-signin" || stage === "federate" ? "idp" : null;
}

/**
 * The detector's options for a page mode: {match(text, rule), mayMatch(rawText),
 * prefilter (mayMatch as data: text-match.js), shortBlockMax}.
 */
export function detectionRules(mode, configuredPhrases = []) {
  return { ...matchersFor(mode, configuredPhrases), shortBlockMax: mode === "idp" ? IDP_SHORT_BLOCK_MAX : SHORT_BLOCK_MAX };
}

function matchersFor(mode, configuredPhrases) {
  if (mode === "connect") {
    const expiryPhrases = [...builtInExpiryPhrases(), ...configuredPhrases];
    const expiry = createPhraseMatcher({ phrases: expiryPhrases });
    const misconfiguration = createPhraseMatcher({ phrases: MISCONFIGURATION_PHRASES });
    // Both lists' key words in one pre-filter: one search per changed element.
    const either = createPhraseMatcher({ phrases: [...expiryPhrases, ...MISCONFIGURATION_PHRASES] });
    return {
      match(text, rule) {
        const wrong = misconfiguration.anywhere(text);
        if (wrong) return { kind: "misconfiguration", evidence: wrong };
        const expired = rule === "container" ? expiry.anywhere(text) : expiry.atStart(text);
        return expired ? { kind: "expiry", evidence: expired } : null;
      },
      mayMatch: (raw) => either.mayContain(raw),
      prefilter: either.prefilter,
    };
  }
  if (mode === "idp") {
    const errors = createPhraseMatcher({ patterns: IDP_ERROR_PATTERNS });
    return {
      match(text) {
        const error = errors.anywhere(text);
        return error ? { kind: "idp-error", evidence: error } : null;
      },
      mayMatch: (raw) => errors.mayContain(raw),
      prefilter: errors.prefilter,
    };
  }
  return { match: () => null, mayMatch: () => false, prefilter: { always: false, keys: null } };
}
