#pragma once
// Validation of one configuration document (one source) against the schema.
// The field names are a contract (docs/configuration.md); unknown keys are errors at every
// level so that typos never pass silently.
//
// The result keeps the document's valid rest:
//   - an invalid profile is dropped whole (a half-right profile would send
//     agents through the wrong app or to the wrong place);
//   - an invalid entry of any other list is dropped, the list keeps the rest,
//     except the probe's status lists (detection.probe.signedInStatus,
//     signedOutStatus), which are kept whole or not at all: without one entry
//     they would classify that status differently from what was written;
//   - detection.probe status lists that claim the same status are both dropped
//     (which of the two is wrong can't be told);
//   - a value of the wrong type, out of range or unknown is dropped, so the
//     lower layer or the default applies;
//   - a list that is not a list, or is too long, is dropped whole.
// A list that keeps zero entries still replaces the lower layers' list when
// merged (merge.h): a policy's profile list is never topped up from a user file.
// Every removal is reported as a Problem with an exact path.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "base/url.h"
#include "config/config.h"

namespace ccp_relogin::config {

struct ValidationResult {
    nlohmann::json valid;  // always an object; only schema-conforming parts
    std::vector<Problem> problems;
};

// `source` is copied into every Problem ("policy" or a file path).
ValidationResult validate_config_json(const nlohmann::json& doc, std::string_view source);

// Limits that protect the host against huge or absurd input.
namespace limits {
inline constexpr std::size_t kMaxProfiles = 100;
inline constexpr std::size_t kMaxProfileNameLength = 64;
inline constexpr std::size_t kMaxDestinationLength = 1024;
inline constexpr std::size_t kMaxUrlLength = base::kMaxConfiguredUrlLength;
inline constexpr std::size_t kMaxReturnTo = 20;
inline constexpr std::size_t kMaxPhrases = 50;
inline constexpr std::size_t kMaxPhraseLength = 200;
inline constexpr std::size_t kMaxLoginPaths = 20;
inline constexpr std::size_t kMaxLoginPathLength = 256;
inline constexpr std::size_t kMaxExtensionIds = 64;
inline constexpr std::size_t kMaxProbePathLength = 200;
inline constexpr std::size_t kMaxProbeStatuses = 20;
// audit.forwardPublicKeySha256: the collector's key now, and the next ones.
inline constexpr std::size_t kMaxPinnedKeys = 4;
inline constexpr std::size_t kMaxTokenFilePathLength = 1024;  // audit.forwardTokenFile
inline constexpr int kMinHttpStatus = 100;
inline constexpr int kMaxHttpStatus = 599;
// Problems listed per source; the rest are summed up in one last Problem with
// an empty path: "<N> more problems not shown".
inline constexpr std::size_t kMaxProblemsShown = 50;
inline constexpr int kMinTimeoutSeconds = 10;
inline constexpr int kMaxTimeoutSeconds = 3600;
inline constexpr int kMinMaxAttempts = 1;
inline constexpr int kMaxMaxAttempts = 20;
inline constexpr int kMinWindowSeconds = 60;
inline constexpr int kMaxWindowSeconds = 86400;
inline constexpr int kMinPostLoginSeconds = 5;
inline constexpr int kMaxPostLoginSeconds = 3600;
// session.*: SAML SessionDuration takes 900-43200 s (docs/facts.md, "Session length").
inline constexpr int kMinSessionSeconds = 900;
inline constexpr int kMaxSessionSeconds = 43200;
// A refresh needs some lead: below a minute it would race the expiry itself.
inline constexpr int kMinRefreshBeforeSeconds = 60;
inline constexpr int kMaxRefreshJitterSeconds = 3600;
}  // namespace limits

}  // namespace ccp_relogin::config
