// Whether the host trusts the development extension ID. Its key is public, so
// any unpacked copy carries that ID: only a development build trusts it by
// itself; a release build only after `install --trust-development-extension`
// left its marker beside the user's or the machine's configuration file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/development_trust.h"
#include "protocol/caller_origin.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
namespace config = ccp_relogin::config;
using ccp_relogin::platform::Scope;
using ccp_relogin::testing::TempDir;

const std::string kDevOrigin = "chrome-extension://lgnognmbodadambbbcigkefnngodpege/";

class ConfigDevelopmentTrust : public ::testing::Test {
  protected:
    TempDir dir_;
    config::ConfigSources sources_{std::nullopt, dir_ / "user/ccp-relogin/config.json",
                                   dir_ / "etc/ccp-relogin/config.json"};
};

TEST_F(ConfigDevelopmentTrust, TheMarkersLieBesideTheUserAndMachineFiles) {
    EXPECT_EQ(config::development_trust_marker(sources_, Scope::kUser),
              dir_ / "user/ccp-relogin/trust-development-extension");
    EXPECT_EQ(config::development_trust_marker(sources_, Scope::kSystem),
              dir_ / "etc/ccp-relogin/trust-development-extension");
    EXPECT_EQ(config::development_trust_marker(config::ConfigSources{}, Scope::kUser), fs::path());
}

TEST_F(ConfigDevelopmentTrust, AReleaseBuildTrustsItOnlyWithAMarker) {
    const auto trust = config::development_extension_trust(sources_, /*build_trusts=*/false);
    EXPECT_FALSE(trust.trusted) << trust.reason;
    EXPECT_NE(trust.reason.find("trust-development-extension"), std::string::npos) << trust.reason;
    for (const auto scope : {Scope::kUser, Scope::kSystem}) {
        TempDir other;
        const config::ConfigSources sources{std::nullopt, other / "u/config.json",
                                            other / "m/config.json"};
        const auto marker = config::development_trust_marker(sources, scope);
        fs::create_directories(marker.parent_path());
        std::ofstream(marker) << "written by install\n";
        const auto granted = config::development_extension_trust(sources, false);
        EXPECT_TRUE(granted.trusted) << granted.reason;
        EXPECT_EQ(granted.marker, marker);
        EXPECT_NE(granted.reason.find(marker.string()), std::string::npos) << granted.reason;
    }
}

TEST_F(ConfigDevelopmentTrust, AMarkerThatIsNoFileGrantsNothing) {
    fs::create_directories(config::development_trust_marker(sources_, Scope::kUser));
    EXPECT_FALSE(config::development_extension_trust(sources_, false).trusted);
}

TEST_F(ConfigDevelopmentTrust, ADevelopmentBuildTrustsIt) {
    const auto trust = config::development_extension_trust(sources_, /*build_trusts=*/true);
    EXPECT_TRUE(trust.trusted);
    EXPECT_NE(trust.reason.find("development build"), std::string::npos) << trust.reason;
    EXPECT_EQ(trust.marker, fs::path());
}

TEST(CallerOriginDevelopmentId, IsRefusedUnlessTrusted) {
    namespace protocol = ccp_relogin::protocol;
    EXPECT_FALSE(protocol::is_allowed_origin(kDevOrigin, {}, /*trust_development=*/false));
    EXPECT_TRUE(protocol::is_allowed_origin(kDevOrigin, {}, /*trust_development=*/true));
    // Listed in a file's allowedExtensionIds, it is an ID like any other.
    EXPECT_TRUE(protocol::is_allowed_origin(kDevOrigin, {"lgnognmbodadambbbcigkefnngodpege"},
                                            /*trust_development=*/false));
}

}  // namespace
