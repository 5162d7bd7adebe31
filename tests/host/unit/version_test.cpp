// The host's version is the extension's: both come from extension/manifest.json
// (CMakeLists.txt reads it). A version written anywhere else fails here.
#include "version.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/repo_files.h"

namespace ccp_relogin {
namespace {

TEST(Version, IsTheExtensionManifests) {
    const std::string text = testing::read_repo_file("extension/manifest.json");
    ASSERT_FALSE(text.empty()) << "extension/manifest.json not readable under "
                               << testing::repo_root();
    const nlohmann::json manifest = nlohmann::json::parse(text);
    ASSERT_TRUE(manifest.contains("version") && manifest["version"].is_string());
    EXPECT_EQ(std::string(kVersion), manifest["version"].get<std::string>());
}

}  // namespace
}  // namespace ccp_relogin
