#include "doctor/check_manifests.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "platform/host_identity.h"

namespace ccp_relogin::doctor {
namespace {

using platform::Browser;
using platform::Scope;

std::string browser_list(const std::vector<Browser>& browsers, const char* separator) {
    std::string text;
    for (auto browser : browsers)
        text += (text.empty() ? "" : separator) + std::string(platform::to_string(browser));
    return text;
}

std::string check_name(const ManifestFile& file) {
    return "manifest " + browser_list(file.browsers, ", ") + " (" +
           std::string(platform::to_string(file.scope)) + ")";
}

std::string origin_of(const std::string& id) { return "chrome-extension://" + id + "/"; }

// How one present manifest was judged.
struct Verdict {
    Status status = Status::kOk;
    bool usable = false;  // a browser reading it can start a host
    std::string summary;
    std::string fix;
};

Verdict not_ours(const ManifestFile& file, const std::string& why,
                 const ManifestExpectations& expect) {
    // install refuses to replace a file that isn't ours, so it must go first.
    return {Status::kFail, false, file.path.string() + " " + why,
            "remove " + file.path.string() + ", then run " +
                install_command(file.browsers, file.scope, expect)};
}

Verdict broken(const ManifestFile& file, const std::string& why,
               const ManifestExpectations& expect) {
    return {Status::kFail, false, file.path.string() + " " + why,
            install_command(file.browsers, file.scope, expect)};
}

// The origins the manifest lets in, compared with the IDs the host trusts.
Verdict judge_origins(const ManifestFile& file, const nlohmann::json& origins,
                      const ManifestExpectations& expect, Verdict verdict) {
    if (!origins.is_array()) return broken(file, "has no allowed_origins list", expect);
    std::vector<std::string> missing;
    for (const auto& id : expect.trusted_ids)
        if (std::find(origins.begin(), origins.end(), origin_of(id)) == origins.end())
            missing.push_back(origin_of(id));
    if (!expect.trusted_ids.empty() && missing.size() == expect.trusted_ids.size())
        return broken(file, "allows none of the extensions the host trusts", expect);
    if (!missing.empty()) {
        std::string list;
        for (const auto& origin : missing) list += (list.empty() ? "" : ", ") + origin;
        verdict.status = Status::kWarn;
        verdict.summary += "; it does not allow " + list;
        verdict.fix = install_command(file.browsers, file.scope, expect);
    }
    return verdict;
}

Verdict judge_present(const ManifestFile& file, const ManifestExpectations& expect,
                      const BinaryInspector& inspect_binary) {
    const auto json = nlohmann::json::parse(file.content, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return not_ours(file, "is not valid JSON", expect);
    if (!json.is_object() || json.value("name", nlohmann::json()) != platform::kHostName)
        return not_ours(file, "is not a manifest of " + std::string(platform::kHostName), expect);
    if (json.value("type", nlohmann::json()) != "stdio")
        return broken(file, "does not say \"type\": \"stdio\"", expect);
    const auto path = json.value("path", nlohmann::json());
    if (!path.is_string() || path.get<std::string>().empty())
        return broken(file, "has no absolute \"path\" to the host program", expect);
    // On Windows (the locations with a registry key) the path may be relative
    // to the manifest's folder: the MSI's names the .exe beside it
    // (docs/facts.md, "Native messaging"). Elsewhere it must be absolute.
    std::filesystem::path named(path.get<std::string>());
    if (!named.is_absolute()) {
        if (!file.registry_key || named.has_root_name() || named.has_root_directory())
            return broken(file, "has no absolute \"path\" to the host program", expect);
        named = file.path.parent_path() / named;
    }
    const std::string program = named.string();
    const BinaryFacts binary = inspect_binary(program);
    if (!binary.exists) return broken(file, "names " + program + ", which does not exist", expect);
    if (!binary.executable)
        return broken(file, "names " + program + ", which is not executable", expect);

    Verdict verdict{Status::kOk, true, file.path.string() + " starts " + program, ""};
    if (!binary.is_this_binary) {
        verdict.status = Status::kWarn;
        verdict.summary +=
            ", not this program (" + expect.program + "); fine if that is the installed copy";
        verdict.fix =
            "to use this program instead: " + install_command(file.browsers, file.scope, expect);
    }
    return judge_origins(file, json.value("allowed_origins", nlohmann::json()), expect, verdict);
}

bool has_usable(const std::vector<ManifestFile>& files, const std::vector<bool>& usable,
                Browser browser) {
    for (std::size_t i = 0; i < files.size(); ++i)
        if (usable[i] && std::count(files[i].browsers.begin(), files[i].browsers.end(), browser))
            return true;
    return false;
}

// A missing manifest is normal when the browser isn't used here or is served
// by its other scope; a missing user manifest of a used browser deserves a
// warning (the overall check fails if no browser at all can start the host).
CheckResult judge_absent(const ManifestFile& file, const std::vector<ManifestFile>& files,
                         const std::vector<bool>& usable, const ManifestExpectations& expect) {
    CheckResult result{
        check_name(file), Status::kSkip, "no manifest at " + file.path.string(), "", {}};
    if (file.scope != Scope::kUser) return result;
    std::vector<Browser> unserved;
    for (auto browser : file.browsers)
        if (expect.used_browsers.count(browser) && !has_usable(files, usable, browser))
            unserved.push_back(browser);
    if (unserved.empty()) return result;
    result.status = Status::kWarn;
    result.summary += "; " + browser_list(unserved, " and ") +
                      " is used by this user but cannot start ccp-relogin";
    result.fix = install_command(unserved, Scope::kUser, expect);
    return result;
}

CheckResult overall(const std::vector<ManifestFile>& files, const std::vector<bool>& usable,
                    const ManifestExpectations& expect) {
    std::vector<std::string> served;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (usable[i])
            served.push_back(browser_list(files[i].browsers, ", ") + " (" +
                             std::string(platform::to_string(files[i].scope)) + ")");
    if (!served.empty()) {
        std::string list;
        for (const auto& s : served) list += (list.empty() ? "" : ", ") + s;
        return {"manifests",
                Status::kOk,
                std::string(platform::kHostName) + " is registered for " + list,
                "",
                {}};
    }
    // Name the browsers the user has; without any, the ones checked.
    std::vector<Browser> targets;
    for (const auto& file : files)
        for (auto browser : file.browsers)
            if (std::find(targets.begin(), targets.end(), browser) == targets.end() &&
                expect.used_browsers.count(browser))
                targets.push_back(browser);
    if (targets.empty())
        for (const auto& file : files)
            for (auto browser : file.browsers)
                if (std::find(targets.begin(), targets.end(), browser) == targets.end())
                    targets.push_back(browser);
    return {"manifests",
            Status::kFail,
            "no browser can start ccp-relogin: no valid registration of " +
                std::string(platform::kHostName) + " was found",
            install_command(targets, Scope::kUser, expect) +
                " (for every user of the machine instead: the same with --scope system, as root)",
            {}};
}

}  // namespace

std::string install_command(const std::vector<Browser>& browsers, Scope scope,
                            const ManifestExpectations& expect) {
    std::string command = (scope == Scope::kSystem && expect.system_needs_root) ? "sudo " : "";
    command += expect.program + " install --browser " + browser_list(browsers, ",") + " --scope " +
               std::string(platform::to_string(scope));
    if (scope == Scope::kUser && expect.user_data_dir)
        command += " --user-data-dir " + expect.user_data_dir->string();
    for (const auto& id : expect.configured_ids) command += " --extension-id " + id;
    return command;
}

namespace {

std::string registry_name(const ManifestFile& file) {
    return std::string(file.scope == Scope::kUser ? "HKCU\\" : "HKLM\\") + *file.registry_key;
}

// On Windows a good file serves nobody unless its registry key names it.
Verdict judge_registration(const ManifestFile& file, Verdict verdict,
                           const ManifestExpectations& expect) {
    if (!verdict.usable || !file.registry_key) return verdict;
    if (file.registered_path && *file.registered_path == file.path) return verdict;
    const std::string why = file.registered_path
                                ? "the registry key " + registry_name(file) + " names " +
                                      file.registered_path->string() + ", not this file"
                                : "the registry key " + registry_name(file) +
                                      " that points the browser at it is missing";
    return {Status::kFail, false, file.path.string() + " is not used: " + why,
            install_command(file.browsers, file.scope, expect)};
}

}  // namespace

std::vector<CheckResult> evaluate_manifests(const std::vector<ManifestFile>& files,
                                            const ManifestExpectations& expect,
                                            const BinaryInspector& inspect_binary) {
    std::vector<Verdict> verdicts(files.size());
    std::vector<bool> usable(files.size(), false);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& file = files[i];
        if (file.state == ManifestFile::State::kPresent)
            verdicts[i] =
                judge_registration(file, judge_present(file, expect, inspect_binary), expect);
        else if (file.state == ManifestFile::State::kUnreadable)
            verdicts[i] = not_ours(file, "cannot be used: " + file.problem, expect);
        usable[i] = verdicts[i].usable;
    }
    std::vector<CheckResult> results;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].state == ManifestFile::State::kAbsent) {
            results.push_back(judge_absent(files[i], files, usable, expect));
            continue;
        }
        const auto& v = verdicts[i];
        results.push_back({check_name(files[i]), v.status, v.summary, v.fix, {}});
    }
    results.push_back(overall(files, usable, expect));
    return results;
}

}  // namespace ccp_relogin::doctor
