// `relogin` and `status` against a real helpdesk socket in this process
// (helpdesk/helpdesk.h with a temporary state directory), and the text form of a
// status reply.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/relogin_command.h"
#include "cli/status_command.h"
#include "config/layers.h"
#include "helpdesk/helpdesk.h"
#include "helpdesk/running_hosts.h"
#include "helpdesk/socket_dir.h"
#include "protocol_test_support.h"

namespace ccp_relogin::cli {
namespace {

using nlohmann::json;

struct Result {
    int code;
    std::string out;
    std::string err;
};

using Command = int (*)(const std::vector<std::string>&, const std::filesystem::path&,
                        std::ostream&, std::ostream&);

class HelpdeskCliCommands : public ::testing::Test {
  protected:
    HelpdeskCliCommands() {
        snapshot_.publish(config::assemble_config({{"t.json", test::agents_config()}}).config);
    }

    void start_host(long pid) {
        hosts_.push_back(std::make_unique<helpdesk::Helpdesk>(
            state_dir(),
            helpdesk::RunningHost{pid, "lgnognmbodadambbbcigkefnngodpege", "0.1.0", "t0", true},
            snapshot_, [this](const json& frame) {
                pushed_.push_back(frame);
                return true;
            }));
    }

    Result run(Command command, const std::vector<std::string>& args) {
        std::ostringstream out, err;
        const int code = command(args, helpdesk::ipc_dir_of(state_dir()), out, err);
        return {code, out.str(), err.str()};
    }

    std::filesystem::path state_dir() const { return temp_.path() / "state"; }

    test::TempDir temp_;
    helpdesk::ConfigSnapshot snapshot_;
    std::vector<json> pushed_;  // only touched by the socket threads while a command runs
    std::vector<std::unique_ptr<helpdesk::Helpdesk>> hosts_;
};

TEST_F(HelpdeskCliCommands, ReloginWithoutAnyHostSaysWhatToCheck) {
    const Result r = run(run_relogin, {"--profile", "agents-us"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, std::string("ccp-relogin relogin: ") + helpdesk::kNoRunningHost + "\n");
}

TEST_F(HelpdeskCliCommands, ReloginPrintsOneLinePerHost) {
    start_host(11);
    start_host(22);
    const Result r = run(run_relogin, {"--profile", "agents-us", "--reason", "INC-9"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "pid 11: pushed agents-us\npid 22: pushed agents-us\n");
    EXPECT_EQ(r.err, "");
    ASSERT_EQ(pushed_.size(), 2u);
    EXPECT_EQ(pushed_[0]["reason"], "INC-9");
}

TEST_F(HelpdeskCliCommands, ReloginOfAnUnknownProfileNamesTheConfiguredOnes) {
    start_host(11);
    const Result r = run(run_relogin, {"--profile", "agents-eu"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "ccp-relogin relogin: pid 11: no profile named \"agents-eu\"; configured profiles: "
              "agents-us.\n");
    EXPECT_TRUE(pushed_.empty());
}

TEST_F(HelpdeskCliCommands, BadCommandLinesExitTwo) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"agents-us"},
                                                 {"--profile"},
                                                 {"--frobnicate"},
                                                 {"--profile", ""}}) {
        const Result r = run(run_relogin, args);
        EXPECT_EQ(r.code, 2) << r.err;
        EXPECT_EQ(r.err.rfind("ccp-relogin relogin: ", 0), 0u) << r.err;
        EXPECT_NE(
            r.err.find(
                "(usage: ccp-relogin relogin [--profile P] [--reason TEXT] [--wait] [--launch "
                "[--browser B] [--config F]])"),
            std::string::npos)
            << r.err;
    }
    EXPECT_EQ(run(run_status, {"--jsonx"}).code, 2);
    EXPECT_EQ(run(run_status, {"all"}).code, 2);
}

TEST_F(HelpdeskCliCommands, StatusAsJsonIsOneArrayOfTheHosts) {
    start_host(11);
    start_host(22);
    const Result r = run(run_status, {"--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    const json hosts = json::parse(r.out);
    ASSERT_TRUE(hosts.is_array());
    ASSERT_EQ(hosts.size(), 2u);
    EXPECT_EQ(hosts[0]["pid"], 11);
    EXPECT_EQ(hosts[1]["pid"], 22);
    EXPECT_EQ(hosts[0]["profiles"][0]["name"], "agents-us");
}

TEST_F(HelpdeskCliCommands, StatusWithoutAnyHostPrintsAnEmptyArrayAndExitsOne) {
    const Result r = run(run_status, {"--json"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(json::parse(r.out), json::array());
    EXPECT_NE(r.err.find(helpdesk::kNoRunningHost), std::string::npos);
}

TEST_F(HelpdeskCliCommands, StatusAsTextNamesHostAndProfiles) {
    start_host(11);
    const Result r = run(run_status, {});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "pid 11: extension lgnognmbodadambbbcigkefnngodpege, version 0.1.0, started t0\n"
              "  development extension lgnognmbodadambbbcigkefnngodpege: trusted\n"
              "  agents-us: 0/3 attempts in the last 900 s; idle\n");
}

TEST(HelpdeskStatusText, SaysWhetherTheDevelopmentExtensionIsTrusted) {
    json reply = {{"ok", true}, {"pid", 5}, {"profiles", json::array()}};
    EXPECT_EQ(format_host_status(reply).find("development extension"), std::string::npos)
        << "an older host does not say";
    reply["trustsDevelopmentExtension"] = false;
    EXPECT_NE(format_host_status(reply).find(
                  "  development extension lgnognmbodadambbbcigkefnngodpege: not trusted\n"),
              std::string::npos)
        << format_host_status(reply);
}

TEST(HelpdeskStatusText, ShowsSigningInStopsAndTheirDiagnosis) {
    const json reply = json::parse(R"({
      "ok": true, "pid": 5, "extensionId": "e", "version": "1", "startedAt": "s",
      "profiles": [
        {"name": "a", "guard": {"attemptsInWindow": 1, "maxAttempts": 3, "windowSeconds": 900,
          "backoffRemainingMs": 1500, "inFlight": {"attempt": 1, "deadline": "d", "overdue": false},
          "stopped": null, "lastLandedAt": null}},
        {"name": "b", "guard": {"attemptsInWindow": 3, "maxAttempts": 3, "windowSeconds": 900,
          "backoffRemainingMs": 0, "inFlight": null,
          "stopped": {"reason": "loop", "until": "u", "diagnosis": "fix the role\u001b[2J"},
          "lastLandedAt": "l"}}
      ]})");
    EXPECT_EQ(format_host_status(reply),
              "pid 5: extension e, version 1, started s\n"
              "  a: 1/3 attempts in the last 900 s; back-off 2 s; signing in (attempt 1, "
              "deadline d)\n"
              "  b: 3/3 attempts in the last 900 s; stopped (loop) until u; last signed in l\n"
              "    fix the role [2J\n");
}

TEST(HelpdeskStatusText, AnErrorReplyIsShownAsSuch) {
    const json reply = {{"ok", false}, {"pid", 5}, {"message", "boom"}};
    EXPECT_NE(format_host_status(reply).find("  error: boom\n"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::cli
