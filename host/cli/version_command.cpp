#include "cli/version_command.h"

#include <nlohmann/json.hpp>

#include "version.h"

namespace ccp_relogin::cli {

int run_version(std::ostream& out) {
    out << "ccp-relogin " << kVersion << " (" << kBuildType << ", " << kCompiler << ")\n"
        << "nlohmann_json " << NLOHMANN_JSON_VERSION_MAJOR << '.' << NLOHMANN_JSON_VERSION_MINOR
        << '.' << NLOHMANN_JSON_VERSION_PATCH << '\n'
        << "network checks and audit forwarding: ccp-relogin-network version\n";
    return 0;
}

}  // namespace ccp_relogin::cli
