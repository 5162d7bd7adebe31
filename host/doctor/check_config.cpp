#include "doctor/check_config.h"

#include "config/problem_text.h"

namespace ccp_relogin::doctor {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::string profiles_phrase(const config::Config& config) {
    std::vector<std::string> names;
    for (const auto& profile : config.profiles) names.push_back(profile.name);
    const auto n = names.size();
    return std::to_string(n) + (n == 1 ? " profile (" : " profiles (") + joined(names) + ")";
}

std::string looked_at(const config::ConfigSources& sources) {
    std::vector<std::string> files;
    if (sources.explicit_file) files.push_back(sources.explicit_file->string());
    for (const auto& file : {sources.user_file, sources.machine_file})
        if (!file.empty()) files.push_back(file.string());
    return joined(files);
}

std::string example_location(const config::ConfigSources& sources) {
    return sources.machine_file.empty() ? std::string("a config file")
                                        : sources.machine_file.string();
}

}  // namespace

CheckResult evaluate_config(const config::ConfigSources& sources,
                            const config::LoadedConfig& loaded) {
    CheckResult result{"config", Status::kOk, "", "", {}};
    // Always with the source: the helpdesk must know which file to open.
    for (const auto& problem : loaded.problems)
        result.details.push_back(config::format_problem(problem, true));

    if (loaded.sources.empty()) {
        result.status = Status::kFail;
        result.summary = "no configuration found (looked for " + looked_at(sources) + ")";
        result.fix = "write the company configuration to " + example_location(sources) +
                     " (example: manifests/config.example.json), or set CCP_RELOGIN_CONFIG";
        return result;
    }
    const std::string from = " from " + joined(loaded.sources);
    if (loaded.config.profiles.empty()) {
        result.status = Status::kFail;
        result.summary = "no usable profile" + from + "; " +
                         std::to_string(loaded.problems.size()) + " problem(s)";
        result.fix =
            "correct the lines above in the file each names (ccp-relogin check-config lists them "
            "again)";
        return result;
    }
    result.summary = profiles_phrase(loaded.config) + from;
    if (!loaded.problems.empty()) {
        result.status = Status::kWarn;
        result.summary += "; " + std::to_string(loaded.problems.size()) +
                          " problem(s) made the host ignore parts of it";
        result.fix = "correct the lines above (ccp-relogin check-config lists them again)";
    }
    return result;
}

}  // namespace ccp_relogin::doctor
