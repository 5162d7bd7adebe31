#include "cli/version_command.h"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <nlohmann/json.hpp>

#include "version.h"

namespace ccp_relogin::cli {

int run_version(std::ostream& out) {
    out << "ccp-relogin " << kVersion << " (" << kBuildType << ", " << kCompiler << ")\n"
        << "nlohmann_json " << NLOHMANN_JSON_VERSION_MAJOR << '.' << NLOHMANN_JSON_VERSION_MINOR
        << '.' << NLOHMANN_JSON_VERSION_PATCH << '\n'
        << OpenSSL_version(OPENSSL_VERSION) << '\n'
        << curl_version() << '\n';
    return 0;
}

}  // namespace ccp_relogin::cli
