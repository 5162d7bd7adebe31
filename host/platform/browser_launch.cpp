#include "platform/browser_launch.h"

#include <unistd.h>

#include <system_error>

#include "platform/child_process.h"

namespace ccp_relogin::platform {

std::optional<std::filesystem::path> find_command(const std::filesystem::path& command,
                                                  std::string_view path_env,
                                                  const IsExecutable& is_executable) {
    if (command.is_absolute())
        return is_executable(command) ? std::optional(command) : std::nullopt;
    if (command.empty() || command.has_parent_path()) return std::nullopt;
    for (std::size_t start = 0; start <= path_env.size();) {
        const auto end = std::min(path_env.find(':', start), path_env.size());
        const std::filesystem::path dir(path_env.substr(start, end - start));
        if (dir.is_absolute() && is_executable(dir / command)) return dir / command;
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<std::filesystem::path> browser_program(const std::optional<std::string>& choice,
                                                     System system, std::string_view path_env,
                                                     const IsExecutable& is_executable) {
    const auto first_of = [&](Browser browser) -> std::optional<std::filesystem::path> {
        for (const auto& command : browser_commands(browser, system))
            if (auto found = find_command(command, path_env, is_executable)) return found;
        return std::nullopt;
    };
    if (choice) {
        if (const auto named = parse_browser(*choice)) return first_of(*named);
        const std::filesystem::path path(*choice);
        return path.is_absolute() ? find_command(path, path_env, is_executable) : std::nullopt;
    }
    for (const Browser browser : kAllBrowsers)
        if (auto found = first_of(browser)) return found;
    return std::nullopt;
}

bool is_executable_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

void launch_browser(const std::filesystem::path& program, const std::string& url) {
    // The object only reaps the child if it has ended by the time it goes;
    // the browser itself keeps running in its own session.
    const DetachedChild browser(program, {url}, /*keep_stderr=*/false);
}

}  // namespace ccp_relogin::platform
