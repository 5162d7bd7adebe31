#include "helpdesk/pipe_name.h"

#include <algorithm>
#include <vector>

namespace ccp_relogin::helpdesk {
namespace {

constexpr std::string_view kPipePrefix = R"(\\.\pipe\)";
constexpr std::string_view kProduct = "ccp-relogin.";
constexpr std::size_t kMaxSubAuthorities = 15;  // SID_MAX_SUB_AUTHORITIES
// A sub-authority is 32 bits, and so is an authority written in decimal
// (a larger one is written in hex).
constexpr std::size_t kMaxDecimalDigits = 10;

bool is_decimal(std::string_view text, std::size_t max_digits) {
    return !text.empty() && text.size() <= max_digits &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_hex_authority(std::string_view text) {
    return text.size() == 14 && text.starts_with("0x") &&
           std::all_of(text.begin() + 2, text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
           });
}

std::vector<std::string_view> split_dashes(std::string_view text) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t dash = text.find('-', start);
        parts.push_back(text.substr(start, dash - start));
        if (dash == std::string_view::npos) return parts;
        start = dash + 1;
    }
}

}  // namespace

bool is_sid_string(std::string_view text) {
    if (!text.starts_with("S-1-")) return false;
    const auto parts = split_dashes(text.substr(4));
    if (parts.size() < 2 || parts.size() > 1 + kMaxSubAuthorities) return false;
    if (!is_decimal(parts[0], kMaxDecimalDigits) && !is_hex_authority(parts[0])) return false;
    return std::all_of(parts.begin() + 1, parts.end(),
                       [](std::string_view part) { return is_decimal(part, kMaxDecimalDigits); });
}

std::optional<std::string> pipe_name_for(std::string_view user_sid, long pid) {
    if (!is_sid_string(user_sid) || pid <= 0) return std::nullopt;
    return std::string(kPipePrefix) + std::string(kProduct) + std::string(user_sid) + ".host-" +
           std::to_string(pid);
}

std::optional<std::string> pipe_name_problem(std::string_view name) {
    if (!name.starts_with(kPipePrefix))
        return "the helpdesk pipe name " + std::string(name) + " does not start with " +
               std::string(kPipePrefix);
    if (name.substr(kPipePrefix.size()).find('\\') != std::string_view::npos)
        return "the helpdesk pipe name " + std::string(name) + " has a backslash after " +
               std::string(kPipePrefix);
    if (name.size() > kMaxPipeNameChars)
        return "the helpdesk pipe name " + std::string(name) + " is " +
               std::to_string(name.size()) + " characters, over the " +
               std::to_string(kMaxPipeNameChars) + " a pipe name can hold";
    return std::nullopt;
}

std::optional<std::string> pipe_security_sddl(std::string_view user_sid) {
    if (!is_sid_string(user_sid)) return std::nullopt;
    return "D:P(A;;GA;;;" + std::string(user_sid) + ")";
}

}  // namespace ccp_relogin::helpdesk
