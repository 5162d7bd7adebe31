#include "platform/browser_launch.h"

#include <cstdlib>
#include <system_error>

#include "platform/child_process.h"

namespace ccp_relogin::platform {
namespace {

// The first absolute directory of `dirs` (separated by `separator`) that has
// `command`.
std::optional<std::filesystem::path> find_under(const std::filesystem::path& command,
                                                std::string_view dirs, char separator,
                                                const IsExecutable& is_executable) {
    for (std::size_t start = 0; start <= dirs.size();) {
        const auto end = std::min(dirs.find(separator, start), dirs.size());
        const std::filesystem::path dir(dirs.substr(start, end - start));
        if (dir.is_absolute() && is_executable(dir / command)) return dir / command;
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::filesystem::path> find_command(const std::filesystem::path& command,
                                                  std::string_view path_env,
                                                  const IsExecutable& is_executable) {
    if (command.is_absolute())
        return is_executable(command) ? std::optional(command) : std::nullopt;
    if (command.empty() || command.has_parent_path()) return std::nullopt;
    return find_under(command, path_env, ':', is_executable);
}

std::optional<std::filesystem::path> browser_program(const std::optional<std::string>& choice,
                                                     System system, std::string_view search_path,
                                                     const IsExecutable& is_executable) {
    const auto first_of = [&](Browser browser) -> std::optional<std::filesystem::path> {
        for (const auto& command : browser_commands(browser, system)) {
            // The table's Windows paths are relative to an install folder
            // (never a user's: --browser must be absolute).
            auto found = system == System::kWindows
                             ? find_under(command, search_path, ';', is_executable)
                             : find_command(command, search_path, is_executable);
            if (found) return found;
        }
        return std::nullopt;
    };
    if (choice) {
        if (const auto named = parse_browser(*choice)) return first_of(*named);
        const std::filesystem::path path(*choice);
        return path.is_absolute() ? find_command(path, search_path, is_executable) : std::nullopt;
    }
    for (const Browser browser : kAllBrowsers)
        if (auto found = first_of(browser)) return found;
    return std::nullopt;
}

std::string browser_search_path(System system, const GetEnv& env) {
    if (system != System::kWindows) return env("PATH").value_or("");
    std::string dirs;
    for (const char* name : {"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"})
        if (const auto dir = env(name); dir && !dir->empty())
            dirs += (dirs.empty() ? "" : ";") + *dir;
    return dirs;
}

std::string browser_search_path() {
    return browser_search_path(kThisSystem, [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    });
}

void launch_browser(const std::filesystem::path& program, const std::string& url) {
    // The object only reaps the child if it has ended by the time it goes;
    // the browser itself keeps running in its own session.
    const DetachedChild browser(program, {url}, /*keep_stderr=*/false);
}

}  // namespace ccp_relogin::platform
