// parse_http_date on Windows: network/check_clock.h.
//
// Not WinHttpTimeToSystemTime: it accepts anything (under Wine
// "yesterday-ish" comes back as the current time, network_clock_test.cpp),
// and a Date header of nonsense must not pass the clock check as "on time".
// So the three forms HTTP allows (RFC 9110, 5.6.7) are read with the
// standard library's std::get_time, strictly: the whole text, the C locale.
#include <chrono>
#include <ctime>
#include <iomanip>
#include <locale>
#include <sstream>

#include "network/check_clock.h"

namespace ccp_relogin::network {
namespace {

std::optional<std::tm> read_as(std::string_view text, const char* format) {
    std::istringstream in{std::string(text)};
    in.imbue(std::locale::classic());
    std::tm parts{};
    in >> std::get_time(&parts, format);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return parts;
}

int64_t epoch_seconds(const std::tm& parts) {
    using namespace std::chrono;
    const year_month_day day{year{parts.tm_year + 1900}, month{unsigned(parts.tm_mon + 1)},
                             std::chrono::day{unsigned(parts.tm_mday)}};
    return sys_days{day}.time_since_epoch() / seconds{1} + parts.tm_hour * 3600 +
           parts.tm_min * 60 + parts.tm_sec;
}

}  // namespace

std::optional<int64_t> parse_http_date(std::string_view text) {
    if (text.empty() || text.size() > kMaxHttpDateChars) return std::nullopt;
    for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT",  // IMF-fixdate
                               "%A, %d-%b-%y %H:%M:%S GMT",  // RFC 850 (obsolete)
                               "%a %b %d %H:%M:%S %Y"}) {    // asctime (obsolete)
        const auto parts = read_as(text, format);
        if (!parts) continue;
        const int64_t seconds = epoch_seconds(*parts);
        if (parts->tm_hour > 23 || parts->tm_min > 59 || parts->tm_sec > 60) return std::nullopt;
        return seconds;
    }
    return std::nullopt;
}

}  // namespace ccp_relogin::network
