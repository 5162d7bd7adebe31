// parse_http_date with libcurl (Linux, macOS): network/check_clock.h.
#include <curl/curl.h>

#include "network/check_clock.h"

namespace ccp_relogin::network {

std::optional<int64_t> parse_http_date(std::string_view text) {
    if (text.empty() || text.size() > kMaxHttpDateChars) return std::nullopt;
    const std::string copy(text);  // curl_getdate needs a NUL-terminated string
    const time_t parsed = curl_getdate(copy.c_str(), nullptr);
    if (parsed == -1) return std::nullopt;
    return static_cast<int64_t>(parsed);
}

}  // namespace ccp_relogin::network
