#pragma once
// guard/ owns loop protection: what the host remembers about each profile's
// sign-in attempts, the rules that decide whether a new attempt may start, and
// the file on disk that every host process of the user shares.
//
// This header is the remembered state and its JSON form. It holds no policy.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::guard {

// Version of the on-disk JSON ("v"). A file with another version is treated
// as corrupt and replaced (the state is a cache of recent history, not data
// anyone needs to keep).
inline constexpr int kStateVersion = 1;

// A sign-in the host granted and has not yet heard the end of.
struct InFlight {
    std::string correlationId;
    int64_t startedMs = 0;
    int64_t deadlineMs = 0;
    int attempt = 0;  // 1-based, within the current window

    bool operator==(const InFlight&) const = default;
};

// Why a profile is stopped and until when (a loop stop is sticky so that a
// misconfigured profile does not open a sign-in tab every minute).
struct Stopped {
    std::string reason;  // "loop"
    std::string diagnosis;
    int64_t untilMs = 0;

    bool operator==(const Stopped&) const = default;
};

struct ProfileRecord {
    std::vector<int64_t> attemptsMs;  // start times of attempts, oldest first
    std::optional<InFlight> inFlight;
    std::optional<int64_t> lastLandedMs;
    std::string lastLandedCorrelationId;
    int64_t blockedUntilMs = 0;  // back-off: no new attempt before this time
    std::optional<Stopped> stopped;

    bool operator==(const ProfileRecord&) const = default;
};

struct GuardState {
    std::map<std::string, ProfileRecord, std::less<>> profiles;

    bool operator==(const GuardState&) const = default;
};

nlohmann::json to_json(const GuardState& state);

// nullopt when the JSON is not a state this version wrote (wrong "v", missing
// or mistyped fields): the caller treats that as corrupt.
std::optional<GuardState> state_from_json(const nlohmann::json& json);

// Parses text; nullopt for invalid JSON or an invalid state.
std::optional<GuardState> parse_state(std::string_view text);

}  // namespace ccp_relogin::guard
