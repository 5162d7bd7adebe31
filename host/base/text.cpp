#include "base/text.h"

#include <cstdint>

namespace ccp_relogin::base {
namespace {

// One UTF-8 sequence: its length and code point. The input is already valid
// UTF-8 (nlohmann's parser rejects anything else) and the standard library
// has no decoder left (codecvt is deprecated), so the few lines below are
// simpler than a dependency; a stray byte is still handled (length 1, U+FFFD).
struct CodePoint {
    std::size_t length;
    std::uint32_t value;
};

CodePoint decode_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 1;
    std::uint32_t value = lead;
    if (lead >= 0xF0) {
        length = 4;
        value = lead & 0x07u;
    } else if (lead >= 0xE0) {
        length = 3;
        value = lead & 0x0Fu;
    } else if (lead >= 0xC0) {
        length = 2;
        value = lead & 0x1Fu;
    } else if (lead >= 0x80) {
        return {1, 0xFFFD};
    }
    if (at + length > text.size()) return {1, 0xFFFD};
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[at + i]);
        if ((next & 0xC0u) != 0x80u) return {1, 0xFFFD};
        value = (value << 6) | (next & 0x3Fu);
    }
    return {length, value};
}

bool is_control(std::uint32_t c) {
    const bool c0_or_del = c < 0x20 || c == 0x7F;
    const bool c1 = c >= 0x80 && c <= 0x9F;
    const bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
                      c == 0x200F || c == 0x061C;
    const bool line_separators = c == 0x2028 || c == 0x2029;
    return c0_or_del || c1 || bidi || line_separators || c == 0xFFFD;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string printable_ascii(std::string_view text, std::size_t max_chars) {
    std::string shown;
    for (char c : text.substr(0, max_chars)) shown += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > max_chars) shown += "...";
    return shown;
}

std::string printable_utf8(std::string_view raw, std::size_t max_bytes) {
    std::string out;
    bool pending_space = false;
    for (std::size_t at = 0; at < raw.size();) {
        const CodePoint cp = decode_at(raw, at);
        const std::string_view bytes = raw.substr(at, cp.length);
        at += cp.length;
        if (is_control(cp.value) || cp.value == ' ') {
            pending_space = !out.empty();
            continue;
        }
        const std::size_t needed = bytes.size() + (pending_space ? 1 : 0);
        if (out.size() + needed > max_bytes) break;
        if (pending_space) out += ' ';
        pending_space = false;
        out += bytes;
    }
    return out;
}

}  // namespace ccp_relogin::base
