#include "protocol/validate_message.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "protocol/cookie_rule.h"
#include "protocol/session_report.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

// Thrown inside this file only, to leave the field-by-field checks at the
// first problem; validate_message turns it into a Rejected.
struct Invalid {
    ProtocolError error;
};

[[noreturn]] void reject(std::string_view code, std::string message, std::string field = "") {
    throw Invalid{{std::string(code), std::move(message), std::move(field)}};
}

// Reads the fields of one message type, naming them as "<type>.<field>" in
// messages so the extension developer sees exactly which one is wrong.
class Fields {
  public:
    Fields(const json& message, std::string_view type) : message_(message), type_(type) {}

    const json& required(std::string_view name) const {
        const auto it = message_.find(name);
        if (it == message_.end())
            reject(error_code::kMissingField, describe(name) + " is missing", std::string(name));
        return *it;
    }

    std::string string(std::string_view name, std::size_t max_length) const {
        const json& value = required(name);
        if (!value.is_string())
            reject(error_code::kWrongType, describe(name) + " must be a string", std::string(name));
        const auto& text = value.get_ref<const std::string&>();
        if (text.size() > max_length)
            reject(error_code::kTooLong,
                   describe(name) + " is longer than " + std::to_string(max_length) + " bytes",
                   std::string(name));
        return text;
    }

    // Absent or null: nullopt; otherwise checked like string().
    std::optional<std::string> optional_string(std::string_view name,
                                               std::size_t max_length) const {
        const auto it = message_.find(name);
        if (it == message_.end() || it->is_null()) return std::nullopt;
        return string(name, max_length);
    }

    std::int64_t integer(std::string_view name) const {
        const json& value = required(name);
        if (!value.is_number_integer())
            reject(error_code::kWrongType, describe(name) + " must be an integer",
                   std::string(name));
        // Unsigned values beyond int64 are certainly "newer than 1".
        constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
        if (value.is_number_unsigned() &&
            value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMax))
            return kMax;
        return value.get<std::int64_t>();
    }

    std::optional<json> object_or_null(std::string_view name) const {
        const json& value = required(name);
        if (value.is_null()) return std::nullopt;
        if (!value.is_object())
            reject(error_code::kWrongType, describe(name) + " must be an object or null",
                   std::string(name));
        return value;
    }

    std::string describe(std::string_view name) const {
        return std::string(type_) + "." + std::string(name);
    }

  private:
    const json& message_;
    std::string_view type_;
};

Hello read_hello(const Fields& f) {
    Hello hello;
    hello.v = f.integer("v");
    if (hello.v > kProtocolVersion)
        reject(error_code::kVersion,
               "hello.v is " + std::to_string(hello.v) + " but this host speaks protocol version " +
                   std::to_string(kProtocolVersion) + "; update ccp-relogin",
               "v");
    if (hello.v < 1) reject(error_code::kBadValue, "hello.v must be 1 or more", "v");
    hello.browser = f.string("browser", message_limits::kMaxNameLength);
    hello.extensionVersion = f.string("extensionVersion", message_limits::kMaxNameLength);
    hello.policy = f.object_or_null("policy");
    return hello;
}

Signal read_signal(const Fields& f) {
    const std::string text = f.string("signal", message_limits::kMaxNameLength);
    for (Signal s : {Signal::kText, Signal::kLoginPage, Signal::kStreams})
        if (text == to_string(s)) return s;
    reject(error_code::kBadValue,
           f.describe("signal") + " must be one of text, login-page, streams", "signal");
}

Expired read_expired(const Fields& f) {
    Expired expired;
    expired.tabUrl = f.string("tabUrl", message_limits::kMaxUrlLength);
    expired.frameUrl = f.string("frameUrl", message_limits::kMaxUrlLength);
    expired.signal = read_signal(f);
    expired.evidence = f.string("evidence", message_limits::kMaxEvidenceLength);
    expired.profile = f.optional_string("profile", message_limits::kMaxProfileNameLength);
    return expired;
}

Landed read_landed(const Fields& f) {
    Landed landed;
    landed.correlationId = f.string("correlationId", message_limits::kMaxCorrelationIdLength);
    landed.url = f.string("url", message_limits::kMaxUrlLength);
    return landed;
}

Failed read_failed(const Fields& f) {
    Failed failed;
    failed.correlationId = f.string("correlationId", message_limits::kMaxCorrelationIdLength);
    failed.stage = f.string("stage", message_limits::kMaxNameLength);
    failed.url = f.string("url", message_limits::kMaxUrlLength);
    failed.evidence = f.string("evidence", message_limits::kMaxEvidenceLength);
    return failed;
}

CookieRuleAction read_cookie_rule_action(const Fields& f) {
    const std::string action = f.string("action", message_limits::kMaxNameLength);
    if (action == "set") return CookieRuleAction::kSet;
    if (action == "clear") return CookieRuleAction::kClear;
    reject(error_code::kBadValue, f.describe("action") + " must be set or clear", "action");
}

// Every field is checked for its shape: the host records exactly the rule the
// extension changed, so a rule it could not name is refused, never logged.
CookieRule read_cookie_rule(const Fields& f) {
    CookieRule rule;
    rule.action = read_cookie_rule_action(f);
    rule.profile = f.string("profile", message_limits::kMaxProfileNameLength);
    if (rule.profile.empty())
        reject(error_code::kBadValue, f.describe("profile") + " must not be empty", "profile");
    rule.primaryPattern = f.string("primaryPattern", message_limits::kMaxPatternLength);
    if (!is_connect_host_pattern(rule.primaryPattern))
        reject(error_code::kBadValue,
               f.describe("primaryPattern") + " must be https://<one Connect host>/*",
               "primaryPattern");
    rule.secondaryPattern = f.string("secondaryPattern", message_limits::kMaxPatternLength);
    if (!is_origin_pattern(rule.secondaryPattern))
        reject(error_code::kBadValue,
               f.describe("secondaryPattern") + " must be https://<host>[:port]/*",
               "secondaryPattern");
    rule.reason = f.string("reason", message_limits::kMaxNameLength);
    if (!is_cookie_rule_reason(rule.action, rule.reason))
        reject(error_code::kBadValue,
               f.describe("reason") + " must be one of " +
                   std::string(cookie_rule_reasons(rule.action)) + " for action " +
                   std::string(to_string(rule.action)),
               "reason");
    return rule;
}

SignInStalled read_sign_in_stalled(const Fields& f) {
    SignInStalled stalled;
    stalled.correlationId = f.string("correlationId", message_limits::kMaxCorrelationIdLength);
    stalled.url = f.string("url", message_limits::kMaxUrlLength);
    stalled.renavigation = f.integer("renavigation");
    if (stalled.renavigation < 1 || stalled.renavigation > message_limits::kMaxRenavigation)
        reject(error_code::kBadValue,
               f.describe("renavigation") + " must be 1 to " +
                   std::to_string(message_limits::kMaxRenavigation),
               "renavigation");
    stalled.quietMs = f.integer("quietMs");
    if (stalled.quietMs < 0)
        reject(error_code::kBadValue, f.describe("quietMs") + " must not be negative", "quietMs");
    return stalled;
}

// A duration in ms, when present: a non-negative integer.
std::optional<std::int64_t> optional_duration(const Fields& f, const json& message,
                                              std::string_view name) {
    if (!message.contains(name) || message[std::string(name)].is_null()) return std::nullopt;
    const std::int64_t value = f.integer(name);
    if (value < 0)
        reject(error_code::kBadValue, f.describe(name) + " must not be negative",
               std::string(name));
    return value;
}

SessionReport read_session_report(const Fields& f, const json& message) {
    SessionReport report;
    report.event = f.string("event", message_limits::kMaxNameLength);
    report.outcome = f.string("outcome", message_limits::kMaxNameLength);
    if (!is_session_outcome(report.event, report.outcome))
        reject(error_code::kBadValue,
               f.describe("event") + " and outcome must be one of " +
                   std::string(session_events_text()),
               is_session_event(report.event) ? "outcome" : "event");
    report.profile = f.string("profile", message_limits::kMaxProfileNameLength);
    report.reason = f.string("reason", message_limits::kMaxEvidenceLength);
    report.correlationId =
        f.optional_string("correlationId", message_limits::kMaxCorrelationIdLength);
    report.stuckMs = optional_duration(f, message, "stuckMs");
    report.signInMs = optional_duration(f, message, "signInMs");
    return report;
}

RequestBody read_body(const json& message, const std::string& type) {
    const Fields fields(message, type);
    if (type == "hello") return read_hello(fields);
    if (type == "expired") return read_expired(fields);
    if (type == "landed") return read_landed(fields);
    if (type == "failed") return read_failed(fields);
    if (type == "status") return StatusQuery{};
    if (type == "cookie-rule") return read_cookie_rule(fields);
    if (type == "sign-in-stalled") return read_sign_in_stalled(fields);
    if (type == "session") return read_session_report(fields, message);
    reject(error_code::kUnknownType,
           "type \"" + type.substr(0, message_limits::kMaxNameLength) +
               "\" is not a message this host knows (hello, expired, landed, failed, status, "
               "cookie-rule, sign-in-stalled, session)",
           "type");
}

std::optional<json> read_id(const json& message) {
    const auto it = message.find("id");
    if (it == message.end()) return std::nullopt;
    if (it->is_number()) return *it;
    if (!it->is_string()) reject(error_code::kWrongType, "id must be a string or a number", "id");
    if (it->get_ref<const std::string&>().size() > message_limits::kMaxIdLength)
        reject(error_code::kTooLong,
               "id is longer than " + std::to_string(message_limits::kMaxIdLength) + " bytes",
               "id");
    return *it;
}

std::string read_type(const json& message) {
    const auto it = message.find("type");
    if (it == message.end()) reject(error_code::kMissingField, "type is missing", "type");
    if (!it->is_string()) reject(error_code::kWrongType, "type must be a string", "type");
    return it->get<std::string>();
}

}  // namespace

Validated validate_message(const json& message) {
    if (!message.is_object())
        return Rejected{
            {std::string(error_code::kNotObject), "a message must be a JSON object", ""},
            std::nullopt};
    std::optional<json> id;
    try {
        id = read_id(message);
        const std::string type = read_type(message);
        return Request{id, read_body(message, type)};
    } catch (const Invalid& invalid) {
        return Rejected{invalid.error, id};
    }
}

}  // namespace ccp_relogin::protocol
