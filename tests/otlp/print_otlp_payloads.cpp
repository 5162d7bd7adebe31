// Prints, one per line, OTLP request bodies exactly as the forwarder sends
// them (audit.forwardFormat "otlp", audit/forward_wire.h), for
// check_otlp_json.py to parse against the vendored OTLP protobuf
// definitions (tests/otlp/opentelemetry-proto/README.md).
//
// The events go the way the host's do: recorded by the real AuditLog
// (redaction, "ts", "id", "host", "user", "prev") into a temporary
// directory, read back from the file as the forwarder reads it, then put
// into request bodies. They are in the shapes the host records
// (protocol/dispatcher.cpp, protocol/session_report.cpp,
// helpdesk/service.cpp, app/host_mode.cpp), with every kind of
// protocol/audit_kind.h, unicode, numbers and durations; last come lines
// as the forwarder may find them in a file a user edited (the log is the
// user's: audit/log_chain.h), whose "ts" is anything.
#include <stdlib.h>  // mkdtemp

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "audit/forward_wire.h"
#include "audit/log_chain.h"
#include "base/clock.h"
#include "protocol/audit_kind.h"

namespace {

using nlohmann::json;
using namespace ccp_relogin;

// An extension message's line, as Dispatcher::audited records it.
json decided(const std::string& event, json request, json reply) {
    const std::string decision = reply.value("type", "");
    return {{"event", event},
            {"kind", protocol::audit_kind(event, request, reply)},
            {"request", std::move(request)},
            {"decision", decision},
            {"reply", std::move(reply)}};
}

json session(const std::string& event, const std::string& outcome, json extra) {
    json request = {
        {"event", event}, {"outcome", outcome}, {"profile", "agents-us"}, {"reason", "idle"}};
    request.update(extra);
    return decided("session", std::move(request), {{"type", "recorded"}});
}

std::vector<json> host_events() {
    const json expired = {{"profile", "agents-us"},
                          {"url", "https://acme.my.connect.aws/ccp-v2?code=abc#frag"},
                          {"frame", "top"}};
    return {
        decided("expired", expired,
                {{"type", "relogin"},
                 {"attempt", 1},
                 {"correlationId", "c0ffee00-1111-4222-8333-444455556666"},
                 {"profile", "agents-us"},
                 {"signInUrl", "https://launcher.myapps.microsoft.com/api/signin/app?tenantId=t"},
                 {"deadlineMs", 1796196060123}}),
        decided("expired", expired,
                {{"type", "wait"}, {"reason", "in-progress"}, {"retryMs", 2500}}),
        decided("expired", expired,
                {{"type", "stop"}, {"reason", "loop"}, {"diagnosis", "a loop\nof sign-ins"}}),
        decided("expired", {{"profile", "nobody"}},
                {{"type", "error"}, {"code", "unknown-profile"}, {"message", "no such profile"}}),
        decided("landed", {{"profile", "agents-us"}, {"signInMs", 4321}},
                {{"type", "return"}, {"returnUrl", "https://agents.example.com/ccp"}}),
        decided("failed", {{"profile", "agents-us"}, {"stage", "entra"}, {"error", "AADSTS50058"}},
                {{"type", "stop"}, {"reason", "entra-error"}}),
        decided("failed", {{"profile", "agents-us"}, {"stage", "cancelled"}},
                {{"type", "stop"}, {"reason", "cancelled"}}),
        session("restored", "agent-back", {{"stuckMs", 61000}}),
        session("refresh", "landed", {{"signInMs", 3200}, {"correlationId", "c-2"}}),
        session("sign-out-respected", "wait-for-agent", json::object()),
        decided("cookie-rule",
                {{"action", "set"},
                 {"primaryPattern", "https://acme.my.connect.aws/*"},
                 {"secondaryPattern", "https://agents.example.com:8443/*"}},
                {{"type", "recorded"}}),
        decided("sign-in-stalled",
                {{"profile", "agents-us"}, {"tabAgeMs", 30000}, {"renavigated", true}},
                {{"type", "recorded"}}),
        {{"event", "config-problem"},
         {"browser", "chrome"},
         {"extensionVersion", "1.4.0"},
         {"policy", true},
         {"profiles", 2},
         {"problems", {"profiles[1].instanceUrl is not https", "relogin.timeoutSeconds > 600"}}},
        {{"event", "origin-refused"}, {"origin", "chrome-extension://abcdefghijklmnop/"}},
        {{"event", "helpdesk-relogin"},
         {"kind", "helpdesk-forced"},
         {"peerUid", 1001},
         {"peerPid", 4242},
         {"stopsLifted", 1},
         {"pushed", {"agents-us"}}},
        {{"event", "helpdesk-status"}, {"peerUid", 1000}},
        // Unicode in names and free text, numbers of every JSON kind.
        decided("expired",
                {{"profile", "agents-zürich-東京"},
                 {"note", "Sitzung abgelaufen ✓ 🙂 \u2028 tab\t"}},
                {{"type", "stop"},
                 {"reason", "attempts"},
                 {"attempts", 3},
                 {"ratio", 0.5},
                 {"negative", -7},
                 {"big", 9007199254740993LL},
                 {"none", nullptr}}),
        {{"event", "expired"}, {"request", {{"profile", json::array({"a", 1})}}}},
    };
}

// Lines a user edited: "ts" before 1970, beyond 2554 (where nanoseconds
// no longer fit 64 bits), of another type, or missing; a decision that is
// a number, a "host" that is not a string.
std::vector<std::string> edited_lines() {
    return {
        R"({"event":"expired","decision":"stop","id":"e1","ts":"1969-12-31T23:59:59.999Z","host":"desk-17"})",
        R"({"event":"expired","id":"e2","ts":"9999-12-31T23:59:59.999Z","host":"desk-17"})",
        R"({"event":"landed","id":"e3","ts":"2554-07-21T23:34:33.709Z"})",
        R"({"event":"landed","id":"e4","ts":"2554-07-21T23:34:33.710Z"})",
        R"({"event":"landed","id":"e5","ts":{"profile":"agents-us"},"decision":7,"host":42})",
        R"({"event":[],"id":"e6"})",
        R"({"id":"e7","ts":"1970-01-01T00:00:00.000Z","user":{"name":"x"}})",
    };
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<json> recorded(const std::filesystem::path& dir, const audit::LineOrigin& origin) {
    const base::FakeClock clock(1'796'196'000'123);
    audit::AuditLog log(
        dir, clock, audit::AuditLog::kDefaultMaxBytes,
        [](const std::string& warning) { std::cerr << "audit log: " << warning << "\n"; }, origin);
    for (const auto& event : host_events()) log.record(event);
    std::vector<json> lines;
    for (const auto& line : audit::split_log(read_file(log.file())).lines)
        if (line.event) lines.push_back(*line.event);
    return lines;
}

void print(const std::vector<json>& events) {
    std::cout << audit::request_body(events, "0.1.0", audit::WireFormat::kOtlp) << "\n";
}

}  // namespace

int main() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ccp-otlp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::filesystem::path dir(pattern);
    const auto lines = recorded(dir, {"desk-17", "agent7"});
    std::filesystem::remove_all(dir);
    if (lines.size() != host_events().size()) {
        std::cerr << "the audit log kept " << lines.size() << " of " << host_events().size()
                  << " lines\n";
        return 1;
    }
    print(lines);                                  // one batch, as after an outage
    for (const auto& line : lines) print({line});  // one request per line
    std::vector<json> edited;
    for (const auto& text : edited_lines()) edited.push_back(json::parse(text));
    print(edited);
    for (const auto& line : edited) print({line});
    return 0;
}
