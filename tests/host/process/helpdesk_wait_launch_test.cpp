// `ccp-relogin relogin --wait` against the real host binary in host mode
// (the test plays the extension on its stdin/stdout), and `relogin --launch`
// with no host running, starting a stand-in browser program.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>

#include <boost/process.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Polls (with a deadline, not a fixed sleep) until `path` exists.
bool wait_for_file(const fs::path& path) {
    const auto deadline = std::chrono::steady_clock::now() + kReadTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (fs::exists(path)) return true;
        ::poll(nullptr, 0, 10);
    }
    return false;
}

// The CLI running beside the test, its output in files.
class BackgroundCli {
  public:
    BackgroundCli(const HostFixture& fixture, const std::vector<std::string>& args)
        : out_(fixture.dir() / "bg-out.txt"), err_(fixture.dir() / "bg-err.txt") {
        export_environment(fixture.env());
        const Launch launch = launch_of(kBinary, args);
        child_ = bp::child(launch.program, bp::args(launch.args), (bp::std_in < bp::null),
                           (bp::std_out > out_.string()), (bp::std_err > err_.string()));
    }
    CliResult finish() {
        if (!wait_or_kill(child_, kReadTimeout))
            throw std::runtime_error("ccp-relogin did not exit in time");
        return {child_.exit_code(), read_file(out_), read_file(err_)};
    }

  private:
    fs::path out_, err_;
    bp::child child_;
};

// The extension's answer to force-relogin: an expiry naming the profile.
json forced_expired() {
    return {{"type", "expired"},
            {"id", "f"},
            {"tabUrl", "https://agents.example.com/ccp"},
            {"frameUrl", "https://acme.my.connect.aws/login"},
            {"signal", "text"},
            {"evidence", "forced: helpdesk"},
            {"profile", "agents-us"}};
}

TEST(HelpdeskWait, PrintsLandedOnceTheForcedSignInLanded) {
    HostFixture fixture;
    RunningHost host(fixture);
    BackgroundCli cli(fixture, {"relogin", "--profile", "agents-us", "--wait"});

    EXPECT_EQ(host->expect_reply()["type"], "force-relogin");
    host->send(forced_expired());
    const json relogin = host->expect_reply();
    ASSERT_EQ(relogin["type"], "relogin") << relogin.dump();
    host->send({{"type", "landed"},
                {"id", "l"},
                {"correlationId", relogin["correlationId"]},
                {"url", "https://acme.my.connect.aws/ccp-v2"}});
    EXPECT_EQ(host->expect_reply()["type"], "return");

    const auto r = cli.finish();
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(": landed agents-us\n"), std::string::npos) << r.out;
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

TEST(HelpdeskWait, PrintsStoppedAndExitsOneWhenTheSignInStops) {
    HostFixture fixture;
    RunningHost host(fixture);
    BackgroundCli cli(fixture, {"relogin", "--profile", "agents-us", "--wait"});

    EXPECT_EQ(host->expect_reply()["type"], "force-relogin");
    host->send(forced_expired());
    const json relogin = host->expect_reply();
    ASSERT_EQ(relogin["type"], "relogin") << relogin.dump();
    // Entra refuses the user: a misconfiguration, which stops at once.
    host->send({{"type", "failed"},
                {"id", "x"},
                {"correlationId", relogin["correlationId"]},
                {"stage", "entra"},
                {"url", "https://login.microsoftonline.com/t/saml2"},
                {"evidence", "AADSTS50105"}});
    const json answer = host->expect_reply();

    const auto r = cli.finish();
    if (answer["type"] == "stop") {
        EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
        EXPECT_NE(r.out.find(": stopped agents-us (" + answer["reason"].get<std::string>() + ")"),
                  std::string::npos)
            << r.out;
    } else {
        ADD_FAILURE() << "expected a stop for AADSTS50105, got " << answer.dump();
    }
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

TEST(HelpdeskLaunch, StartsTheBrowserProgramAtTheSignInInASessionOfItsOwnThatOutlivesTheCommand) {
    HostFixture fixture;
    const fs::path args_file = fixture.dir() / "browser-args.txt";
    const fs::path go = fixture.dir() / "go";
    const fs::path after = fixture.dir() / "still-running.txt";
    const fs::path program = fixture.dir() / "browser.sh";
    // The stand-in browser: says what it was started with and in which
    // session, then waits until the test has seen the command exit.
    std::ofstream(program) << "#!/bin/sh\n"
                           << "printf '%s\\n' \"$*\" > '" << args_file.string() << ".tmp'\n"
                           << "cut -d' ' -f1,6 /proc/$$/stat >> '" << args_file.string()
                           << ".tmp'\n"
                           << "mv '" << args_file.string() << ".tmp' '" << args_file.string()
                           << "'\n"
                           << "while [ ! -e '" << go.string() << "' ]; do sleep 0.05; done\n"
                           << "echo yes > '" << after.string() << "'\n";
    fs::permissions(program, fs::perms::owner_all);

    const auto r = run_cli(fixture, {"relogin", "--launch", "--browser", program.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "no running host: launched " + program.string() +
                         " at the sign-in of profile agents-us\n");
    ASSERT_TRUE(wait_for_file(args_file));
    const std::string text = read_file(args_file);
    EXPECT_EQ(text.substr(0, text.find('\n')), kAgentsSignInUrl);
    const std::string ids = text.substr(text.find('\n') + 1);
    const std::string pid = ids.substr(0, ids.find(' '));
    const std::string sid = ids.substr(ids.find(' ') + 1, ids.find('\n') - ids.find(' ') - 1);
    EXPECT_EQ(pid, sid) << "the browser leads a session of its own";

    std::ofstream(go) << "";
    EXPECT_TRUE(wait_for_file(after)) << "the browser went on after the command had exited";
}

TEST(HelpdeskLaunch, ARunningHostIsAskedAndNoBrowserStarts) {
    HostFixture fixture;
    RunningHost host(fixture);
    const auto r = run_cli(fixture, {"relogin", "--launch", "--browser", "/bin/false"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(": pushed agents-us"), std::string::npos) << r.out;
    EXPECT_EQ(host->expect_reply()["type"], "force-relogin");
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
