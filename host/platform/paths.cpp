#include "platform/paths.h"

#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

#if defined(__APPLE__)
#include <mach-o/dyld.h>

#include <vector>
#elif defined(_WIN32)
#include <windows.h>

#include <vector>
#endif

namespace ccp_relogin::platform {
namespace {

constexpr const char* kAppDirName = "ccp-relogin";

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

bool usable(const std::optional<std::string>& value) { return value && !value->empty(); }

// On Windows an absolute path has a drive or UNC root, which
// std::filesystem on Linux doesn't recognise; accept those spellings too so
// the pure function answers the same everywhere.
bool is_absolute_for(const std::string& path, System system) {
    if (system != System::kWindows) return !path.empty() && path.front() == '/';
    const bool drive = path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) &&
                       path[1] == ':' && (path[2] == '\\' || path[2] == '/');
    const bool unc = path.rfind("\\\\", 0) == 0;
    return drive || unc;
}

}  // namespace

std::filesystem::path state_dir_for(const StateDirEnv& e, System system) {
    if (usable(e.stateDirOverride)) {
        if (!is_absolute_for(*e.stateDirOverride, system))
            throw std::runtime_error("CCP_RELOGIN_STATE_DIR must be an absolute path, not \"" +
                                     *e.stateDirOverride + "\"");
        return *e.stateDirOverride;
    }
    switch (system) {
        case System::kLinux:
            // The XDG spec says relative values are invalid and must be ignored.
            if (usable(e.xdgStateHome) && is_absolute_for(*e.xdgStateHome, system))
                return std::filesystem::path(*e.xdgStateHome) / kAppDirName;
            if (usable(e.home) && is_absolute_for(*e.home, system))
                return std::filesystem::path(*e.home) / ".local" / "state" / kAppDirName;
            break;
        case System::kMacOS:
            if (usable(e.home) && is_absolute_for(*e.home, system))
                return std::filesystem::path(*e.home) / "Library" / "Application Support" /
                       kAppDirName;
            break;
        case System::kWindows:
            if (usable(e.localAppData) && is_absolute_for(*e.localAppData, system))
                return *e.localAppData + "\\" + kAppDirName;
            break;
    }
    throw std::runtime_error(
        "cannot find a state directory: set CCP_RELOGIN_STATE_DIR or HOME (LOCALAPPDATA on "
        "Windows)");
}

StateDirEnv state_dir_env_from_process() {
    return StateDirEnv{env("CCP_RELOGIN_STATE_DIR"), env("XDG_STATE_HOME"), env("HOME"),
                       env("LOCALAPPDATA")};
}

std::filesystem::path state_dir() {
    return state_dir_for(state_dir_env_from_process(), kThisSystem);
}

std::filesystem::path current_executable() {
#if defined(__APPLE__)
    uint32_t size = 0;
    _NSGetExecutablePath(nullptr, &size);
    std::vector<char> buffer(size + 1, '\0');
    if (_NSGetExecutablePath(buffer.data(), &size) != 0)
        throw std::runtime_error("cannot find the path of this program");
    return std::filesystem::canonical(buffer.data());
#elif defined(_WIN32)
    std::vector<wchar_t> buffer(32768, L'\0');
    DWORD length = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (length == 0 || length >= buffer.size())
        throw std::runtime_error("cannot find the path of this program");
    return std::filesystem::path(std::wstring(buffer.data(), length));
#else
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) throw std::runtime_error("cannot find the path of this program: " + ec.message());
    return path;
#endif
}

}  // namespace ccp_relogin::platform
