#include "config/loader.h"

#include <algorithm>
#include <cstdlib>

#include "config/config_file.h"

namespace ccp_relogin::config {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

// Empty variables count as unset (a common way to "clear" one in scripts).
std::optional<std::string> non_empty(const std::optional<std::string>& value) {
    if (!value || value->empty()) return std::nullopt;
    return value;
}

fs::path user_file_for(const ConfigEnvironment& e) {
    const fs::path tail = fs::path("ccp-relogin") / "config.json";
#ifdef _WIN32
    if (auto app_data = non_empty(e.app_data)) return fs::path(*app_data) / tail;
    if (auto home = non_empty(e.home)) return fs::path(*home) / "AppData" / "Roaming" / tail;
#else
    // The XDG spec says relative values are invalid and must be ignored.
    if (auto xdg = non_empty(e.xdg_config_home); xdg && fs::path(*xdg).is_absolute())
        return fs::path(*xdg) / tail;
    if (auto home = non_empty(e.home)) return fs::path(*home) / ".config" / tail;
#endif
    return {};
}

fs::path machine_file_for([[maybe_unused]] const ConfigEnvironment& e) {
    const fs::path tail = fs::path("ccp-relogin") / "config.json";
#if defined(_WIN32)
    if (auto program_data = non_empty(e.program_data)) return fs::path(*program_data) / tail;
    return {};
#elif defined(__APPLE__)
    return fs::path("/Library/Application Support") / tail;
#else
    return fs::path("/etc") / tail;
#endif
}

// Precedence rank of a problem's source, so problems list in source order.
std::size_t rank_of(const std::vector<std::string>& order, const std::string& source) {
    const auto it = std::find(order.begin(), order.end(), source);
    return static_cast<std::size_t>(it - order.begin());
}

}  // namespace

ConfigEnvironment read_config_environment() {
    ConfigEnvironment e;
    e.ccp_relogin_config = env("CCP_RELOGIN_CONFIG");
    e.xdg_config_home = env("XDG_CONFIG_HOME");
#ifdef _WIN32
    e.home = env("USERPROFILE");
    e.app_data = env("APPDATA");
    e.program_data = env("ProgramData");
#else
    e.home = env("HOME");
#endif
    return e;
}

ConfigSources config_sources_for(const ConfigEnvironment& env,
                                 std::optional<fs::path> cli_override) {
    ConfigSources sources;
    if (cli_override && !cli_override->empty())
        sources.explicit_file = std::move(cli_override);
    else if (auto from_env = non_empty(env.ccp_relogin_config))
        sources.explicit_file = fs::path(*from_env);
    sources.user_file = user_file_for(env);
    sources.machine_file = machine_file_for(env);
    return sources;
}

ConfigSources default_config_sources(std::optional<fs::path> cli_override) {
    return config_sources_for(read_config_environment(), std::move(cli_override));
}

LoadedConfig load_config(const ConfigSources& sources, const nlohmann::json* policy) {
    std::vector<ConfigLayer> layers;
    std::vector<Problem> file_problems;
    std::vector<std::string> read_sources;  // every source that exists, parsed or not

    if (policy != nullptr && !policy->is_null()) {
        layers.push_back(ConfigLayer{kPolicySource, *policy});
        read_sources.push_back(kPolicySource);
    }
    auto add_file = [&](const fs::path& path, FileRequirement requirement) {
        if (path.empty()) return;
        auto read = read_config_file(path, requirement);
        if (read.document || !read.problems.empty()) read_sources.push_back(path.string());
        if (read.document) layers.push_back(ConfigLayer{path.string(), std::move(*read.document)});
        file_problems.insert(file_problems.end(), read.problems.begin(), read.problems.end());
    };
    if (sources.explicit_file) add_file(*sources.explicit_file, FileRequirement::kRequired);
    add_file(sources.user_file, FileRequirement::kOptional);
    add_file(sources.machine_file, FileRequirement::kOptional);

    LoadedConfig loaded = assemble_config(layers);
    loaded.sources = read_sources;
    loaded.problems.insert(loaded.problems.begin(), file_problems.begin(), file_problems.end());
    // Group problems by source, highest first; merged-result problems come last.
    std::stable_sort(loaded.problems.begin(), loaded.problems.end(),
                     [&](const Problem& a, const Problem& b) {
                         return rank_of(read_sources, a.source) < rank_of(read_sources, b.source);
                     });
    return loaded;
}

}  // namespace ccp_relogin::config
