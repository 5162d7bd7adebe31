// `ccp-relogin policy`: every format from the company's configuration file,
// and every bad input refused with exit 2 and nothing on stdout.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/policy_command.h"
#include "config/validate.h"
#include "policy_test_support.h"
#include "support/temp_dir.h"

namespace ccp_relogin::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::kPolicyExtensionId;
using testing::TempDir;

struct Run {
    int code;
    std::string out, err;
};

// The machine file is `machine`; --config F is F.
SourcesResolver sources_with_machine_file(fs::path machine) {
    return [machine](std::optional<fs::path> explicit_file) {
        config::ConfigSources sources;
        sources.explicit_file = std::move(explicit_file);
        sources.machine_file = machine;
        return sources;
    };
}

Run policy(const std::vector<std::string>& args, fs::path machine = "/nonexistent/config.json") {
    std::ostringstream out, err;
    const int code = run_policy(args, sources_with_machine_file(std::move(machine)), out, err);
    return {code, out.str(), err.str()};
}

class PolicyCommand : public ::testing::Test {
  protected:
    TempDir dir;
    fs::path config = dir.write("config.json", testing::two_custom_ccp_config().dump());

    std::vector<std::string> args(const std::string& format) {
        return {"--format",      format,           "--config",
                config.string(), "--extension-id", kPolicyExtensionId};
    }
};

TEST_F(PolicyCommand, ChromeLinuxCarriesTheValidatedConfiguration) {
    const auto run = policy(args("chrome-linux"));
    ASSERT_EQ(run.code, 0) << run.err;
    const json file = json::parse(run.out);
    EXPECT_EQ(file["ExtensionSettings"][kPolicyExtensionId]["update_url"],
              "https://clients2.google.com/service/update2/crx");
    EXPECT_EQ(file["CookiesAllowedForUrls"], json(testing::two_custom_ccp_cookie_entries()));
    const json extension = file["3rdparty"]["extensions"][kPolicyExtensionId];
    json expected = testing::two_custom_ccp_config();
    expected["audit"] = json::object();     // its null left out
    expected.erase("allowedExtensionIds");  // files only
    EXPECT_EQ(extension, expected);
    EXPECT_TRUE(config::validate_config_json(extension, "policy").problems.empty());
}

TEST_F(PolicyCommand, EdgeLinuxUsesEdgeAddOnsOrTheGivenUrl) {
    auto run = policy(args("edge-linux"));
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(json::parse(run.out)["ExtensionSettings"][kPolicyExtensionId]["update_url"],
              "https://edge.microsoft.com/extensionwebstorebase/v1/crx");
    auto with_url = args("edge-linux");
    with_url.insert(with_url.end(), {"--update-url", "https://intranet.example.com/u.xml"});
    run = policy(with_url);
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(json::parse(run.out)["ExtensionSettings"][kPolicyExtensionId]["update_url"],
              "https://intranet.example.com/u.xml");
}

TEST_F(PolicyCommand, RegReadsBackWithTheConfiguration) {
    const auto run = policy(args("reg"));
    ASSERT_EQ(run.code, 0) << run.err;
    const auto import = testing::parse_registry_file(run.out);
    const auto& values = import.keys.at(
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\" +
        std::string(kPolicyExtensionId) + "\\policy");
    EXPECT_EQ(json::parse(values.at("profiles")), testing::two_custom_ccp_config()["profiles"]);
}

TEST_F(PolicyCommand, AdmxWritesBothFilesUnderOut) {
    auto admx = args("admx");
    admx.insert(admx.end(), {"--out", (dir / "gpo").string()});
    const auto run = policy(admx);
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_TRUE(fs::is_regular_file(dir / "gpo" / "ccp-relogin.admx"));
    EXPECT_TRUE(fs::is_regular_file(dir / "gpo" / "en-US" / "ccp-relogin.adml"));
    EXPECT_NE(run.out.find("ccp-relogin.admx"), std::string::npos) << run.out;
}

TEST_F(PolicyCommand, EveryFormatNamesTheNullItLeavesOut) {
    for (const char* format : {"chrome-linux", "reg", "mobileconfig"}) {
        const auto run = policy(args(format));
        ASSERT_EQ(run.code, 0) << format << ": " << run.err;
        EXPECT_NE(run.err.find("audit.forwardUrl is null, left out"), std::string::npos)
            << format << ": " << run.err;
        EXPECT_EQ(run.out.find("forwardUrl"), std::string::npos) << format;
    }
    EXPECT_EQ(policy(args("mobileconfig")).out.rfind("<?xml", 0), 0u);
}

TEST_F(PolicyCommand, WithoutConfigReadsTheMachineFile) {
    const auto run =
        policy({"--format", "chrome-linux", "--extension-id", kPolicyExtensionId}, config);
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(json::parse(run.out)["3rdparty"]["extensions"][kPolicyExtensionId]["profiles"],
              testing::two_custom_ccp_config()["profiles"]);
}

TEST_F(PolicyCommand, LeavesOutBrowserPolicyAndWarnsOfWhatAgentsRefuse) {
    json doc = testing::two_custom_ccp_config();
    doc["browserPolicy"] = {{"maySetAuditForwardUrl", true}};
    doc["audit"]["forwardUrl"] = "https://collector.example.com/audit";
    config = dir.write("config.json", doc.dump());
    const auto run = policy(args("chrome-linux"));
    ASSERT_EQ(run.code, 0) << run.err;
    const json extension = json::parse(run.out)["3rdparty"]["extensions"][kPolicyExtensionId];
    EXPECT_FALSE(extension.contains("browserPolicy"));
    EXPECT_EQ(extension["audit"]["forwardUrl"], "https://collector.example.com/audit");
    EXPECT_NE(run.err.find("note: browserPolicy left out"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("warning: audit.forwardUrl:"), std::string::npos) << run.err;
}

struct BadInput {
    const char* name;
    std::vector<std::string> args;  // "CONFIG" becomes the file's path
    std::string config;             // written to config.json
    std::string message;            // in stderr
};

class PolicyCommandRefuses : public ::testing::TestWithParam<BadInput> {};

TEST_P(PolicyCommandRefuses, WithExit2AndNothingOnStdout) {
    TempDir dir;
    const auto file = dir.write("config.json", GetParam().config);
    std::vector<std::string> args;
    for (const auto& arg : GetParam().args) args.push_back(arg == "CONFIG" ? file.string() : arg);
    const auto run = policy(args);
    EXPECT_EQ(run.code, 2) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_NE(run.err.find(GetParam().message), std::string::npos) << run.err;
}

const std::string kGood = testing::valid_config_document().dump();
const std::string kId = kPolicyExtensionId;

INSTANTIATE_TEST_SUITE_P(
    BadInputs, PolicyCommandRefuses,
    ::testing::Values(
        BadInput{"NoExtensionId",
                 {"--format", "reg", "--config", "CONFIG"},
                 kGood,
                 "give the extension's ID with --extension-id"},
        BadInput{"MalformedExtensionId",
                 {"--format", "reg", "--config", "CONFIG", "--extension-id", "ABC"},
                 kGood,
                 "--extension-id must be 32 letters a-p"},
        BadInput{"UnknownFormat",
                 {"--format", "plist", "--config", "CONFIG", "--extension-id", kId},
                 kGood,
                 "--format must be chrome-linux, edge-linux, reg, admx or mobileconfig"},
        BadInput{"NoFormat",
                 {"--config", "CONFIG", "--extension-id", kId},
                 kGood,
                 "--format is required"},
        BadInput{"HttpUpdateUrl",
                 {"--format", "reg", "--config", "CONFIG", "--extension-id", kId, "--update-url",
                  "http://intranet.example.com/u.xml"},
                 kGood,
                 "--update-url: not an https URL"},
        BadInput{"AdmxWithoutOut",
                 {"--format", "admx", "--config", "CONFIG", "--extension-id", kId},
                 kGood,
                 "give the folder with --out DIR"},
        BadInput{"OutWithoutAdmx",
                 {"--format", "reg", "--config", "CONFIG", "--extension-id", kId, "--out", "/tmp"},
                 kGood,
                 "--out goes with --format admx"},
        BadInput{"UnreadableConfig",
                 {"--format", "reg", "--config", "/nonexistent/c.json", "--extension-id", kId},
                 kGood,
                 "/nonexistent/c.json: file not found"},
        BadInput{"NotJson",
                 {"--format", "reg", "--config", "CONFIG", "--extension-id", kId},
                 "{",
                 "not valid JSON"},
        BadInput{"InvalidConfig",
                 {"--format", "reg", "--config", "CONFIG", "--extension-id", kId},
                 R"({"profiles": [], "relogin": {"mood": "tab"}})",
                 "relogin.mood: unknown key"},
        BadInput{"NoProfiles",
                 {"--format", "chrome-linux", "--config", "CONFIG", "--extension-id", kId},
                 R"({"relogin": {"mode": "tab"}})",
                 "profiles: no profile configured"},
        BadInput{"NoConfigAtAll",
                 {"--format", "reg", "--extension-id", kId},
                 kGood,
                 "/nonexistent/config.json: file not found"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ccp_relogin::cli
