#pragma once
// What a Chrome extension ID looks like, for every place that reads one: the
// caller origin, config `allowedExtensionIds`, `install --extension-id`.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace ccp_relogin::base {

// Chrome extension IDs are 32 characters from 'a' to 'p': a SHA-256 prefix of
// the extension's public key, written in base 16 with the digits shifted to
// the letters a-p.
inline constexpr std::size_t kExtensionIdLength = 32;

constexpr bool is_extension_id(std::string_view id) {
    return id.size() == kExtensionIdLength &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

}  // namespace ccp_relogin::base
