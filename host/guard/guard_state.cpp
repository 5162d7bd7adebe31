#include "guard/guard_state.h"

#include <cstdint>
#include <initializer_list>

namespace ccp_relogin::guard {
namespace {

using nlohmann::json;

// The reader is strict (unknown keys, wrong types → corrupt) because the file
// is only ever written by this code: anything else means damage or tampering,
// and starting fresh is the safe answer.
bool has_only_keys(const json& object, std::initializer_list<std::string_view> allowed) {
    for (const auto& item : object.items()) {
        bool known = false;
        for (auto key : allowed) known = known || item.key() == key;
        if (!known) return false;
    }
    return true;
}

std::optional<int64_t> read_int(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<int64_t>();
}

// Every time in the file is ms since the epoch between 1970 and 2200. A
// tampered value outside (INT64_MIN, a uint64 that wraps) would overflow the
// rules' arithmetic: "landed just now", a false loop stop.
constexpr int64_t kLatestTimeMs = 7'258'118'400'000;  // 2200-01-01T00:00:00Z

bool is_sane_time(const json& value) {
    if (value.is_number_unsigned())
        return value.get<uint64_t>() <= static_cast<uint64_t>(kLatestTimeMs);
    if (!value.is_number_integer()) return false;
    const auto t = value.get<int64_t>();
    return t >= 0 && t <= kLatestTimeMs;
}

std::optional<int64_t> read_time(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !is_sane_time(*it)) return std::nullopt;
    return it->get<int64_t>();
}

std::optional<std::string> read_string(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

json in_flight_to_json(const InFlight& f) {
    return {{"correlationId", f.correlationId},
            {"startedMs", f.startedMs},
            {"deadlineMs", f.deadlineMs},
            {"attempt", f.attempt}};
}

std::optional<InFlight> in_flight_from_json(const json& j) {
    if (!j.is_object() ||
        !has_only_keys(j, {"correlationId", "startedMs", "deadlineMs", "attempt"}))
        return std::nullopt;
    auto id = read_string(j, "correlationId");
    auto started = read_time(j, "startedMs");
    auto deadline = read_time(j, "deadlineMs");
    auto attempt = read_int(j, "attempt");
    if (!id || !started || !deadline || !attempt || *attempt < 1 || *attempt > 1000)
        return std::nullopt;
    return InFlight{*id, *started, *deadline, static_cast<int>(*attempt)};
}

json stopped_to_json(const Stopped& s) {
    return {{"reason", s.reason}, {"diagnosis", s.diagnosis}, {"untilMs", s.untilMs}};
}

std::optional<Stopped> stopped_from_json(const json& j) {
    if (!j.is_object() || !has_only_keys(j, {"reason", "diagnosis", "untilMs"}))
        return std::nullopt;
    auto reason = read_string(j, "reason");
    auto diagnosis = read_string(j, "diagnosis");
    auto until = read_time(j, "untilMs");
    if (!reason || !diagnosis || !until) return std::nullopt;
    return Stopped{*reason, *diagnosis, *until};
}

json record_to_json(const ProfileRecord& r) {
    json j = {{"attempts", r.attemptsMs},
              {"blockedUntilMs", r.blockedUntilMs},
              {"lastLandedCorrelationId", r.lastLandedCorrelationId}};
    if (r.inFlight) j["inFlight"] = in_flight_to_json(*r.inFlight);
    if (r.lastLandedMs) j["lastLandedMs"] = *r.lastLandedMs;
    if (r.stopped) j["stopped"] = stopped_to_json(*r.stopped);
    return j;
}

std::optional<ProfileRecord> record_from_json(const json& j) {
    if (!j.is_object() ||
        !has_only_keys(j, {"attempts", "blockedUntilMs", "lastLandedCorrelationId", "inFlight",
                           "lastLandedMs", "stopped"}))
        return std::nullopt;
    ProfileRecord r;
    auto attempts = j.find("attempts");
    if (attempts == j.end() || !attempts->is_array()) return std::nullopt;
    for (const auto& a : *attempts) {
        if (!is_sane_time(a)) return std::nullopt;
        r.attemptsMs.push_back(a.get<int64_t>());
    }
    auto blocked = read_time(j, "blockedUntilMs");
    auto landedId = read_string(j, "lastLandedCorrelationId");
    if (!blocked || !landedId) return std::nullopt;
    r.blockedUntilMs = *blocked;
    r.lastLandedCorrelationId = *landedId;
    if (j.contains("inFlight")) {
        r.inFlight = in_flight_from_json(j["inFlight"]);
        if (!r.inFlight) return std::nullopt;
    }
    if (j.contains("lastLandedMs")) {
        r.lastLandedMs = read_time(j, "lastLandedMs");
        if (!r.lastLandedMs) return std::nullopt;
    }
    if (j.contains("stopped")) {
        r.stopped = stopped_from_json(j["stopped"]);
        if (!r.stopped) return std::nullopt;
    }
    return r;
}

}  // namespace

json to_json(const GuardState& state) {
    json profiles = json::object();
    for (const auto& [name, record] : state.profiles) profiles[name] = record_to_json(record);
    return {{"v", kStateVersion}, {"profiles", profiles}};
}

std::optional<GuardState> state_from_json(const json& j) {
    if (!j.is_object() || !has_only_keys(j, {"v", "profiles"})) return std::nullopt;
    if (read_int(j, "v") != kStateVersion) return std::nullopt;
    auto profiles = j.find("profiles");
    if (profiles == j.end() || !profiles->is_object()) return std::nullopt;
    GuardState state;
    for (const auto& item : profiles->items()) {
        auto record = record_from_json(item.value());
        if (!record) return std::nullopt;
        state.profiles.emplace(item.key(), std::move(*record));
    }
    return state;
}

std::optional<GuardState> parse_state(std::string_view text) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return std::nullopt;
    return state_from_json(j);
}

}  // namespace ccp_relogin::guard
