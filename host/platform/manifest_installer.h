#pragma once
// The native-messaging host manifest: building it, writing it where a browser
// looks (atomically, idempotently), and removing it again (only if it is ours).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/browsers.h"
#include "platform/host_identity.h"

namespace ccp_relogin::platform {

// "<kHostName>.json"
std::string manifest_file_name();

// The manifest JSON for a browser on `system`. `hostPath` must be absolute
// there (on Windows "C:\\…" or "\\\\server\\…"); on Windows it may also be
// a bare file name, which the browser finds in the manifest's own folder
// (docs/facts.md, "Native messaging"). `extensionIds` are the IDs allowed
// (duplicates dropped, order kept), each checked with base::is_extension_id:
// none by itself, not even the development ID, which install adds only
// where the host trusts it. Throws std::invalid_argument on bad input.
// `install` and `manifest` (the packages' files) both build it here.
nlohmann::json build_manifest(std::string_view hostPath,
                              const std::vector<std::string>& extensionIds, System system);
// The same for this system, `hostPath` absolute (install's own binary).
nlohmann::json build_manifest(const std::filesystem::path& hostPath,
                              const std::vector<std::string>& extensionIds);

// True if `manifest` is one we wrote (its `name` is kHostName).
bool is_our_manifest(const nlohmann::json& manifest);

enum class InstallOutcome { kWritten, kUnchanged };
enum class UninstallOutcome { kRemoved, kAbsent };

// Writes `manifest` to <location.directory>/<manifest_file_name()> (creating
// the directory; file mode 0644, since the browser may run as another user for
// the system scope), then, on Windows, the registry value. Replaces only a
// missing file or one of ours. Throws std::runtime_error (one sentence) on
// failure.
InstallOutcome install_manifest(const ManifestLocation& location, Scope scope,
                                const nlohmann::json& manifest);

// Removes our manifest file (and, on Windows, the registry key if it points at
// it). A file of that name that isn't ours is left alone: std::runtime_error.
UninstallOutcome uninstall_manifest(const ManifestLocation& location, Scope scope);

std::filesystem::path manifest_path(const ManifestLocation& location);

// Windows: the manifest path `location`'s registry key names (its default
// value, under HKCU or HKLM for `scope`); nullopt when there is no such key
// or value. Elsewhere, and for a location without a key: nullopt.
std::optional<std::filesystem::path> registered_manifest(const ManifestLocation& location,
                                                         Scope scope);

}  // namespace ccp_relogin::platform
