#pragma once
// Pure: what audit forwarding puts on the wire, and which destination URLs it
// accepts.
//
// Wire format: each request is `POST <audit.forwardUrl>` with
// `Content-Type: application/json` and a body that is a JSON array of 1 to
// kMaxEventsPerRequest events, oldest first. Each event is exactly the object
// written to the local audit log (already redacted by audit/redact.h, with
// "ts" and "id") plus "hostVersion". Batching keeps the request count low
// when many lines waited during an outage; a collector that wants one event
// per record splits the array.
//
// Delivery is at least once: a batch whose response is lost (timeout after
// the collector stored it) is sent again, so a collector may see an event
// twice, with the same "id" (log_forwarder.h).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::audit {

inline constexpr std::size_t kMaxEventsPerRequest = 50;

// audit.forwardFormat. kJsonArray: the format above. kOtlp: OTLP/HTTP with
// JSON encoding, the logs signal, for an OpenTelemetry Collector's otlphttp
// receiver (POST to <collector>/v1/logs): one resourceLogs with
// service.name "ccp-relogin", service.version and host.name; each event one
// logRecord with timeUnixNano and observedTimeUnixNano (from "ts", as a
// decimal string, as the JSON encoding writes 64-bit integers; left out,
// i.e. unknown, when "ts" is missing or outside 1970 to 2554, which a
// fixed64 of nanoseconds can't hold), severityNumber as an integer (OTLP
// JSON allows no enum names): 9 INFO, or 13 WARN for a stop or a
// refusal, the audit line as JSON text in body.stringValue, and as
// attributes event.name, ccp_relogin.id (for the collector to drop
// duplicates), ccp_relogin.kind, ccp_relogin.decision and ccp_relogin.profile
// where the event has them, and user.name; no traceId or spanId. Every
// body is checked against the OTLP protobuf definitions, vendored in
// tests/otlp/, by protobuf's own JSON parser (docs/facts.md, "OTLP/HTTP JSON").
//
// kSplunkHec: Splunk's HTTP Event Collector, JSON event protocol (POST to
// <splunk>:8088/services/collector/event, header "Authorization: Splunk
// <token>", the token read from audit.forwardTokenFile by the forwarder):
// per event one envelope {"time": epoch seconds with milliseconds,
// "host", "source": "ccp-relogin", "sourcetype":
// "ccp-relogin:audit", "event": the audit line plus "hostVersion"}, the
// envelopes one after another, each on its own line. HEC keeps no
// duplicates by itself: a search drops them by event.id.
enum class WireFormat { kJsonArray, kOtlp, kSplunkHec };

// "json" | "otlp" | "splunk-hec", as the configuration and ccp-relogin-network spell them.
std::optional<WireFormat> wire_format_named(std::string_view name);
std::string_view wire_format_name(WireFormat format);

// The request body for `events` (objects; anything else is wrapped as
// {"event": …}). Invalid UTF-8 is replaced, as in the local log.
std::string request_body(const std::vector<nlohmann::json>& events, std::string_view hostVersion,
                         WireFormat format = WireFormat::kJsonArray);

// Why `url` can't receive audit events, or nullopt when it can: only an
// absolute https URL with a host, without user name or password, no longer
// than the configuration allows. Configuration validation already refuses
// the rest; this is checked again where the URL is used.
std::optional<std::string> forward_url_problem(std::string_view url);

// The one stderr line for a refused audit.forwardUrl: the URL redacted (its
// query may carry a secret), the problem, and that the local log goes on.
std::string forwarding_off_line(std::string_view url, const std::string& problem);

}  // namespace ccp_relogin::audit
