// The development extension's ID through the real binary: `install
// --trust-development-extension` (the manifest and the marker beside the
// user's configuration), and what `doctor` and `status` say about it. This
// binary is a development build (the default preset), so it trusts the ID by
// itself; a release build's refusal is covered by the unit tests
// (config_development_trust_test.cpp).
#include <gtest/gtest.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "host_process.h"

namespace ccp_relogin::process_test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

fs::path user_marker(const HostFixture& fixture) {
    return fixture.dir() / "xdg-config" / "ccp-relogin" / "trust-development-extension";
}

TEST(DevelopmentTrust, InstallFlagWritesTheManifestOriginAndTheMarker) {
    HostFixture fixture;
    const auto udd = fixture.dir() / "udd";
    const auto r =
        run_cli(fixture, {"install", "--browser", "chromium", "--scope", "user", "--user-data-dir",
                          udd.string(), "--trust-development-extension"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_regular_file(user_marker(fixture))) << r.out;
    const json manifest =
        json::parse(read_file(udd / "NativeMessagingHosts" / "com.ccp_relogin.host.json"));
    const auto& origins = manifest["allowed_origins"];
    EXPECT_NE(std::find(origins.begin(), origins.end(), json(kDevelopmentOrigin)), origins.end());

    const auto removed = run_cli(fixture, {"uninstall", "--browser", "chromium", "--scope", "user",
                                           "--user-data-dir", udd.string()});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_FALSE(fs::exists(user_marker(fixture)));
}

TEST(DevelopmentTrust, DoctorSaysWhetherItIsTrusted) {
    HostFixture fixture;
    const auto r = run_cli(fixture, {"doctor", "--offline", "--browser", "chromium", "--scope",
                                     "user", "--user-data-dir", (fixture.dir() / "udd").string()});
    EXPECT_NE(r.out.find("ok   development extension: lgnognmbodadambbbcigkefnngodpege is "
                         "trusted: this is a development build"),
              std::string::npos)
        << r.out << r.err;
}

TEST(DevelopmentTrust, StatusSaysWhetherTheRunningHostTrustsIt) {
    HostFixture fixture;
    auto host = fixture.start();
    host->send({{"type", "status"}, {"id", 1}});
    ASSERT_EQ(host->expect_reply()["type"], "status");
    const auto deadline = std::chrono::steady_clock::now() + kReadTimeout;
    json hosts = json::array();
    while (hosts.empty() && std::chrono::steady_clock::now() < deadline) {
        const auto r = run_cli(fixture, {"status", "--json"});
        if (r.exit_code == 0) hosts = json::parse(r.out);
        if (hosts.empty()) ::poll(nullptr, 0, 20);  // the socket may not be offered yet
    }
    ASSERT_EQ(hosts.size(), 1u);
    EXPECT_EQ(hosts[0]["trustsDevelopmentExtension"], true) << hosts.dump();
    host->close_input();
    EXPECT_EQ(host->wait_exit(), 0);
}

}  // namespace
}  // namespace ccp_relogin::process_test
