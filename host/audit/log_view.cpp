#include "audit/log_view.h"

#include <algorithm>
#include <charconv>

#include "audit/audit_log.h"
#include "base/text.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

constexpr std::string_view kFullTimestamp = "0000-00-00T00:00:00.000Z";

// The shape of a full timestamp, digit for digit, as far as `text` goes.
bool is_timestamp_prefix(std::string_view text) {
    if (text.size() < 4 || text.size() > kFullTimestamp.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char want = kFullTimestamp[i];
        if (want == '0' ? !base::is_ascii_digit(text[i]) : text[i] != want) return false;
    }
    return true;
}

std::optional<std::int64_t> span_ms(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    std::int64_t count = 0;
    const auto digits = text.substr(0, text.size() - 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (error != std::errc() || end != digits.data() + digits.size() || count < 0 ||
        count > 100'000'000)
        return std::nullopt;
    switch (text.back()) {
        case 's':
            return count * 1000;
        case 'm':
            return count * 60'000;
        case 'h':
            return count * 3'600'000;
        case 'd':
            return count * 86'400'000;
        default:
            return std::nullopt;
    }
}

std::string text_of(const json& value) {
    if (value.is_string()) return base::printable_ascii(value.get<std::string>(), 200);
    if (value.is_null()) return "";
    return base::printable_ascii(value.dump(), 200);
}

// What says most about an event, in this order.
std::string detail_of(const json& event) {
    const json reply = event.value("reply", json::object());
    const json request = event.value("request", json::object());
    for (const auto* part : {&reply, &request, &event}) {
        if (!part->is_object()) continue;
        for (const char* key : {"diagnosis", "reason", "message", "stage", "url", "origin"})
            if (part->contains(key)) return std::string(key) + ": " + text_of((*part)[key]);
    }
    return "";
}

}  // namespace

std::optional<std::string> since_timestamp(std::string_view text, std::int64_t now_ms) {
    if (is_timestamp_prefix(text)) return std::string(text);
    if (const auto back = span_ms(text)) return iso8601_utc(now_ms - *back);
    return std::nullopt;
}

std::string event_string(const json& event, const char* key) {
    if (!event.is_object()) return "";
    const auto found = event.find(key);
    return found != event.end() && found->is_string() ? found->get<std::string>() : "";
}

const json* event_profile(const json& event) {
    if (!event.is_object()) return nullptr;
    for (const char* part : {"request", "reply"}) {
        const auto found = event.find(part);
        if (found != event.end() && found->is_object() && found->contains("profile"))
            return &(*found)["profile"];
    }
    const auto own = event.find("profile");
    return own == event.end() ? nullptr : &*own;
}

std::string readable_line(const json& event) {
    std::string line =
        text_of(event.value("ts", json())) + "  " + text_of(event.value("event", json()));
    if (event.contains("decision")) line += " " + text_of(event["decision"]);
    if (const json* profile = event_profile(event))
        if (const auto text = text_of(*profile); !text.empty()) line += "  " + text;
    if (const auto detail = detail_of(event); !detail.empty()) line += "  " + detail;
    return line;
}

}  // namespace ccp_relogin::audit
