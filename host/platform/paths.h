#pragma once
// Where the host keeps its state and audit log, and where its own binary is.
#include <filesystem>
#include <optional>
#include <string>

#include "platform/system.h"

namespace ccp_relogin::platform {

// The environment values the state directory depends on (unset = nullopt).
struct StateDirEnv {
    std::optional<std::string> stateDirOverride;  // CCP_RELOGIN_STATE_DIR
    std::optional<std::string> xdgStateHome;      // XDG_STATE_HOME (Linux)
    std::optional<std::string> home;              // HOME (Linux, macOS)
    std::optional<std::string> localAppData;      // LOCALAPPDATA (Windows)
};

// Pure: the state directory for these values on `system`.
//  - CCP_RELOGIN_STATE_DIR if set and non-empty (must be absolute);
//  - Linux: $XDG_STATE_HOME/ccp-relogin (if absolute, as the XDG spec asks),
//    else $HOME/.local/state/ccp-relogin;
//  - macOS: $HOME/Library/Application Support/ccp-relogin;
//  - Windows: %LOCALAPPDATA%\ccp-relogin.
// Throws std::runtime_error (one clear sentence) if nothing usable is set.
std::filesystem::path state_dir_for(const StateDirEnv& env, System system);

// Reads the environment of this process.
StateDirEnv state_dir_env_from_process();

// state_dir_for(state_dir_env_from_process(), kThisSystem).
std::filesystem::path state_dir();

// The absolute path of the running binary (what a host manifest's `path`
// must name). Throws std::runtime_error if the system can't say.
std::filesystem::path current_executable();

}  // namespace ccp_relogin::platform
