#include "platform/manifest_installer.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "base/extension_id.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "platform/posix_fd.h"
#endif

namespace ccp_relogin::platform {
namespace {

// A manifest is a few hundred bytes; anything much larger at our file name
// is not ours, and is not worth reading.
constexpr std::uintmax_t kMaxManifestBytes = 64 * 1024;

std::string origin_for(std::string_view id) {
    return "chrome-extension://" + std::string(id) + "/";
}

// The file at `path` parsed as JSON; nullopt if it is absent. Throws if it
// exists but can't be read or isn't ours to touch.
std::optional<nlohmann::json> read_existing(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxManifestBytes)
        throw std::runtime_error(path.string() +
                                 " exists and is not a ccp-relogin manifest; left it alone");
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !is_our_manifest(json))
        throw std::runtime_error(path.string() +
                                 " exists and is not a ccp-relogin manifest; left it alone");
    return json;
}

// Write to a temporary file in the same directory, then rename over the
// target: a browser reading the manifest sees the old or the new file, never
// half of one.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
    const auto temp = std::filesystem::path(path.string() + ".tmp");
#ifdef _WIN32
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp.string());
    }
#else
    {
        // 0644: for the system scope the browser runs as another user and must read it.
        // fchmod too, because the umask may have narrowed the mode given to open().
        auto fd = open_no_follow(temp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        write_all(fd.get(), text, temp);
        if (::fchmod(fd.get(), 0644) != 0 || ::fsync(fd.get()) != 0)
            throw std::system_error(errno, std::generic_category(),
                                    "cannot flush " + temp.string());
    }
#endif
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        throw std::runtime_error("cannot replace " + path.string() + ": " + ec.message());
    }
}

#ifdef _WIN32
// The browser reads the key's default value: the full path of the manifest.
HKEY registry_root(Scope scope) {
    return scope == Scope::kUser ? HKEY_CURRENT_USER : HKEY_LOCAL_MACHINE;
}

void register_manifest(const std::string& key, Scope scope, const std::filesystem::path& manifest) {
    const std::wstring wkey = std::filesystem::path(key).wstring();
    const std::wstring value = manifest.wstring();
    HKEY handle = nullptr;
    if (RegCreateKeyExW(registry_root(scope), wkey.c_str(), 0, nullptr, 0, KEY_SET_VALUE, nullptr,
                        &handle, nullptr) != ERROR_SUCCESS)
        throw std::runtime_error("cannot create the registry key " + key);
    const auto rc =
        RegSetValueExW(handle, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                       static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(handle);
    if (rc != ERROR_SUCCESS) throw std::runtime_error("cannot set the registry key " + key);
}

// The key's default value; nullopt when the key or the value is missing.
std::optional<std::filesystem::path> registered_value(const std::string& key, Scope scope) {
    const std::wstring wkey = std::filesystem::path(key).wstring();
    std::wstring value(32768, L'\0');  // a registry string's limit, in characters
    DWORD size = static_cast<DWORD>(value.size() * sizeof(wchar_t));
    if (RegGetValueW(registry_root(scope), wkey.c_str(), nullptr, RRF_RT_REG_SZ, nullptr,
                     value.data(), &size) != ERROR_SUCCESS)
        return std::nullopt;
    value.resize(size / sizeof(wchar_t) > 0 ? size / sizeof(wchar_t) - 1 : 0);  // less the NUL
    return std::filesystem::path(value);
}

// Deletes the key only if it points at our manifest.
void unregister_manifest(const std::string& key, Scope scope,
                         const std::filesystem::path& manifest) {
    if (registered_value(key, scope) == manifest)
        RegDeleteKeyW(registry_root(scope), std::filesystem::path(key).wstring().c_str());
}
#endif

// Judged as text, since the system may not be this one (packages for
// Windows are built on Linux).
bool is_host_path(std::string_view path, System system) {
    if (path.empty() || path.find('\0') != std::string_view::npos) return false;
    if (system != System::kWindows) return path.front() == '/';
    const bool drive = path.size() > 3 && std::isalpha(static_cast<unsigned char>(path[0])) &&
                       path[1] == ':' && (path[2] == '\\' || path[2] == '/');
    const bool unc = path.size() > 2 && path.substr(0, 2) == "\\\\";
    const bool file_name_alone =
        path.find_first_of("\\/:") == std::string_view::npos && path != "." && path != "..";
    return drive || unc || file_name_alone;
}

}  // namespace

std::string manifest_file_name() { return std::string(kHostName) + ".json"; }

nlohmann::json build_manifest(std::string_view hostPath,
                              const std::vector<std::string>& extensionIds, System system) {
    if (!is_host_path(hostPath, system))
        throw std::invalid_argument(
            std::string(system == System::kWindows
                            ? "the host path must be absolute or a file name alone, not \""
                            : "the host path must be absolute, not \"") +
            std::string(hostPath) + "\"");
    nlohmann::json origins = nlohmann::json::array();
    auto add = [&](std::string_view id) {
        const auto origin = origin_for(id);
        if (std::find(origins.begin(), origins.end(), origin) == origins.end())
            origins.push_back(origin);
    };
    for (const auto& id : extensionIds) {
        if (!base::is_extension_id(id))
            throw std::invalid_argument("\"" + id +
                                        "\" is not an extension ID (32 letters a to p)");
        add(id);
    }
    return {{"name", kHostName},
            {"description", kHostDescription},
            {"path", std::string(hostPath)},
            {"type", "stdio"},
            {"allowed_origins", std::move(origins)}};
}

nlohmann::json build_manifest(const std::filesystem::path& hostPath,
                              const std::vector<std::string>& extensionIds) {
    // install names its own binary: always by its full path.
    if (!hostPath.is_absolute())
        throw std::invalid_argument("the host path must be absolute, not \"" + hostPath.string() +
                                    "\"");
    return build_manifest(hostPath.string(), extensionIds, kThisSystem);
}

bool is_our_manifest(const nlohmann::json& manifest) {
    return manifest.is_object() && manifest.value("name", "") == kHostName;
}

std::filesystem::path manifest_path(const ManifestLocation& location) {
    return location.directory / manifest_file_name();
}

InstallOutcome install_manifest(const ManifestLocation& location, [[maybe_unused]] Scope scope,
                                const nlohmann::json& manifest) {
    const auto path = manifest_path(location);
    std::error_code ec;
    std::filesystem::create_directories(location.directory, ec);
    if (ec)
        throw std::runtime_error("cannot create " + location.directory.string() + ": " +
                                 ec.message());
    const auto existing = read_existing(path);
    const bool unchanged = existing && *existing == manifest;
    if (!unchanged) write_atomically(path, manifest.dump(2) + "\n");
#ifdef _WIN32
    if (location.registryKey) register_manifest(*location.registryKey, scope, path);
#endif
    return unchanged ? InstallOutcome::kUnchanged : InstallOutcome::kWritten;
}

UninstallOutcome uninstall_manifest(const ManifestLocation& location,
                                    [[maybe_unused]] Scope scope) {
    const auto path = manifest_path(location);
#ifdef _WIN32
    if (location.registryKey) unregister_manifest(*location.registryKey, scope, path);
#endif
    if (!read_existing(path)) return UninstallOutcome::kAbsent;
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec) throw std::runtime_error("cannot remove " + path.string() + ": " + ec.message());
    return UninstallOutcome::kRemoved;
}

std::optional<std::filesystem::path> registered_manifest(const ManifestLocation& location,
                                                         Scope scope) {
#ifdef _WIN32
    if (location.registryKey) return registered_value(*location.registryKey, scope);
#else
    (void)location;
    (void)scope;
#endif
    return std::nullopt;
}

}  // namespace ccp_relogin::platform
