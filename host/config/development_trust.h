#pragma once
// Whether the host trusts the development extension's ID
// (platform/extension_ids.h). Its key is public, so any unpacked copy of the
// extension has that ID. A development build (CMake option
// CCP_RELOGIN_TRUST_DEVELOPMENT_EXTENSION) trusts it by itself; a release
// build only when `ccp-relogin install --trust-development-extension` left
// its marker file beside the user's or the machine's configuration file, a
// place only that user (or root) can write, like the files themselves. A
// file's `allowedExtensionIds` may still list the ID like any other.
//
// A marker rather than an entry in a config file: install would have to
// rewrite the administrator's JSON, and the user file's list would replace
// the machine file's (arrays merge whole), dropping the machine's IDs.
#include <filesystem>
#include <string>

#include "config/loader.h"
#include "platform/browsers.h"

namespace ccp_relogin::config {

inline constexpr const char* kDevelopmentTrustMarker = "trust-development-extension";

// The marker of `scope`: beside the user file (user) or the machine file
// (system); empty when that file's place is unknown.
std::filesystem::path development_trust_marker(const ConfigSources& sources, platform::Scope scope);

struct DevelopmentExtensionTrust {
    bool trusted = false;
    std::string reason;            // why, or why not: one phrase for doctor
    std::filesystem::path marker;  // the marker that grants it, when that is why
};

// `build_trusts`: kBuildTrustsDevelopmentExtension (version.h), a parameter
// so both kinds of build are testable. A marker counts when it is a regular
// file (or a link to one).
DevelopmentExtensionTrust development_extension_trust(const ConfigSources& sources,
                                                      bool build_trusts);

}  // namespace ccp_relogin::config
