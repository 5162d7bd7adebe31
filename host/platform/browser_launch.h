#pragma once
// `ccp-relogin relogin --launch`: which program starts the agent's browser,
// and starting it at one URL so that it outlives the command. Finding the
// program is pure (the PATH and the executable check are handed in); only
// launch_browser starts a process.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/browsers.h"
#include "platform/system.h"

namespace ccp_relogin::platform {

using IsExecutable = std::function<bool(const std::filesystem::path&)>;

// `command` as it would run: an absolute path as it is (if executable), a
// bare name found in one of PATH's absolute directories (the first that has
// it). Relative directories in PATH and names with a "/" that are not
// absolute are never used: where they point depends on the current directory.
std::optional<std::filesystem::path> find_command(const std::filesystem::path& command,
                                                  std::string_view path_env,
                                                  const IsExecutable& is_executable);

// The browser to start. `choice` (--browser): a name of the browsers table
// (browsers.h: chrome, chromium, edge, brave) or an absolute path to an
// executable (a wrapper script, a browser elsewhere); without it the first
// browser of kAllBrowsers that is installed. nullopt when none is found; a
// name that is neither gives nullopt too (the caller says which).
// `search_path` (browser_search_path): where the table's commands are looked
// for: on Linux and macOS $PATH, on Windows the install folders, in order,
// separated by ';' (Windows's PATH separator), under which the table names
// each browser's executable.
std::optional<std::filesystem::path> browser_program(const std::optional<std::string>& choice,
                                                     System system, std::string_view search_path,
                                                     const IsExecutable& is_executable);

// An environment variable's value, nullopt when unset (tests hand in fakes).
using GetEnv = std::function<std::optional<std::string>(const char* name)>;

// Pure: browser_program's `search_path` on `system`: $PATH, or on Windows
// %ProgramFiles%;%ProgramFiles(x86)%;%LOCALAPPDATA% (machine-wide installs
// first; those that are set). browser_search_path() reads our environment.
std::string browser_search_path(System system, const GetEnv& env);
std::string browser_search_path();

// True for a regular file this user may execute (Windows has no execute
// permission to ask for: a regular file there; CreateProcessW refuses what is
// no program). posix_browser_launch.cpp, windows_browser_launch.cpp.
bool is_executable_file(const std::filesystem::path& path);

// Starts `program url` in a session of its own, stdin, stdout and stderr on
// /dev/null, not waited for: the browser outlives the command that started
// it (DetachedChild, child_process.h). Throws std::system_error when it
// cannot be started.
void launch_browser(const std::filesystem::path& program, const std::string& url);

}  // namespace ccp_relogin::platform
