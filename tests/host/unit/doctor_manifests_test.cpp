// doctor's manifest checks: judging what was found at each location.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "doctor/check_manifests.h"
#include "platform/extension_ids.h"

namespace ccp_relogin::doctor {
namespace {

using platform::Browser;
using platform::Scope;

constexpr const char* kProgram = "/usr/bin/ccp-relogin";
const std::string kDevId(platform::kDevelopmentExtensionId);
const std::string kStoreId = "abcdefghijklmnopabcdefghijklmnop";

std::string manifest(const std::string& path = kProgram, std::vector<std::string> ids = {kDevId}) {
    nlohmann::json origins = nlohmann::json::array();
    for (const auto& id : ids) origins.push_back("chrome-extension://" + id + "/");
    return nlohmann::json{{"name", "com.ccp_relogin.host"},
                          {"description", "d"},
                          {"path", path},
                          {"type", "stdio"},
                          {"allowed_origins", origins}}
        .dump();
}

ManifestFile file(Browser browser, Scope scope, ManifestFile::State state,
                  const std::string& content = "") {
    const std::string dir = scope == Scope::kUser ? "/home/a/.config/" : "/etc/";
    return {
        {browser}, scope,   dir + std::string(platform::to_string(browser)) + "/m.json",
        state,     content, state == ManifestFile::State::kUnreadable ? "permission denied" : "",
        {},        {}};
}

ManifestExpectations expect(std::set<Browser> used = {}) {
    ManifestExpectations e;
    e.program = kProgram;
    e.trusted_ids = {kDevId};
    e.used_browsers = std::move(used);
    return e;
}

BinaryFacts this_binary(const std::filesystem::path& path) {
    return {path == kProgram || path == "/opt/other", path == kProgram || path == "/opt/other",
            path == kProgram};
}

const CheckResult& find(const std::vector<CheckResult>& results, const std::string& name) {
    for (const auto& r : results)
        if (r.name == name) return r;
    throw std::runtime_error("no result " + name);
}

TEST(DoctorManifests, InstallCommandIsExact) {
    auto e = expect();
    EXPECT_EQ(install_command({Browser::kChrome, Browser::kEdge}, Scope::kUser, e),
              "/usr/bin/ccp-relogin install --browser chrome,edge --scope user");
    EXPECT_EQ(install_command({Browser::kChrome}, Scope::kSystem, e),
              "sudo /usr/bin/ccp-relogin install --browser chrome --scope system");
    e.user_data_dir = "/tmp/udd";
    e.configured_ids = {kStoreId};
    EXPECT_EQ(install_command({Browser::kChromium}, Scope::kUser, e),
              "/usr/bin/ccp-relogin install --browser chromium --scope user --user-data-dir "
              "/tmp/udd --extension-id " +
                  kStoreId);
}

// Windows: a good file the registry key doesn't name serves no browser.
TEST(DoctorManifests, OnWindowsTheRegistryKeyMustNameTheFile) {
    const std::string key = "SOFTWARE\\Google\\Chrome\\NativeMessagingHosts\\com.ccp_relogin.host";
    auto registered =
        file(Browser::kChrome, Scope::kUser, ManifestFile::State::kPresent, manifest());
    registered.registry_key = key;
    registered.registered_path = registered.path;
    auto results = evaluate_manifests({registered}, expect({Browser::kChrome}), this_binary);
    EXPECT_EQ(results[0].status, Status::kOk) << results[0].summary;
    EXPECT_EQ(results.back().status, Status::kOk);

    auto unregistered = registered;
    unregistered.registered_path.reset();
    results = evaluate_manifests({unregistered}, expect({Browser::kChrome}), this_binary);
    EXPECT_EQ(results[0].status, Status::kFail);
    EXPECT_NE(results[0].summary.find("HKCU\\" + key), std::string::npos) << results[0].summary;
    EXPECT_NE(results[0].summary.find("missing"), std::string::npos) << results[0].summary;
    EXPECT_EQ(results[0].fix, "/usr/bin/ccp-relogin install --browser chrome --scope user");
    EXPECT_EQ(results.back().status, Status::kFail);

    auto elsewhere = registered;
    elsewhere.scope = Scope::kSystem;
    elsewhere.registered_path = "C:\\Other\\manifest.json";
    results = evaluate_manifests({elsewhere}, expect({Browser::kChrome}), this_binary);
    EXPECT_EQ(results[0].status, Status::kFail);
    EXPECT_NE(results[0].summary.find("HKLM\\" + key + " names C:\\Other\\manifest.json"),
              std::string::npos)
        << results[0].summary;
}

// Windows: a manifest may name the .exe beside it (the MSI's does); the
// program is then looked for in the manifest's own folder. Elsewhere a
// relative path is broken.
TEST(DoctorManifests, OnWindowsARelativePathIsTheManifestsFolder) {
    std::vector<std::filesystem::path> inspected;
    const BinaryInspector inspector = [&](const std::filesystem::path& path) {
        inspected.push_back(path);
        return BinaryFacts{true, true, true};
    };
    auto msi = file(Browser::kEdge, Scope::kSystem, ManifestFile::State::kPresent,
                    manifest("ccp-relogin.exe"));
    msi.path = "C:/Program Files/ccp-relogin/com.ccp_relogin.host.json";
    msi.registry_key = "SOFTWARE\\Microsoft\\Edge\\NativeMessagingHosts\\com.ccp_relogin.host";
    msi.registered_path = msi.path;
    auto results = evaluate_manifests({msi}, expect(), inspector);
    EXPECT_EQ(results[0].status, Status::kOk) << results[0].summary;
    ASSERT_EQ(inspected.size(), 1u);
    EXPECT_EQ(inspected[0], std::filesystem::path("C:/Program Files/ccp-relogin/ccp-relogin.exe"));

    auto linux_file = file(Browser::kEdge, Scope::kSystem, ManifestFile::State::kPresent,
                           manifest("ccp-relogin"));
    results = evaluate_manifests({linux_file}, expect(), inspector);
    EXPECT_EQ(results[0].status, Status::kFail);
    EXPECT_NE(results[0].summary.find("no absolute \"path\""), std::string::npos)
        << results[0].summary;
}

TEST(DoctorManifests, AValidManifestOfThisProgramIsOk) {
    const auto results = evaluate_manifests(
        {file(Browser::kChromium, Scope::kUser, ManifestFile::State::kPresent, manifest()),
         file(Browser::kChromium, Scope::kSystem, ManifestFile::State::kAbsent)},
        expect({Browser::kChromium}), this_binary);
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].name, "manifest chromium (user)");
    EXPECT_EQ(results[0].status, Status::kOk) << results[0].summary;
    EXPECT_EQ(results[1].status, Status::kSkip);  // the other scope serves it
    EXPECT_EQ(results[2].name, "manifests");
    EXPECT_EQ(results[2].status, Status::kOk);
    EXPECT_NE(results[2].summary.find("chromium (user)"), std::string::npos);
}

TEST(DoctorManifests, NoValidRegistrationAnywhereFailsWithTheInstallCommand) {
    const auto results =
        evaluate_manifests({file(Browser::kChrome, Scope::kUser, ManifestFile::State::kAbsent),
                            file(Browser::kEdge, Scope::kUser, ManifestFile::State::kAbsent)},
                           expect({Browser::kEdge}), this_binary);
    EXPECT_EQ(find(results, "manifest chrome (user)").status, Status::kSkip);  // not used here
    const auto& edge = find(results, "manifest edge (user)");
    EXPECT_EQ(edge.status, Status::kWarn);  // used, but can't start the host
    EXPECT_EQ(edge.fix, "/usr/bin/ccp-relogin install --browser edge --scope user");
    const auto& overall = find(results, "manifests");
    EXPECT_EQ(overall.status, Status::kFail);
    EXPECT_EQ(overall.fix.rfind("/usr/bin/ccp-relogin install --browser edge --scope user", 0), 0u)
        << overall.fix;
}

TEST(DoctorManifests, BrokenManifestsFailAndSayWhy) {
    struct Case {
        std::string content;
        std::string says;
        bool remove_first;
    };
    const std::vector<Case> cases = {
        {"{not json", "is not valid JSON", true},
        {R"({"name":"org.other.host"})", "is not a manifest of com.ccp_relogin.host", true},
        {R"({"name":"com.ccp_relogin.host","type":"stdio"})", "no absolute \"path\"", false},
        {manifest("relative/ccp-relogin"), "no absolute \"path\"", false},
        {manifest("/gone/ccp-relogin"), "/gone/ccp-relogin, which does not exist", false},
        {manifest(kProgram, {kStoreId}), "allows none of the extensions", false},
    };
    for (const auto& c : cases) {
        const auto results = evaluate_manifests(
            {file(Browser::kChrome, Scope::kUser, ManifestFile::State::kPresent, c.content)},
            expect({Browser::kChrome}), this_binary);
        const auto& r = find(results, "manifest chrome (user)");
        EXPECT_EQ(r.status, Status::kFail) << c.content;
        EXPECT_NE(r.summary.find(c.says), std::string::npos) << r.summary;
        EXPECT_EQ(r.fix.rfind("remove ", 0) == 0, c.remove_first) << r.fix;
        EXPECT_NE(r.fix.find("install --browser chrome --scope user"), std::string::npos);
        EXPECT_EQ(find(results, "manifests").status, Status::kFail);
    }
}

TEST(DoctorManifests, UnreadableFileFails) {
    const auto results = evaluate_manifests(
        {file(Browser::kChrome, Scope::kSystem, ManifestFile::State::kUnreadable)}, expect(),
        this_binary);
    const auto& r = find(results, "manifest chrome (system)");
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("permission denied"), std::string::npos);
    EXPECT_NE(r.fix.find("sudo "), std::string::npos);
}

TEST(DoctorManifests, AnotherCopyOfTheProgramWarnsButWorks) {
    const auto results =
        evaluate_manifests({file(Browser::kChrome, Scope::kUser, ManifestFile::State::kPresent,
                                 manifest("/opt/other"))},
                           expect(), this_binary);
    EXPECT_EQ(find(results, "manifest chrome (user)").status, Status::kWarn);
    EXPECT_EQ(find(results, "manifests").status, Status::kOk);
}

TEST(DoctorManifests, AMissingConfiguredExtensionWarnsAndTheFixAddsIt) {
    auto e = expect();
    e.trusted_ids = {kDevId, kStoreId};
    e.configured_ids = {kStoreId};
    const auto results = evaluate_manifests(
        {file(Browser::kEdge, Scope::kUser, ManifestFile::State::kPresent, manifest())}, e,
        this_binary);
    const auto& r = find(results, "manifest edge (user)");
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_NE(r.summary.find("chrome-extension://" + kStoreId + "/"), std::string::npos);
    EXPECT_NE(r.fix.find("--extension-id " + kStoreId), std::string::npos);
}

TEST(DoctorManifests, SharedLocationsNameEveryBrowser) {
    ManifestFile shared{{Browser::kChrome, Browser::kBrave},
                        Scope::kSystem,
                        "/etc/opt/chrome/native-messaging-hosts/com.ccp_relogin.host.json",
                        ManifestFile::State::kPresent,
                        manifest(),
                        "",
                        {},
                        {}};
    const auto results = evaluate_manifests({shared}, expect(), this_binary);
    EXPECT_EQ(results[0].name, "manifest chrome, brave (system)");
    EXPECT_EQ(results[0].status, Status::kOk);
}

}  // namespace
}  // namespace ccp_relogin::doctor
