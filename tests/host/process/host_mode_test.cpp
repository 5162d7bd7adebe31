// The host as Chrome runs it: a real process, pipes, frames.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;

TEST(HostMode, HelloIsWelcomed) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send(hello_message(1));
    const json welcome = host->expect_reply();
    EXPECT_EQ(welcome["type"], "welcome");
    EXPECT_EQ(welcome["re"], 1);
    EXPECT_EQ(welcome["v"], 1);
    EXPECT_EQ(welcome["config"]["profiles"][0]["name"], "agents-us");
    EXPECT_EQ(welcome["problems"], json::array());
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

TEST(HostMode, ExpiryGetsTheConfiguredSignInUrlAndLandingGetsReturn) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send(hello_message(1));
    host->expect_reply();
    host->send(expired_message("e"));
    const json relogin = host->expect_reply();
    ASSERT_EQ(relogin["type"], "relogin") << relogin.dump();
    EXPECT_EQ(relogin["re"], "e");
    EXPECT_EQ(relogin["signInUrl"], kAgentsSignInUrl);
    EXPECT_EQ(relogin["returnUrl"], "https://agents.example.com/ccp");
    EXPECT_EQ(relogin["attempt"], 1);

    host->send({{"type", "landed"},
                {"id", "l"},
                {"correlationId", relogin["correlationId"]},
                {"url", "https://acme.my.connect.aws/ccp-v2"}});
    const json back = host->expect_reply();
    EXPECT_EQ(back["type"], "return");
    EXPECT_EQ(back["re"], "l");
    EXPECT_EQ(back["correlationId"], relogin["correlationId"]);
    EXPECT_EQ(back["url"], "https://agents.example.com/ccp");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
    // The decisions are in the audit log, with no SAML in it.
    const std::string audit = read_file(fixture.state_dir() / "audit.jsonl");
    EXPECT_NE(audit.find("\"event\":\"expired\""), std::string::npos);
    EXPECT_NE(audit.find("\"event\":\"landed\""), std::string::npos);
}

// sendNativeMessage: one process per message, stdin closed right after it.
TEST(HostMode, OneShotMessageWithoutHelloIsAnswered) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send({{"type", "status"}, {"id", 1}});
    host->close_input();
    const auto replies = host->read_all_replies();
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0]["type"], "status");
    EXPECT_EQ(host->wait_exit(), 0);
}

TEST(HostMode, AThousandMessagesOnOnePortAreAllAnsweredInOrder) {
    HostFixture fixture;
    auto host = fixture.start();
    constexpr int kMessages = 1000;
    // Written from another thread: the replies must be read meanwhile, or
    // both sides would block on full pipes.
    std::thread writer([&] {
        for (int i = 0; i < kMessages; ++i)
            host->send(i % 2 ? json{{"type", "status"}, {"id", i}} : hello_message(i));
        host->close_input();
    });
    std::vector<json> replies;
    try {
        replies = host->read_all_replies();
    } catch (...) {
        writer.join();
        throw;
    }
    writer.join();
    ASSERT_EQ(replies.size(), static_cast<std::size_t>(kMessages));
    for (int i = 0; i < kMessages; ++i) {
        ASSERT_EQ(replies[i]["re"], i);
        ASSERT_EQ(replies[i]["type"], i % 2 ? "status" : "welcome");
    }
    EXPECT_EQ(host->wait_exit(), 0);
}

TEST(HostMode, EachBadInputGetsAnErrorAndTheHostKeepsServing) {
    HostFixture fixture;
    auto host = fixture.start();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{\"type\": \"status\"", "bad-json"},
        {"[\"status\"]", "not-object"},
        {R"({"type":"reboot","id":1})", "unknown-type"},
        {R"({"type":"landed","id":2,"url":"https://acme.my.connect.aws/"})", "missing-field"},
        {std::string(100000, '['), "too-deep"},
        {R"({"type":"hello","id":3,"v":2,"browser":"b","extensionVersion":"9","policy":null})",
         "version"},
        {R"({"type":"expired","id":4,"tabUrl":"","frameUrl":"","signal":"x","evidence":""})",
         "bad-value"},
    };
    for (const auto& [body, code] : cases) {
        host->send_raw(frame_bytes(body));
        const json reply = host->expect_reply();
        EXPECT_EQ(reply["type"], "error") << body.substr(0, 80);
        EXPECT_EQ(reply["code"], code) << body.substr(0, 80);
    }
    host->send({{"type", "status"}, {"id", "still-there"}});
    EXPECT_EQ(host->expect_reply()["re"], "still-there");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

TEST(HostMode, TooLargeFrameGetsAnErrorThenTheHostExitsWithOne) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send_raw(length_bytes(0xFFFFFFF0u) + "{\"type\":");
    const json reply = host->expect_reply();
    EXPECT_EQ(reply["code"], "too-large");
    EXPECT_EQ(host->read_reply(), std::nullopt) << "nothing after the error";
    EXPECT_EQ(host->wait_exit(), 1);
}

TEST(HostMode, TruncatedFrameEndsTheHostQuietly) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send_raw(frame_bytes(R"({"type":"status"})").substr(0, 10));
    host->close_input();
    EXPECT_EQ(host->read_all_replies().size(), 0u);
    EXPECT_EQ(host->wait_exit(), 0);
    const std::string diagnostics = fixture.stderr_text();
    EXPECT_EQ(std::count(diagnostics.begin(), diagnostics.end(), '\n'), 1) << diagnostics;
}

TEST(HostMode, UnknownOriginGetsOneOriginErrorAndExitOne) {
    HostFixture fixture;
    auto host = fixture.start("chrome-extension://pppppppppppppppppppppppppppppppp/");
    host->send({{"type", "status"}});
    const auto replies = host->read_all_replies();
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0]["code"], "origin");
    EXPECT_EQ(host->wait_exit(), 1);
    EXPECT_FALSE(std::filesystem::exists(fixture.state_dir() / "guard.json"));
}

TEST(HostMode, MalformedOriginIsRefusedToo) {
    HostFixture fixture;
    auto host = fixture.start("moz-extension://lgnognmbodadambbbcigkefnngodpege/");
    const auto replies = host->read_all_replies();
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0]["code"], "origin");
    EXPECT_EQ(host->wait_exit(), 1);
}

TEST(HostMode, ConfiguredExtensionIdIsAccepted) {
    HostFixture fixture;
    auto host = fixture.start("chrome-extension://abcdefghijklmnopabcdefghijklmnop/");
    host->send({{"type", "status"}, {"id", 1}});
    EXPECT_EQ(host->expect_reply()["type"], "status");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

// Chrome reads every byte of stdout as frames. A configuration with problems
// and a corrupt state file make the host print warnings: they must all go to
// stderr, and stdout must parse as frames from the first byte to the last.
TEST(HostMode, StdoutCarriesOnlyFrames) {
    HostFixture fixture(R"({"profiles": [], "relogin": {"mode": "popup"}, "typo": 1})");
    std::filesystem::create_directories(fixture.state_dir());
    std::ofstream(fixture.state_dir() / "guard.json") << "{corrupt";
    auto host = fixture.start();
    host->send(hello_message(1));
    host->send(expired_message("e"));
    host->send({{"type", "status"}, {"id", 3}});
    host->close_input();
    const auto replies = host->read_all_replies();  // throws on any stray byte
    ASSERT_EQ(replies.size(), 3u);
    EXPECT_FALSE(replies[0]["problems"].empty());
    EXPECT_EQ(replies[1]["reason"], "no-profile");
    EXPECT_EQ(host->wait_exit(), 0);
    EXPECT_FALSE(fixture.stderr_text().empty()) << "the state warning went to stderr";
}

}  // namespace
}  // namespace ccp_relogin::process_test

namespace ccp_relogin::process_test {
namespace {

// Audit forwarding runs in ccp-relogin-network, fed by the host
// (docs/architecture.md, "Processes"): with a collector that refuses
// connections, the helper's own report of it reaches the host's stderr.
// SIGKILLs every process whose command line mentions `text`; how many.
int kill_processes_mentioning(const std::string& text) {
    int killed = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream in(entry.path() / "cmdline", std::ios::binary);
        const std::string cmdline((std::istreambuf_iterator<char>(in)), {});
        if (cmdline.find(text) == std::string::npos) continue;
        if (::kill(std::stoi(name), SIGKILL) == 0) ++killed;
    }
    return killed;
}

TEST(HostMode, AuditLinesGoToTheForwarderProcess) {
    std::string config = kAgentsConfig;
    config.insert(config.rfind('}'), R"(, "audit": {"forwardUrl": "https://127.0.0.1:9/ingest"})");
    HostFixture fixture(config);
    auto host = fixture.start();
    host->send(hello_message(1));
    host->expect_reply();
    host->send(expired_message("e"));
    EXPECT_EQ(host->expect_reply()["type"], "relogin");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
    // The forwarder the host started reads the log itself, after the host
    // is gone, and says on the stderr it was given that the collector fails.
    const std::string expected = "audit forwarding to https://127.0.0.1:9/ingest is failing";
    std::string text;
    for (int i = 0; i < 100 && text.find(expected) == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        text = fixture.stderr_text();
    }
    EXPECT_NE(text.find(expected), std::string::npos) << text;
    // It would retry for minutes: end it (it leads a session of its own).
    EXPECT_EQ(kill_processes_mentioning(fixture.state_dir().string()), 1);
}

// Splunk HEC: the forwarder reads the token from audit.forwardTokenFile
// itself. It is in no process's command line (every user can read those)
// and on no stderr line; a token file it can't use stops forwarding with
// the reason.
std::string stderr_when(HostFixture& fixture, const std::string& expected) {
    std::string text;
    for (int i = 0; i < 100 && text.find(expected) == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        text = fixture.stderr_text();
    }
    return text;
}

std::string splunk_config(const std::filesystem::path& token_file) {
    std::string config = kAgentsConfig;
    config.insert(config.rfind('}'),
                  R"(, "audit": {"forwardUrl": "https://127.0.0.1:9/services/collector/event",)"
                  R"( "forwardFormat": "splunk-hec", "forwardTokenFile": ")" +
                      token_file.string() + R"("})");
    return config;
}

bool some_command_line_mentions(const std::string& text) {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::ifstream in(entry.path() / "cmdline", std::ios::binary);
        const std::string cmdline((std::istreambuf_iterator<char>(in)), {});
        if (cmdline.find(text) != std::string::npos) return true;
    }
    return false;
}

// A host that has written an audit line (a hello, then an expired): it has
// started a forwarder.
auto start_with_an_audit_line(HostFixture& fixture) {
    auto host = fixture.start();
    host->send(hello_message(1));
    host->expect_reply();
    host->send(expired_message("e"));
    host->expect_reply();
    return host;
}

TEST(HostMode, TheSplunkTokenIsReadByTheForwarderNeverPassedOrShown) {
    const std::string token = "6a2f8a1e-1d1b-4c5e-9a8a-0d1f2e3c4b5a";
    TempDir secrets;
    const auto token_file = secrets / "hec-token";
    std::ofstream(token_file) << token << '\n';
    HostFixture fixture(splunk_config(token_file));
    auto host = start_with_an_audit_line(fixture);
    const std::string text = stderr_when(
        fixture, "audit forwarding to https://127.0.0.1:9/services/collector/event is failing");
    EXPECT_NE(text.find("is failing"), std::string::npos) << text;
    EXPECT_FALSE(some_command_line_mentions(token));
    EXPECT_EQ(text.find(token), std::string::npos) << text;
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
    EXPECT_EQ(kill_processes_mentioning(fixture.state_dir().string()), 1);
}

TEST(HostMode, ATokenFileTheForwarderCannotUseStopsForwardingWithTheReason) {
    TempDir secrets;
    const auto token_file = secrets / "hec-token";
    std::ofstream(token_file) << "first-token second-token\n";
    HostFixture fixture(splunk_config(token_file));
    auto host = start_with_an_audit_line(fixture);
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
    const std::string text = stderr_when(fixture, "holds more than one token");
    EXPECT_NE(text.find("audit forwarding is off: audit.forwardTokenFile " + token_file.string()),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("first-token"), std::string::npos) << text;
}

}  // namespace
}  // namespace ccp_relogin::process_test
