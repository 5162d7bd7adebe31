#include "cli/relay_state_command.h"

#include "federation/global_sign_in.h"

namespace ccp_relogin::cli {

int run_relay_state(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
                    std::ostream& out, std::ostream& err) {
    return run_profile_line_command("relay-state", args, resolve_sources,
                                    federation::sign_in_target, out, err);
}

int run_relay_state(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_relay_state(args, default_sources_resolver(), out, err);
}

}  // namespace ccp_relogin::cli
