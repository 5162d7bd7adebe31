#pragma once
// The query half of free-text redaction (redact.h states the rules): query
// strings, whether in a URL, written as key=value in text, or percent-encoded
// once or more. Pure.
#include <cstddef>
#include <string>
#include <string_view>

namespace ccp_relogin::audit {

bool starts_with_http(std::string_view text);
std::string_view trim_ascii_whitespace(std::string_view text);

// The first "=" from `from` with a letter or digit before it: where
// key=value data starts. "<=", "==" or "=>" alone are prose. npos if none.
std::size_t find_pair_equals(std::string_view text, std::size_t from);

// `query` (encoded, without "?"): allowlisted pairs filtered inside, every
// other value replaced. `level` is 0 for a URL's own query.
std::string filter_query(std::string_view query, int level);

// "path?query": the path kept, the query filtered. Text with a "=" before
// any "?" is all query: "token=a?b" must not keep "token=a" as a path.
std::string filter_path_and_query(std::string_view text, int level);

// A word without a literal key=value "=" that, percent-decoded once or more
// (up to kMaxNestedQueries times), holds key=value data
// ("client_secret%3Dabc"): that data filtered and encoded as many times
// again. Anything else comes back as written.
std::string redact_encoded_pairs(std::string_view word);

}  // namespace ccp_relogin::audit
