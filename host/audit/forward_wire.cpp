#include "audit/forward_wire.h"

#include <cstdint>
#include <limits>

#include "audit/audit_log.h"
#include "audit/log_view.h"
#include "audit/redact.h"
#include "base/url.h"

namespace ccp_relogin::audit {

namespace {

using nlohmann::json;

json object_of(const json& event) { return event.is_object() ? event : json{{"event", event}}; }

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json string_attribute(std::string_view key, const json& value) {
    return {{"key", key},
            {"value", {{"stringValue", value.is_string() ? value : json(dump(value))}}}};
}

// "ts" in nanoseconds as OTLP's fixed64 takes it (a decimal string), or
// nullopt when the line has none or one outside 1970 to 2554 (2^64 ns): a
// line of the user's file may say anything, and a value out of range would
// make the collector refuse the whole batch, again at every retry.
std::optional<std::string> unix_nanos(const json& event) {
    constexpr auto kMaxMs = std::numeric_limits<std::uint64_t>::max() / 1'000'000;
    const auto ms = parse_iso8601_utc(event_string(event, "ts"));
    if (!ms || *ms < 0 || static_cast<std::uint64_t>(*ms) > kMaxMs) return std::nullopt;
    return std::to_string(static_cast<std::uint64_t>(*ms) * 1'000'000);
}

json otlp_record(const json& event) {
    const std::string decision = event_string(event, "decision");
    const bool warn = decision == "stop" || decision == "error";
    json attributes = json::array({string_attribute("event.name", event_string(event, "event"))});
    for (const auto& [key, name] :
         {std::pair{"id", "ccp_relogin.id"}, std::pair{"kind", "ccp_relogin.kind"},
          std::pair{"decision", "ccp_relogin.decision"}, std::pair{"user", "user.name"}})
        if (event.contains(key)) attributes.push_back(string_attribute(name, event[key]));
    if (const json* profile = event_profile(event))
        attributes.push_back(string_attribute("ccp_relogin.profile", *profile));
    json record = {{"severityNumber", warn ? 13 : 9},
                   {"severityText", warn ? "WARN" : "INFO"},
                   {"body", {{"stringValue", dump(event)}}},
                   {"attributes", std::move(attributes)}};
    // Left out when unknown: 0, the default, means unknown (logs.proto).
    if (const auto nanos = unix_nanos(event)) {
        record["timeUnixNano"] = *nanos;
        record["observedTimeUnixNano"] = *nanos;
    }
    return record;
}

std::string otlp_body(const std::vector<json>& events, std::string_view hostVersion) {
    json records = json::array();
    std::string host = "unknown";
    for (const auto& event : events) {
        const json item = object_of(event);
        if (item.contains("host") && item["host"].is_string()) host = item["host"];
        records.push_back(otlp_record(item));
    }
    const json resource = {
        {"attributes", json::array({string_attribute("service.name", "ccp-relogin"),
                                    string_attribute("service.version", std::string(hostVersion)),
                                    string_attribute("host.name", host)})}};
    const json scope = {{"name", "ccp-relogin.audit"}, {"version", std::string(hostVersion)}};
    return dump({{"resourceLogs",
                  json::array({{{"resource", resource},
                                {"scopeLogs",
                                 json::array({{{"scope", scope}, {"logRecords", records}}})}}})}});
}

// Splunk's JSON event protocol: one envelope per event, the envelopes
// written one after another (a batch is not an array).
std::string splunk_hec_body(const std::vector<json>& events, std::string_view hostVersion) {
    std::string body;
    for (const auto& event : events) {
        json item = object_of(event);
        item["hostVersion"] = hostVersion;
        json envelope = {{"source", "ccp-relogin"}, {"sourcetype", "ccp-relogin:audit"}};
        if (const auto ms = parse_iso8601_utc(event_string(item, "ts")))
            envelope["time"] =
                static_cast<double>(*ms) / 1000.0;  // written shortest: 1796196001.25
        if (item.contains("host") && item["host"].is_string()) envelope["host"] = item["host"];
        envelope["event"] = std::move(item);
        body += dump(envelope);
        body += '\n';
    }
    return body;
}

constexpr std::pair<WireFormat, std::string_view> kFormatNames[] = {
    {WireFormat::kJsonArray, "json"},
    {WireFormat::kOtlp, "otlp"},
    {WireFormat::kSplunkHec, "splunk-hec"},
};

}  // namespace

std::optional<WireFormat> wire_format_named(std::string_view name) {
    for (const auto& [format, spelled] : kFormatNames)
        if (spelled == name) return format;
    return std::nullopt;
}

std::string_view wire_format_name(WireFormat format) {
    for (const auto& [known, spelled] : kFormatNames)
        if (known == format) return spelled;
    return "json";
}

std::string request_body(const std::vector<nlohmann::json>& events, std::string_view hostVersion,
                         WireFormat format) {
    if (format == WireFormat::kOtlp) return otlp_body(events, hostVersion);
    if (format == WireFormat::kSplunkHec) return splunk_hec_body(events, hostVersion);
    json body = json::array();
    for (const auto& event : events) {
        json item = object_of(event);
        item["hostVersion"] = hostVersion;
        body.push_back(std::move(item));
    }
    return dump(body);
}

std::optional<std::string> forward_url_problem(std::string_view url) {
    return base::https_url_problem(url);
}

std::string forwarding_off_line(std::string_view url, const std::string& problem) {
    return "audit forwarding is off: audit.forwardUrl " + redact_url(url) + " is " + problem +
           " (the local audit log is still written)";
}

}  // namespace ccp_relogin::audit
