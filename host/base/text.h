#pragma once
// Small text helpers the layers share. Pure.
#include <cstddef>
#include <string>
#include <string_view>

namespace ccp_relogin::base {

// ASCII character classes, locale-independent (<cctype>'s follow the locale
// and take int).
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_alpha(c); }
constexpr bool is_ascii_hex(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// ASCII letters lower-cased, every other byte kept. Host names, instance
// aliases and IDs compare case-insensitively (and locale-independently).
std::string ascii_lower(std::string_view text);

// `text` made safe for one line of a terminal or a problem path: printable
// ASCII only (every other byte becomes "?"), at most `max_chars` characters
// and "..." when cut. For names typed by users and keys read from files,
// echoed back in error sentences.
std::string printable_ascii(std::string_view text, std::size_t max_chars = 80);

// `utf8` (valid UTF-8, e.g. from the JSON parser) with control characters
// (C0, DEL, C1), the Unicode bidirectional controls and line separators
// replaced by a space, runs of spaces collapsed, both ends trimmed, and cut
// to `max_bytes` on a character boundary. May be empty. For free text that
// travels on to the extension or into the audit log, where non-ASCII text is
// legitimate but a bidirectional control could make a line read differently
// from what it holds.
std::string printable_utf8(std::string_view utf8, std::size_t max_bytes);

}  // namespace ccp_relogin::base
