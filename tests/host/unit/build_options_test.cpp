// Who trusts the development extension by itself: development builds only.
// The presets are what developers, CI and the release use, so a change that
// flips one of them must fail here rather than ship.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/repo_files.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using ccp_relogin::testing::read_repo_file;

// The option's value in the preset `name`, following `inherits`; "" if unset.
std::string preset_value(const json& presets, const std::string& name) {
    for (const auto& preset : presets["configurePresets"]) {
        if (preset["name"] != name) continue;
        const auto& variables = preset.value("cacheVariables", json::object());
        if (variables.contains("CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION"))
            return variables["CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION"];
        if (preset.contains("inherits")) return preset_value(presets, preset["inherits"]);
    }
    return "";
}

TEST(BuildOptions, OnlyDevelopmentPresetsTrustTheDevelopmentExtension) {
    const json presets = json::parse(read_repo_file("CMakePresets.json"));
    EXPECT_EQ(preset_value(presets, "default"), "ON");
    EXPECT_EQ(preset_value(presets, "bench"), "ON");
    EXPECT_EQ(preset_value(presets, "windows"), "ON");
    EXPECT_EQ(preset_value(presets, "release"), "OFF");
    EXPECT_EQ(preset_value(presets, "windows-release"), "OFF");  // what the MSI ships
}

// The MSI's build (packaging/windows/make-msi) is the windows build with only
// the trust and the tests switched off: the same toolchain, build type and
// flags, so ccache shares every object that does not include version.h.
TEST(BuildOptions, TheWindowsReleasePresetDiffersFromWindowsOnlyInTrustAndTests) {
    const json presets = json::parse(read_repo_file("CMakePresets.json"));
    const json* release = nullptr;
    for (const auto& preset : presets["configurePresets"])
        if (preset["name"] == "windows-release") release = &preset;
    ASSERT_NE(release, nullptr);
    EXPECT_EQ(release->value("inherits", json()), "windows");
    EXPECT_FALSE(release->contains("toolchainFile"));
    EXPECT_FALSE(release->contains("generator"));
    const json variables = release->value("cacheVariables", json::object());
    std::vector<std::string> own;
    for (const auto& [name, value] : variables.items()) own.push_back(name);
    EXPECT_EQ(own, (std::vector<std::string>{"CCP_RELOGIN_BUILD_TESTS",
                                             "CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION"}));
    EXPECT_EQ(variables.value("CCP_RELOGIN_BUILD_TESTS", ""), "OFF");
}

// A build without a preset (a distribution's own packaging) must not trust it.
TEST(BuildOptions, TheOptionIsOffByDefault) {
    const std::string cmake = read_repo_file("CMakeLists.txt");
    const std::regex option(R"(option\(CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION\s+"[^"]*"\s+OFF\))");
    EXPECT_TRUE(std::regex_search(cmake, option));
}

// packaging/cpack.cmake refuses to configure packages of such a build.
TEST(BuildOptions, PackagesAreNotMadeFromATrustingBuild) {
    const std::string cpack = read_repo_file("packaging/cpack.cmake");
    const auto guard = cpack.find("if(CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION)");
    ASSERT_NE(guard, std::string::npos);
    EXPECT_LT(guard, cpack.find("include(CPack)"));
}

}  // namespace
