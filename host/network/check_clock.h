#pragma once
// doctor's clock check, pure: the local clock against the Date header of the
// HTTPS answers doctor got anyway.
//
// Why it matters: the SAML assertion itself is checked by AWS against AWS's
// clock, so a wrong agent clock does not break it directly (docs/facts.md says
// nothing about a tolerance). What a wrong local clock breaks is the
// browser's side: certificate validity checks (TLS errors at Entra or
// Connect) and cookie expiry (a clock ahead by hours drops the Connect
// session cookie at once), plus the host's own loop-protection windows.
// A few minutes are harmless; more is worth fixing.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doctor/check_result.h"

namespace ccp_relogin::network {

inline constexpr std::chrono::seconds kWarnSkew{120};
inline constexpr std::chrono::seconds kFailSkew{300};

// One server's opinion of the time.
struct ClockSample {
    std::string host;
    int64_t server_epoch_s = 0;  // from its Date header (second resolution)
    int64_t local_ms = 0;        // the local clock when its answer arrived
};

// An HTTP Date ("Sun, 06 Nov 1994 08:49:37 GMT", and the obsolete forms)
// as seconds since the epoch, parsed by the system's HTTP library (libcurl;
// Windows: WinHTTP); nullopt if unparsable or longer than kMaxHttpDateChars.
inline constexpr std::size_t kMaxHttpDateChars = 64;
std::optional<int64_t> parse_http_date(std::string_view text);

// Pure. The median skew over the samples (one odd server or proxy can't
// decide it): ok up to kWarnSkew, warn up to kFailSkew, fail beyond;
// skip without samples.
doctor::CheckResult evaluate_clock(const std::vector<ClockSample>& samples);

}  // namespace ccp_relogin::network
