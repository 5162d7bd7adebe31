#pragma once
// `ccp-relogin manifest` (synopsis: cli/commands.cpp): the native-messaging
// host manifest as the packages ship it, built from the same browsers ×
// systems table and the same builder as `install` (platform/browsers.h,
// platform/manifest_installer.h), so a package's files and an installed
// host's agree. Run at build time, also for another system than this one:
//   - by default, prints the manifest JSON;
//   - with --root DIR, writes each browser's system-wide manifest file under
//     DIR (a package's staging tree), once per location (Brave reads
//     Chrome's), and names each file on stdout;
//   - with --locations, prints where each browser finds the system-wide
//     manifest as JSON: the file, and on Windows the registry key.
#include <ostream>
#include <string>
#include <vector>

namespace ccp_relogin::cli {

int run_manifest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
