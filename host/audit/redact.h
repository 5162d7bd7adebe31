#pragma once
// Pure: takes an audit event apart from anything that could carry a secret or
// a SAML message before it reaches the disk. The issue it answers: "Never
// write tokens, SAML, cookies, or any query string other than the relay
// state's destination." The rules, in the order they apply:
//  - object keys whose lowercase name contains "saml", "password", "secret",
//    "token", "cookie", "authorization" or "credential", or "apikey" once
//    "-", "_" and "." are left out ("X-Api-Key", "api_key": is_sensitive_name,
//    redact_text.h) are dropped, at any depth ("RelayState" is kept: it is
//    configuration, not a secret);
//  - a string that contains a SAML document ("<saml", or the base64 of a
//    document starting "<sa…" or "<?xml": "PHNhbW", "PD94bWw") becomes
//    "[redacted]";
//  - every other string is free text (redact_text.h), read as words split
//    at ASCII whitespace (a quoted value after "=", key="a b", is one word);
//    the result is read again until a pass changes nothing (at most
//    kMaxRedactionPasses, or the string goes whole), so redacting twice
//    changes nothing (tests/host/unit/audit_redact_text_test.cpp checks it
//    on generated words and on pieces glued without spaces):
//    - first, anywhere in the text (URL paths included; a URL then ends
//      before the "[redacted]"), a JWT becomes "[redacted]": a run of
//      base64url characters and dots that starts with "eyJ" (the base64 of
//      '{"'), right after anything but a base64url character or right
//      after a percent escape, however often encoded ("%2FeyJ…",
//      "%252FeyJ…": the escape's hex digit is not the token's), with three or
//      more dot-separated segments, the first two non-empty (a JWS has
//      three, the last empty when unsigned; a JWE five);
//    - a URL (http:// or https://, any case) anywhere in a word runs to the
//      word's end or to a quote or angle bracket (a quoted value after "="
//      is taken in, and the URL then fails to parse), filtered as below;
//    - key=value data: from the first "=" that has a letter or digit before
//      it in the word, unless a URL starts first, the rest of the word is
//      read as a query ("a=1&b=2"), or as a path and a query ("/ccp?a=1")
//      when a "?" comes before that "="; its pairs are filtered as a URL's
//      query (a quoted value goes whole). So "code=abc" becomes
//      "code=redacted", while "a <= b", "x = y" or "==" are prose and stay;
//    - key=value data percent-encoded once or more, as a quoted form body
//      reads ("client_secret%3Dabc"): decoded, filtered as above and encoded
//      again ("client_secret%3Dredacted"; escapes come back upper case);
//    - the word after "Bearer", "Basic" or "Negotiate" (any case; the word
//      may end in it, as in "Authorization:Bearer"): its run of RFC 6750
//      token characters, after any opening quote, becomes "[redacted]";
//      auth-params (Digest's 'username="a",') are key=value data instead;
//    - a secret's label: the value after a word ending in ":" whose name is
//      a sensitive one (is_sensitive_name: "password:", "\"token\":"), or
//      after a bare sensitive name and a lone "=" or ":" ("Password = x"),
//      becomes "[redacted]" (a quoted value whole, spaces included, its
//      quotes kept; one of those schemes stays: then the rule above), and
//      so does the value in "name:value" written as one word
//      ("x-amz-security-token:FQo…");
//    - after "Authorization:" (any header whose name contains it) an HTTP
//      authorization scheme stays (redact_labels.h: IANA's, "NTLM",
//      "Splunk"; also "Authorization:Basic" as one word) and its credential
//      goes as after "Bearer"; a value that is no scheme is the credential;
//    - command line options: the password in the argument of curl's -u,
//      --user, -U, --proxy-user ("-u admin:pw", "-uadmin:pw") becomes
//      "[redacted]", the user name stays (without a ":" it stays whole:
//      "git push -u origin"); the argument of an option whose name is a
//      sensitive one ("--password x", "--http-password 'a b'") goes whole;
//      written with "=", "--user=admin:pw" keeps its user as "-u" does
//      (other "--option=value" are key=value data);
//    - "-p" only in the tools whose "-p" is a password (redact_commands.h:
//      MySQL's and MariaDB's clients, sshpass before its command):
//      "-phunter2" and sshpass's "-p hunter2" become "-p[redacted]",
//      "-p [redacted]"; mysql's "-p" followed by a word that is no option
//      too ("mysql -p hunter2", which mysql reads as a database name);
//      "ssh -p 2222" stays;
//    - pairs whose key is quoted ("password": "a b", 'token': 'x', and
//      \"token\":\"x\" escaped once more), across spaces: a sensitive
//      key's value becomes "[redacted]", quoted (quotes kept, spaces inside
//      included), an array or object whole, or bare up to "," "}" "]" or a
//      space;
//  - a URL keeps scheme, host, port and path (scheme and host in lower
//    case, escapes kept as sent), but the values of parameters in a path
//    segment (";jsessionid=…") become "redacted"; user info and fragment are
//    dropped; a URL
//    that base::parse_url refuses becomes "[redacted: not a valid URL]".
//    redact_url() also takes one with ASCII whitespace around it (which it
//    keeps), and whitespace never hides a URL inside text;
//  - a query keeps the values of allowlisted parameters only
//    (kAllowedQueryParameters); every other value, the sensitive names' as
//    well, becomes "redacted" (the name stays, so a reader sees what was
//    there; a name without "=" has no value and stays as it is). An
//    allowlisted value is percent-decoded once; if it then holds a query
//    (it is an http(s) URL, or contains "?" or "="), that query is
//    filtered the same way, down to kMaxNestedQueries levels, and the value
//    percent-encoded again; when nothing was dropped it stays exactly as
//    sent. A value that needs a look deeper than that, fails to decode, is
//    a URL parse_url refuses, or hides a query under further escaping
//    ("%253F") becomes "redacted";
//  - strings are cut to kMaxStringLength bytes (at a UTF-8 boundary) after
//    all this, arrays to kMaxArrayItems, nesting to kMaxDepth.
#include <cstddef>
#include <nlohmann/json.hpp>

#include "audit/redact_text.h"

namespace ccp_relogin::audit {

inline constexpr std::size_t kMaxStringLength = 512;
inline constexpr std::size_t kMaxArrayItems = 32;
inline constexpr int kMaxDepth = 8;
// How many times a string is read over before it is taken not to settle
// and goes whole (redact.cpp says why it is read again).
inline constexpr int kMaxRedactionPasses = 4;

nlohmann::json redact(const nlohmann::json& event);

}  // namespace ccp_relogin::audit
