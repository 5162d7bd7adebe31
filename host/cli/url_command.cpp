#include "cli/url_command.h"

#include "federation/sign_in_url.h"

namespace ccp_relogin::cli {

int run_url(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
            std::ostream& out, std::ostream& err) {
    return run_profile_line_command("url", args, resolve_sources, federation::sign_in_url, out,
                                    err);
}

int run_url(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_url(args, default_sources_resolver(), out, err);
}

}  // namespace ccp_relogin::cli
