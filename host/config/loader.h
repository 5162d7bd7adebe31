#pragma once
// Where the configuration comes from, and loading it. Sources, highest first:
//   1. browser policy (managed storage, passed in the extension's `hello`);
//   2. the explicit file: `--config F`, else the env CCP_RELOGIN_CONFIG;
//   3. the user file: $XDG_CONFIG_HOME/ccp-relogin/config.json
//      (~/.config/ccp-relogin/config.json when XDG_CONFIG_HOME is unset or relative;
//      %APPDATA%\ccp-relogin\config.json on Windows);
//   4. the machine file: /etc/ccp-relogin/config.json
//      (macOS /Library/Application Support/ccp-relogin/config.json,
//       Windows %ProgramData%\ccp-relogin\config.json).
// Every source present is merged (see merge.h). A missing user or machine file
// is normal; a missing explicit file is a problem.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/layers.h"

namespace ccp_relogin::config {

struct ConfigSources {
    std::optional<std::filesystem::path> explicit_file;
    std::filesystem::path user_file;     // empty when no home directory is known
    std::filesystem::path machine_file;  // empty when unknown (Windows without ProgramData)
};

// The environment values the sources depend on (unset = nullopt), so the
// choice of paths is testable without touching the real environment.
struct ConfigEnvironment {
    std::optional<std::string> ccp_relogin_config;  // CCP_RELOGIN_CONFIG
    std::optional<std::string> xdg_config_home;     // XDG_CONFIG_HOME
    std::optional<std::string> home;                // HOME (USERPROFILE on Windows)
    std::optional<std::string> app_data;            // APPDATA (Windows)
    std::optional<std::string> program_data;        // ProgramData (Windows)
};

ConfigEnvironment read_config_environment();

// Pure: the sources for the given environment; `cli_override` (`--config F`)
// beats CCP_RELOGIN_CONFIG. Empty variables count as unset.
ConfigSources config_sources_for(const ConfigEnvironment& env,
                                 std::optional<std::filesystem::path> cli_override);

// config_sources_for(read_config_environment(), cli_override).
ConfigSources default_config_sources(std::optional<std::filesystem::path> cli_override);

// `policy` may be null (no managed configuration). JSON null counts as absent too.
LoadedConfig load_config(const ConfigSources& sources, const nlohmann::json* policy);

}  // namespace ccp_relogin::config
