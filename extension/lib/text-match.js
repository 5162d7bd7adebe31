// Text normalization and phrase matching shared by the detector and its
// tests: case-insensitive, whitespace-normalized, Unicode-normalized (NFKC
// folds full-width forms and composes accents, so "expire\u0301e" matches
// "expirée").

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g; // zero-width chars, soft hyphen
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;
// Leading punctuation a message may start with ("— Session expired", "⚠ …").
const LEADING_NOISE = /^[^\p{L}\p{N}]+/u;

const NON_ASCII = /[^\x00-\x7f]/;

export const PHRASE_MIN = 3;
export const PHRASE_MAX = 200;

export function normalizeText(text) {
  return String(text)
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(APOSTROPHES, "'")
    .replace(SPACES, " ")
    .trim()
    .toLowerCase();
}

// The longest word of each phrase that is all ASCII once normalized: the
// cheap test mayContain() looks for. A phrase with other characters can
// never be found in ASCII text.
function asciiKeyWords(normalizedPhrases) {
  const keys = new Set();
  for (const n of normalizedPhrases) {
    if (NON_ASCII.test(n)) continue;
    keys.add(n.split(" ").reduce((a, b) => (b.length > a.length ? b : a)));
  }
  return [...keys];
}

// The key words as one case-insensitive RegExp (null: none), so that a
// text is searched once, not lowercased and then searched once per key: the
// pre-filter runs on every changed element of a busy page (README.md,
// "Benchmarks"). The text is ASCII when it is used, where /i is exactly
// toLowerCase.
function keyPattern(keys) {
  if (keys.length === 0) return null;
  const escaped = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(escaped.join("|"), "i");
}

/**
 * Builds a matcher over phrases (strings, compared as normalized substrings)
 * and patterns (RegExps run on the normalized text). Empty, too short and
 * over-long phrases are dropped: an empty phrase would match everything.
 *   anywhere(text) → the phrase or pattern match found anywhere, or null
 *   atStart(text)  → the phrase the text starts with, or null
 *   mayContain(raw) → false only when no text made of pieces of raw (some
 *                     of its substrings joined by spaces) can match: the
 *                     pre-filter for an element's textContent
 * anywhere and atStart return the phrase as configured (for `evidence`),
 * not the page text.
 */
export function createPhraseMatcher({ phrases = [], patterns = [] } = {}) {
  const seen = new Set();
  const normalized = [];
  for (const phrase of phrases) {
    if (typeof phrase !== "string") continue;
    const n = normalizeText(phrase);
    if (n.length < PHRASE_MIN || n.length > PHRASE_MAX || seen.has(n)) continue;
    seen.add(n);
    normalized.push({ phrase, n });
  }
  const keys = keyPattern(asciiKeyWords(normalized.map(({ n }) => n)));
  return {
    anywhere(text) {
      const haystack = normalizeText(text);
      if (!haystack) return null;
      for (const { phrase, n } of normalized) {
        if (haystack.includes(n)) return phrase;
      }
      for (const pattern of patterns) {
        const m = pattern.exec(haystack);
        // Entra codes read best as printed ("AADSTS50105"); the rest as matched.
        if (m) return /^aadsts/.test(m[0]) ? m[0].toUpperCase() : m[0];
      }
      return null;
    },
    atStart(text) {
      const haystack = normalizeText(text).replace(LEADING_NOISE, "");
      if (!haystack) return null;
      for (const { phrase, n } of normalized) {
        if (haystack.startsWith(n)) return phrase;
      }
      return null;
    },
    // Only ASCII text is ruled out: normalizing it only lowercases and
    // collapses whitespace (NFKC keeps ASCII as it is; the invisible
    // characters and curly apostrophes are not ASCII), so every word of a
    // phrase found in it stands, lowercased, in the raw text. Other text and
    // patterns (RegExps) always may match.
    mayContain(raw) {
      if (patterns.length > 0 || NON_ASCII.test(raw)) return true;
      return keys !== null && keys.test(raw);
    },
    // mayContain as data, for a matcher in another JavaScript world
    // (content/page-watch.js): `always` (patterns: every text may match),
    // else non-ASCII text or a match of `keys` (a RegExp source, flag i;
    // null: none) may.
    get prefilter() {
      return { always: patterns.length > 0, keys: keys === null ? null : keys.source };
    },
    get size() {
      return normalized.length + patterns.length;
    },
  };
}
