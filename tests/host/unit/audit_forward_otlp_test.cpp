// audit.forwardFormat "otlp" (audit/forward_wire.h): what the records say,
// field by field. That the bodies are ExportLogsServiceRequests in OTLP's
// JSON encoding at all is checked against the OTLP protobuf definitions by
// protobuf's own parser: tests/otlp/check_otlp_json.py (ctest
// Otlp.PayloadsAreExportLogsServiceRequests).
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/forward_wire.h"
#include "audit_sample_lines.h"

namespace ccp_relogin::audit {
namespace {

using nlohmann::json;

const json& kStop = testing::kStoppedLine;

// The value of attribute `key` in an OTLP attribute list, or null.
json attribute(const json& attributes, const std::string& key) {
    for (const auto& a : attributes)
        if (a.at("key") == key) return a.at("value");
    return nullptr;
}

TEST(AuditForwardOtlp, IsAnExportLogsServiceRequest) {
    const json body =
        json::parse(request_body({kStop, {{"event", "landed"}, {"ts", "2026-12-02T07:20:01.000Z"}}},
                                 "0.1.0", WireFormat::kOtlp));
    ASSERT_EQ(body.size(), 1u);
    ASSERT_EQ(body.at("resourceLogs").size(), 1u);
    const json& resource_logs = body["resourceLogs"][0];
    const json& resource = resource_logs.at("resource").at("attributes");
    EXPECT_EQ(attribute(resource, "service.name"), json({{"stringValue", "ccp-relogin"}}));
    EXPECT_EQ(attribute(resource, "service.version"), json({{"stringValue", "0.1.0"}}));
    EXPECT_EQ(attribute(resource, "host.name"), json({{"stringValue", "desk-17"}}));
    ASSERT_EQ(resource_logs.at("scopeLogs").size(), 1u);
    const json& scope_logs = resource_logs["scopeLogs"][0];
    EXPECT_EQ(scope_logs.at("scope").at("name"), "ccp-relogin.audit");
    const json& records = scope_logs.at("logRecords");
    ASSERT_EQ(records.size(), 2u);

    const json& stop = records[0];
    EXPECT_EQ(stop.at("timeUnixNano"), "1796196000123000000");  // a string: 64-bit in JSON
    EXPECT_EQ(stop.at("observedTimeUnixNano"), "1796196000123000000");
    EXPECT_EQ(stop.at("severityNumber"), 13);  // SEVERITY_NUMBER_WARN
    EXPECT_EQ(stop.at("severityText"), "WARN");
    EXPECT_EQ(json::parse(stop.at("body").at("stringValue").get<std::string>()), kStop)
        << "the audit line whole, as text";
    const json& attributes = stop.at("attributes");
    EXPECT_EQ(attribute(attributes, "event.name"), json({{"stringValue", "expired"}}));
    EXPECT_EQ(attribute(attributes, "ccp_relogin.id"), json({{"stringValue", kStop["id"]}}));
    EXPECT_EQ(attribute(attributes, "ccp_relogin.kind"), json({{"stringValue", "stopped"}}));
    EXPECT_EQ(attribute(attributes, "ccp_relogin.profile"), json({{"stringValue", "agents-us"}}));
    EXPECT_EQ(attribute(attributes, "user.name"), json({{"stringValue", "agent7"}}));
    for (const auto& a : attributes) {
        ASSERT_TRUE(a.at("key").is_string());
        ASSERT_EQ(a.at("value").size(), 1u);
        EXPECT_TRUE(a["value"].contains("stringValue"));
    }
    EXPECT_EQ(records[1].at("severityNumber"), 9);  // SEVERITY_NUMBER_INFO
}

// Found by checking the bodies against the OTLP definitions
// (tests/otlp/check_otlp_json.py): a "ts" before 1970 or after 2554 made a
// fixed64 out of range, which the collector refuses with the whole batch.
TEST(AuditForwardOtlp, LeavesOutATimeThatIsUnknownOrOutOfRange) {
    const auto record = [](const json& ts) {
        const json body = json::parse(
            request_body({{{"event", "landed"}, {"ts", ts}}}, "0.1.0", WireFormat::kOtlp));
        return body["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0];
    };
    EXPECT_EQ(record("1970-01-01T00:00:00.000Z").at("timeUnixNano"), "0");
    EXPECT_EQ(record("2554-07-21T23:34:33.709Z").at("timeUnixNano"), "18446744073709000000");
    for (const json& ts : {json("1969-12-31T23:59:59.999Z"), json("2554-07-21T23:34:33.710Z"),
                           json("9999-12-31T23:59:59.999Z"), json("yesterday"), json(7)}) {
        EXPECT_FALSE(record(ts).contains("timeUnixNano")) << ts;
        EXPECT_FALSE(record(ts).contains("observedTimeUnixNano")) << ts;
    }
}

TEST(AuditForwardOtlp, FormatsAreNamedAsTheConfigurationSpellsThem) {
    EXPECT_EQ(wire_format_named("json"), WireFormat::kJsonArray);
    EXPECT_EQ(wire_format_named("otlp"), WireFormat::kOtlp);
    EXPECT_EQ(wire_format_named("OTLP"), std::nullopt);
    EXPECT_EQ(wire_format_name(WireFormat::kOtlp), "otlp");
}

TEST(AuditLog, ParsesItsOwnTimestampsBackAndNothingElse) {
    for (const int64_t ms : {int64_t{0}, int64_t{951'782'400'000}, int64_t{1'796'109'600'123}})
        EXPECT_EQ(parse_iso8601_utc(iso8601_utc(ms)), ms);
    for (const char* bad : {"", "2026-12-02", "2026-12-02T07:20:00Z", "2026-13-02T07:20:00.000Z",
                            "2026-02-30T07:20:00.000Z", "2026-12-02T24:00:00.000Z",
                            "2026-12-02T07:20:00.000+", "2026-12-02T07:20:00.000Zx"})
        EXPECT_EQ(parse_iso8601_utc(bad), std::nullopt) << bad;
}

// Found by fuzzing the log's readers (tests/fuzz/targets/audit_log.cpp): a
// line edited so that "ts" is an object made the forwarder throw on it, and
// so stop on that line at every restart.
TEST(AuditForwardOtlp, ALineOfAnyShapeIsSentNotThrownOn) {
    const json edited = {
        {"id", "x"}, {"ts", {{"profile", "agents-us"}}}, {"decision", 7}, {"event", json::array()}};
    for (const auto format : {WireFormat::kJsonArray, WireFormat::kOtlp, WireFormat::kSplunkHec})
        EXPECT_NO_THROW((void)request_body({edited}, "0.1.0", format)) << wire_format_name(format);
}

}  // namespace
}  // namespace ccp_relogin::audit
