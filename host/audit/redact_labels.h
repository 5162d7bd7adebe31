#pragma once
// The part of free-text redaction (redact.h states the rules) that reads
// what a word says about the value after it: a secret's label
// ("password:"), an HTTP authorization header and its scheme, a command
// line option that takes a credential ("curl -u user:pw", "--password x"),
// and pairs whose key is quoted ("'password': 'x'"). Pure.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ccp_relogin::audit {

// What the previous word says about the next one.
enum class Next {
    kPlain,
    kCredential,        // after an authorization scheme: its token68 or auth-params
    kSecret,            // after a secret's label or option: the value goes whole
    kAuthorization,     // after "Authorization:": a scheme, or else the credential
    kUserPassword,      // after "-u": "user:password", the password goes
    kSecretName,        // after a bare secret's name: an "=" or ":" alone may follow
    kOptionalPassword,  // after mysql's "-p": a password, unless an option
};

// What `word` says about the value after it, given what the word before it
// said (`previous`).
Next next_after(Next previous, std::string_view word);

// An HTTP authorization scheme, any case: the ones registered with IANA
// (RFC 9110's registry) and a few vendors' ("NTLM", "Splunk").
bool is_auth_scheme(std::string_view word);

// A word that is or ends in "Bearer", "Basic" or "Negotiate" (any case), as
// in "Authorization:Bearer": the word after it is a credential.
bool names_credential_scheme(std::string_view word);

// `text[at]` opens a quote: where the quoted value ends (past its closing
// quote, a backslash escaping the next character), or the text's end.
std::size_t quoted_end(std::string_view text, std::size_t at);

// A secret value replaced, its quotes kept: "'a b'" becomes "'[redacted]'".
std::string redacted_value(std::string_view value);

// A "user:password" value (quoted or not): the password replaced. nullopt
// when there is no password after a ":" ("-u origin" is not curl's).
std::optional<std::string> redact_user_password(std::string_view value);

// "--user=admin:pw" (curl's --user or --proxy-user with "="): the password
// replaced, the user kept, as after "-u"; without a password the word stays
// ("--user=admin"). nullopt for any other word.
std::optional<std::string> redact_user_option_with_equals(std::string_view word);

// One word: "name:value" with a secret's name keeps only the name
// (an authorization scheme after it stays), and "-uuser:pw" its user.
std::string redact_label_word(std::string_view word);

// Whole text: the value of every pair whose quoted key is a secret's name
// ("password": "a b", 'token':'x', \"token\":\"x\") becomes "[redacted]",
// quoted or bare, spaces inside the quotes included.
std::string redact_quoted_pairs(std::string_view text);

}  // namespace ccp_relogin::audit
