#include "config/validate.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "base/extension_id.h"
#include "base/text.h"
#include "base/url.h"
#include "config/enums.h"
#include "config/probe_status.h"

namespace ccp_relogin::config {
namespace {

using nlohmann::json;

// --- Pure predicates on single values -------------------------------------

using base::is_ascii_alnum;
using base::is_ascii_digit;
using base::is_ascii_hex;

// 8-4-4-4-12 hex digits, either case (instance ARNs and Entra show lower case).
bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position ? s[i] != '-' : !is_ascii_hex(s[i])) return false;
    }
    return true;
}

// docs/facts.md, "Instance ID and alias": 1-45 characters, letters, digits and inner hyphens, not
// starting with "d-"
// ("d-..." names belong to IAM Identity Center portals on awsapps.com).
bool is_instance_alias(std::string_view s) {
    if (s.empty() || s.size() > 45 || s.front() == '-' || s.back() == '-') return false;
    if (s.size() >= 2 && (s[0] == 'd' || s[0] == 'D') && s[1] == '-') return false;
    for (char c : s)
        if (!is_ascii_alnum(c) && c != '-') return false;
    return true;
}

bool is_lower_letters(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The shape of a commercial or GovCloud region name: us-east-1, ap-southeast-2,
// us-gov-west-1 ("xx[-gov]-word-N" with N of one or two digits). The list of
// regions grows, so only the shape is checked. Written out rather than as a
// std::regex: compiling one cost every host start a fifth of its CPU time
// (locale collation tables; README.md, "Benchmarks").
bool is_region(std::string_view s) {
    if (s.size() > 32) return false;
    std::vector<std::string_view> parts;
    for (std::size_t start = 0; start <= s.size();) {
        const auto end = std::min(s.find('-', start), s.size());
        parts.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    if (parts.size() == 4 && parts[1] == "gov") parts.erase(parts.begin() + 1);
    const auto& number = parts.back();
    return parts.size() == 3 && parts[0].size() == 2 && is_lower_letters(parts[0]) &&
           is_lower_letters(parts[1]) && !number.empty() && number.size() <= 2 &&
           std::all_of(number.begin(), number.end(), is_ascii_digit);
}

bool is_profile_name(std::string_view s) {
    for (char c : s)
        if (!is_ascii_alnum(c) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

// RFC 3986 path and query characters (pchar, "/", "?") plus "%" for values
// already encoded inside a destination's own query. Everything else (space,
// "#", "\", quotes, control and non-ASCII bytes) would change the URL's meaning.
bool is_url_path_char(char c) {
    static constexpr std::string_view kAllowed = "-._~!$&'()*+,;=:@/?%";
    return is_ascii_alnum(c) || kAllowed.find(c) != std::string_view::npos;
}

// The extension appends a probe path to the instance's origin (probe-rules.js
// safePath keeps to the same rule), so it must stay a plain path on that
// origin: no query, fragment, encoding, backslash, dot segment or "//".
std::optional<std::string> probe_path_problem(std::string_view s) {
    if (!s.starts_with('/')) return "must start with /";
    for (char c : s)
        if (!is_ascii_alnum(c) && c != '_' && c != '.' && c != '/' && c != '-')
            return "may only contain letters, digits, _, -, . and /";
    if (s.find("..") != std::string_view::npos) return "must not contain ..";
    if (s.find("//") != std::string_view::npos) return "must not contain //";
    return std::nullopt;
}

// The base64 of 32 bytes: 43 characters of the standard alphabet and "="
// (what `openssl ... | base64` prints for a key's SHA-256, and libcurl's
// CURLOPT_PINNEDPUBLICKEY takes after "sha256//").
bool is_sha256_base64(std::string_view s) {
    return s.size() == 44 && s.back() == '=' && std::all_of(s.begin(), s.end() - 1, [](char c) {
               return is_ascii_alnum(c) || c == '+' || c == '/';
           });
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Keys are echoed into problem paths; an attacker-sized or binary key must not
// turn a problem line into a flood or a terminal escape.
std::string printable_key(std::string_view key) {
    constexpr std::size_t kMaxShown = 64;
    return base::printable_ascii(key, kMaxShown);
}

std::string member_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? printable_key(key) : parent + "." + printable_key(key);
}
std::string element_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

// --- The validator ---------------------------------------------------------

// A check returns the part of `value` to keep (nullopt: drop it) and reports
// every problem it finds at `path`.
using Check = std::function<std::optional<json>(const json& value, const std::string& path)>;

struct Field {
    std::string_view key;
    bool required;
    Check check;
};

class DocumentValidator {
  public:
    explicit DocumentValidator(std::string_view source) : source_(source) {}

    ValidationResult run(const json& doc) {
        ValidationResult result;
        if (!doc.is_object()) {
            report("", "must be an object");
            result.valid = json::object();
        } else {
            result.valid = check_object(doc, "", root_fields()).value_or(json::object());
        }
        if (reported_ > problems_.size())
            problems_.push_back(
                Problem{source_, "",
                        std::to_string(reported_ - problems_.size()) + " more problems not shown"});
        result.problems = std::move(problems_);
        return result;
    }

  private:
    std::string source_;
    std::vector<Problem> problems_;
    std::size_t reported_ = 0;  // all problems found, shown or not

    // A hostile document can hold a million unknown keys; the list of problems
    // travels in `welcome` (1 MiB frame limit) and to a terminal, so it is capped.
    void report(std::string path, std::string reason) {
        ++reported_;
        if (problems_.size() < limits::kMaxProblemsShown)
            problems_.push_back(Problem{source_, std::move(path), std::move(reason)});
    }

    // Unknown keys are reported and dropped; absent required keys reported.
    std::optional<json> check_object(const json& value, const std::string& path,
                                     std::span<const Field> fields) {
        if (!value.is_object()) {
            report(path, "must be an object");
            return std::nullopt;
        }
        json kept = json::object();
        for (const auto& [key, member] : value.items()) {
            const Field* field = nullptr;
            for (const auto& f : fields)
                if (f.key == key) field = &f;
            if (field == nullptr) {
                report(member_path(path, key), "unknown key");
                continue;
            }
            if (auto checked = field->check(member, member_path(path, key)))
                kept[key] = std::move(*checked);
        }
        for (const auto& f : fields)
            if (f.required && !value.contains(f.key)) report(member_path(path, f.key), "required");
        return kept;
    }

    // Invalid entries are reported and dropped; an over-long list is dropped whole.
    std::optional<json> check_array(const json& value, const std::string& path,
                                    std::size_t max_entries, const Check& element) {
        if (!value.is_array()) {
            report(path, "must be an array");
            return std::nullopt;
        }
        if (value.size() > max_entries) {
            report(path, "more than " + std::to_string(max_entries) + " entries");
            return std::nullopt;
        }
        json kept = json::array();
        for (std::size_t i = 0; i < value.size(); ++i)
            if (auto checked = element(value[i], element_path(path, i)))
                kept.push_back(std::move(*checked));
        return kept;
    }

    // A string no longer than `max_length` satisfying `ok` (else `reason`).
    Check string_check(std::size_t max_length, std::function<bool(std::string_view)> ok,
                       std::string reason) {
        return [this, max_length, ok = std::move(ok), reason = std::move(reason)](
                   const json& value, const std::string& path) -> std::optional<json> {
            if (!value.is_string()) {
                report(path, "must be a string");
                return std::nullopt;
            }
            const auto& s = value.get_ref<const std::string&>();
            if (s.size() > max_length) {
                report(path, "longer than " + std::to_string(max_length) + " characters");
                return std::nullopt;
            }
            if (!ok(s)) {
                report(path, reason);
                return std::nullopt;
            }
            return value;
        };
    }

    Check enum_check(std::function<bool(std::string_view)> known, std::string choices) {
        return string_check(32, std::move(known), std::move(choices));
    }

    Check int_check(int min, int max) {
        return [this, min, max](const json& value, const std::string& path) -> std::optional<json> {
            if (!value.is_number_integer()) {
                report(path, "must be an integer");
                return std::nullopt;
            }
            const bool in_range =
                value.is_number_unsigned()
                    ? value.get<std::uint64_t>() >= static_cast<std::uint64_t>(std::max(min, 0)) &&
                          value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)
                    : value.get<std::int64_t>() >= min && value.get<std::int64_t>() <= max;
            if (!in_range) {
                report(path,
                       "must be between " + std::to_string(min) + " and " + std::to_string(max));
                return std::nullopt;
            }
            return value;
        };
    }

    Check bool_check() {
        return [this](const json& value, const std::string& path) -> std::optional<json> {
            if (!value.is_boolean()) {
                report(path, "must be true or false");
                return std::nullopt;
            }
            return value;
        };
    }

    Check uuid_check() { return string_check(256, is_uuid, "not a UUID"); }

    // https, a host, no user name or password (base::https_url_problem).
    Check https_url_check() {
        return [this](const json& value, const std::string& path) -> std::optional<json> {
            if (!value.is_string()) {
                report(path, "must be a string");
                return std::nullopt;
            }
            const auto problem =
                base::https_url_problem(value.get_ref<const std::string&>(), limits::kMaxUrlLength);
            if (problem) {
                report(path, *problem);
                return std::nullopt;
            }
            return value;
        };
    }

    // A path on the instance, or an https URL (Connect sends the agent there
    // when it is an approved origin; check_external_destination ties it to
    // the profile's returnTo).
    Check destination_check() {
        return [this](const json& value, const std::string& path) -> std::optional<json> {
            if (value.is_string() && value.get_ref<const std::string&>().starts_with("https:"))
                return external_destination_check()(value, path);
            auto kept = string_check(
                limits::kMaxDestinationLength,
                [](std::string_view s) { return s.starts_with('/') && !s.starts_with("//"); },
                "must be a path starting with / (not a URL)")(value, path);
            if (!kept) return std::nullopt;
            for (char c : kept->get_ref<const std::string&>()) {
                if (!is_url_path_char(c)) {
                    report(path,
                           "contains a character not allowed in a URL path (space, #, \\, quote, "
                           "control or non-ASCII)");
                    return std::nullopt;
                }
            }
            return kept;
        };
    }

    Check external_destination_check() {
        return [this](const json& value, const std::string& path) -> std::optional<json> {
            auto kept = https_url_check()(value, path);
            if (!kept) return std::nullopt;
            const auto url = base::parse_url(kept->get_ref<const std::string&>());
            if (!url || !url->fragment.empty()) {
                report(path, "an https destination must not carry a fragment (#)");
                return std::nullopt;
            }
            return kept;
        };
    }

    // Connect redirects only to an approved origin of the instance, and the
    // agent must be brought back to a page this profile knows: an https
    // destination must be one of the profile's returnTo entries, exactly.
    void check_external_destination(const json& profile, const std::string& path) {
        if (!profile.contains("destination")) return;
        const auto& destination = profile["destination"].get_ref<const std::string&>();
        if (!destination.starts_with("https:")) return;
        const json none = json::array();
        const json& return_to = profile.contains("returnTo") ? profile["returnTo"] : none;
        for (const auto& entry : return_to)
            if (entry == destination) return;
        report(path + ".destination",
               "an https destination must also be one of this profile's returnTo entries (an "
               "approved origin of the instance that agents are brought back to)");
    }

    Check probe_path_check() {
        return [this](const json& value, const std::string& path) -> std::optional<json> {
            const auto any = [](std::string_view) { return true; };  // the rules come next
            auto kept = string_check(limits::kMaxProbePathLength, any, "")(value, path);
            if (!kept) return std::nullopt;
            if (auto problem = probe_path_problem(kept->get_ref<const std::string&>())) {
                report(path, *problem);
                return std::nullopt;
            }
            return kept;
        };
    }

    // HTTP statuses, kept whole or not at all (see validate.h). Only
    // signedInStatus may be null ("any 2xx", so a higher source can restore the
    // default) and only it must not be empty: an empty list would never say
    // signed in, while an empty signedOutStatus leaves login redirects alone
    // meaning signed out.
    Check status_list_check(bool is_signed_in_list) {
        return [this, is_signed_in_list](const json& value,
                                         const std::string& path) -> std::optional<json> {
            if (is_signed_in_list && value.is_null()) return value;
            if (is_signed_in_list && !value.is_array()) {
                report(path, "must be an array or null");
                return std::nullopt;
            }
            auto kept = check_array(value, path, limits::kMaxProbeStatuses,
                                    int_check(limits::kMinHttpStatus, limits::kMaxHttpStatus));
            if (!kept || kept->size() != value.size()) return std::nullopt;
            if (is_signed_in_list && kept->empty()) {
                report(path, "must not be empty (leave it out, or null, for any 2xx)");
                return std::nullopt;
            }
            return kept;
        };
    }

    // Both lists in one source claiming a status: both are dropped, as which
    // one is wrong can't be told. Overlaps across sources are caught after the
    // merge (layers.cpp).
    void drop_status_lists_in_conflict(json& probe, const std::string& path) {
        if (!probe.contains("signedInStatus") || !probe.contains("signedOutStatus")) return;
        const json& in = probe["signedInStatus"];
        const auto signed_in =
            in.is_null() ? std::nullopt : std::optional(in.get<std::vector<int>>());
        const auto both =
            statuses_in_both(signed_in, probe["signedOutStatus"].get<std::vector<int>>());
        if (both.empty()) return;
        report(path + ".signedOutStatus", statuses_in_both_reason(both, !signed_in));
        probe.erase("signedInStatus");
        probe.erase("signedOutStatus");
    }

    // --- Objects of the schema --------------------------------------------

    std::vector<Field> root_fields() {
        return {
            {"profiles", false,
             [this](const json& v, const std::string& p) { return check_profiles(v, p); }},
            {"detection", false,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, detection_fields());
             }},
            {"relogin", false,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, relogin_fields());
             }},
            {"session", false,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, session_fields());
             }},
            {"guard", false,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, guard_fields());
             }},
            {"audit", false,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, audit_fields());
             }},
            {"allowedExtensionIds", false,
             [this](const json& v, const std::string& p) {
                 return check_array(v, p, limits::kMaxExtensionIds,
                                    string_check(32, base::is_extension_id,
                                                 "not an extension ID (32 letters a-p)"));
             }},
            {"browserPolicy", false,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, browser_policy_fields());
             }},
        };
    }

    std::vector<Field> browser_policy_fields() {
        return {
            {"maySetAuditForwardUrl", false, bool_check()},
            {"mayLoosenGuard", false, bool_check()},
        };
    }

    std::vector<Field> detection_fields() {
        return {
            {"phrases", false,
             [this](const json& v, const std::string& p) {
                 return check_array(
                     v, p, limits::kMaxPhrases,
                     string_check(
                         limits::kMaxPhraseLength, [](std::string_view s) { return !is_blank(s); },
                         "must not be empty"));
             }},
            {"loginPaths", false,
             [this](const json& v, const std::string& p) {
                 return check_array(v, p, limits::kMaxLoginPaths,
                                    string_check(
                                        limits::kMaxLoginPathLength,
                                        [](std::string_view s) { return s.starts_with('/'); },
                                        "must start with /"));
             }},
            {"probe", false,
             [this](const json& v, const std::string& p) -> std::optional<json> {
                 auto kept = check_object(v, p, probe_fields());
                 if (kept) drop_status_lists_in_conflict(*kept, p);
                 return kept;
             }},
            {"fixThirdPartyCookies", false, bool_check()},
        };
    }

    std::vector<Field> probe_fields() {
        return {
            {"enabled", false, bool_check()},
            {"path", false, probe_path_check()},
            {"legacyPath", false, probe_path_check()},
            {"signedInStatus", false, status_list_check(true)},
            {"signedOutStatus", false, status_list_check(false)},
            {"onUnknown", false,
             enum_check([](std::string_view s) { return parse_probe_on_unknown(s).has_value(); },
                        probe_on_unknown_choices())},
        };
    }

    std::vector<Field> relogin_fields() {
        return {
            {"mode", false,
             enum_check([](std::string_view s) { return parse_relogin_mode(s).has_value(); },
                        relogin_mode_choices())},
            {"timeoutSeconds", false,
             int_check(limits::kMinTimeoutSeconds, limits::kMaxTimeoutSeconds)},
            {"afterInactivity", false,
             enum_check([](std::string_view s) { return parse_after_inactivity(s).has_value(); },
                        after_inactivity_choices())},
        };
    }

    // Each value alone; how they relate (refresh before the end, jitter
    // within the lead) is checked after the merge (session_rules.h), as the
    // three may come from different sources or the defaults.
    std::vector<Field> session_fields() {
        return {
            {"maxSeconds", false,
             int_check(limits::kMinSessionSeconds, limits::kMaxSessionSeconds)},
            {"refreshBeforeSeconds", false, refresh_before_check()},
            {"refreshJitterSeconds", false, int_check(0, limits::kMaxRefreshJitterSeconds)},
        };
    }

    // 0 (no pre-emptive refresh), or a lead of at least a minute that is
    // shorter than the longest session.
    Check refresh_before_check() {
        return [this](const json& value, const std::string& path) -> std::optional<json> {
            auto kept = int_check(0, limits::kMaxSessionSeconds - 1)(value, path);
            if (!kept) return std::nullopt;
            const auto seconds = kept->get<std::int64_t>();
            if (seconds > 0 && seconds < limits::kMinRefreshBeforeSeconds) {
                report(path, "must be 0 (no pre-emptive refresh) or at least " +
                                 std::to_string(limits::kMinRefreshBeforeSeconds));
                return std::nullopt;
            }
            return kept;
        };
    }

    std::vector<Field> guard_fields() {
        return {
            {"maxAttempts", false, int_check(limits::kMinMaxAttempts, limits::kMaxMaxAttempts)},
            {"windowSeconds", false,
             int_check(limits::kMinWindowSeconds, limits::kMaxWindowSeconds)},
            {"postLoginSeconds", false,
             int_check(limits::kMinPostLoginSeconds, limits::kMaxPostLoginSeconds)},
        };
    }

    std::vector<Field> audit_fields() {
        return {
            {"forwardUrl", false,
             [this](const json& v, const std::string& p) -> std::optional<json> {
                 if (v.is_null()) return v;
                 if (!v.is_string()) {
                     report(p, "must be a string or null");
                     return std::nullopt;
                 }
                 return https_url_check()(v, p);
             }},
            {"forwardFormat", false,
             enum_check(
                 [](std::string_view s) { return s == "json" || s == "otlp" || s == "splunk-hec"; },
                 "must be \"json\", \"otlp\" or \"splunk-hec\"")},
            // Only a path: the token stays in a file the administrator
            // protects, not in a configuration every agent can read.
            {"forwardTokenFile", false,
             [this](const json& v, const std::string& p) -> std::optional<json> {
                 if (v.is_null()) return v;
                 return string_check(
                     limits::kMaxTokenFilePathLength,
                     [](std::string_view s) {
                         return s.starts_with('/') && std::ranges::all_of(s, [](char c) {
                                    return c >= 0x20 && c < 0x7f;
                                });
                     },
                     "must be an absolute path in printable ASCII")(v, p);
             }},
            {"systemLog", false, bool_check()},
            {"forwardPublicKeySha256", false,
             [this](const json& v, const std::string& p) -> std::optional<json> {
                 return check_array(v, p, limits::kMaxPinnedKeys,
                                    string_check(44, is_sha256_base64,
                                                 "not the base64 of a SHA-256 (44 characters "
                                                 "ending in \"=\")"));
             }},
        };
    }

    std::vector<Field> instance_fields() {
        return {
            {"id", true, uuid_check()},
            {"alias", true,
             string_check(
                 45, is_instance_alias,
                 "not an instance alias (1-45 letters, digits or inner hyphens, not starting "
                 "with d-)")},
            {"region", true, string_check(32, is_region, "not an AWS region (like us-east-1)")},
            {"partition", false,
             enum_check([](std::string_view s) { return parse_partition(s).has_value(); },
                        partition_choices())},
            {"domain", false,
             enum_check([](std::string_view s) { return parse_connect_domain(s).has_value(); },
                        connect_domain_choices())},
            {"globalResiliency", false, bool_check()},
        };
    }

    std::vector<Field> entra_fields() {
        return {
            {"tenantId", true, uuid_check()},
            {"appId", true, uuid_check()},
            {"launcher", false,
             enum_check([](std::string_view s) { return parse_launcher(s).has_value(); },
                        launcher_choices())},
        };
    }

    std::vector<Field> profile_fields() {
        return {
            {"name", true,
             string_check(
                 limits::kMaxProfileNameLength, [](std::string_view s) { return !s.empty(); },
                 "must not be empty")},
            {"instance", true,
             [this](const json& v, const std::string& p) -> std::optional<json> {
                 auto kept = check_object(v, p, instance_fields());
                 if (kept) check_partition_region(*kept, p);
                 return kept;
             }},
            {"entra", true,
             [this](const json& v, const std::string& p) {
                 return check_object(v, p, entra_fields());
             }},
            {"destination", false, destination_check()},
            {"returnTo", false,
             [this](const json& v, const std::string& p) {
                 return check_array(v, p, limits::kMaxReturnTo, https_url_check());
             }},
        };
    }

    // GovCloud consoles live on their own host and only serve us-gov-* regions;
    // a mismatch would build a relay state for a console that can't federate.
    void check_partition_region(const json& instance, const std::string& path) {
        if (!instance.contains("region")) return;
        const auto& region = instance["region"].get_ref<const std::string&>();
        const auto partition = parse_partition(instance.value("partition", "aws"));
        const bool gov_region = region.starts_with("us-gov-");
        if (partition == Partition::kAwsUsGov && !gov_region)
            report(path + ".region", "aws-us-gov needs a us-gov-* region");
        if (partition == Partition::kAws && gov_region)
            report(path + ".region", "us-gov-* regions need partition aws-us-gov");
    }

    // A profile with any problem is dropped whole: a half-right profile would
    // send agents through the wrong app or to the wrong place.
    std::optional<json> check_profiles(const json& value, const std::string& path) {
        if (!value.is_array()) {
            report(path, "must be an array");
            return std::nullopt;
        }
        if (value.size() > limits::kMaxProfiles) {
            report(path, "more than " + std::to_string(limits::kMaxProfiles) + " entries");
            return std::nullopt;
        }
        json kept = json::array();
        std::set<std::string> seen_names;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const auto profile_path = element_path(path, i);
            const auto problems_before = reported_;
            auto checked = check_object(value[i], profile_path, profile_fields());
            if (checked) check_external_destination(*checked, profile_path);
            if (checked && checked->contains("name")) {
                const auto& name = (*checked)["name"].get_ref<const std::string&>();
                if (!is_profile_name(name))
                    report(profile_path + ".name",
                           "not a profile name (letters, digits, -, _ and . only)");
                else if (!seen_names.insert(name).second)
                    report(profile_path + ".name", "duplicate profile name");
            }
            if (checked && reported_ == problems_before) kept.push_back(std::move(*checked));
        }
        return kept;
    }
};

}  // namespace

ValidationResult validate_config_json(const nlohmann::json& doc, std::string_view source) {
    return DocumentValidator(source).run(doc);
}

}  // namespace ccp_relogin::config
