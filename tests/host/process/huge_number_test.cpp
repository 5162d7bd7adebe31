// A number too large for a double (1e999) in a configuration file or in a
// frame. nlohmann's DOM parser throws out_of_range for it, not parse_error,
// so a catch of parse_error alone lets it end the process with SIGABRT. Each
// entry point must instead report it like any other bad input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;

constexpr const char* kHugeNumberConfig = R"({"guard": {"maxAttempts": 1e999}})";

json hello_with_policy(const std::string& policy_text) {
    return json::parse(R"({"type":"hello","id":"h","v":1,"browser":"chromium",)"
                       R"("extensionVersion":"0.1.0","policy":)" +
                       policy_text + "}");
}

TEST(HugeNumber, CheckConfigReportsItAsAProblemOfTheFile) {
    HostFixture fixture(kHugeNumberConfig);
    const auto r = run_cli(fixture, {"check-config"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find(fixture.config_file().string() +
                         ": not valid JSON (a number too large for a double at line 1, column 27)"),
              std::string::npos)
        << r.out << r.err;
}

TEST(HugeNumber, DoctorReportsItAsAProblemOfTheFile) {
    HostFixture fixture(kHugeNumberConfig);
    const auto r = run_cli(fixture, {"doctor", "--offline", "--browser", "chromium", "--scope",
                                     "user", "--user-data-dir", (fixture.dir() / "udd").string()});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find(fixture.config_file().string() + ": not valid JSON (a number too large"),
              std::string::npos)
        << r.out << r.err;
}

TEST(HugeNumber, UrlReportsItAsAProblemOfTheFile) {
    HostFixture fixture(kHugeNumberConfig);
    const auto r = run_cli(fixture, {"url", "--profile", "agents-us"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(fixture.config_file().string() + ": not valid JSON (a number too large"),
              std::string::npos)
        << r.out << r.err;
}

// Host mode loads the files before the first frame: a crash there would
// leave the extension without any answer.
TEST(HugeNumber, HostModeWelcomesWithTheProblemOfTheFile) {
    HostFixture fixture(kHugeNumberConfig);
    auto host = fixture.start();
    host->send(hello_with_policy("null"));
    const json welcome = host->expect_reply();
    ASSERT_EQ(welcome["type"], "welcome") << welcome.dump();
    ASSERT_FALSE(welcome["problems"].empty()) << welcome.dump();
    EXPECT_EQ(welcome["problems"][0]["source"], fixture.config_file().string());
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

// hello.policy arrives inside a frame, parsed by base/bounded_json.cpp.
TEST(HugeNumber, AFrameWithItGetsBadJsonAndTheHostKeepsServing) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send_raw(frame_bytes(hello_with_policy("{}").dump().replace(0, 1, "{\"x\":1e999,")));
    const json reply = host->expect_reply();
    EXPECT_EQ(reply["type"], "error") << reply.dump();
    EXPECT_EQ(reply["code"], "bad-json") << reply.dump();
    const std::string policy_frame = R"({"type":"hello","id":"p","v":1,"browser":"chromium",)"
                                     R"("extensionVersion":"0.1.0",)"
                                     R"("policy":{"guard":{"maxAttempts":1e999}}})";
    host->send_raw(frame_bytes(policy_frame));
    const json policy_reply = host->expect_reply();
    EXPECT_EQ(policy_reply["code"], "bad-json") << policy_reply.dump();
    host->send({{"type", "status"}, {"id", "still-there"}});
    EXPECT_EQ(host->expect_reply()["re"], "still-there");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
