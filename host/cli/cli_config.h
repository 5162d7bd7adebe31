#pragma once
// What the config-reading subcommands (url, relay-state, check-config) share:
// how they find the configuration sources and how they report problems.
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/loader.h"

namespace ccp_relogin::cli {

// Maps the `--config F` value (if any) to the sources to read. The default is
// config::default_config_sources; tests pass their own to stay off the real
// environment and the real /etc.
using SourcesResolver = std::function<config::ConfigSources(std::optional<std::filesystem::path>)>;

SourcesResolver default_sources_resolver();

// What `url` and `relay-state` share: parse `--profile P [--config F]`, load
// the configuration, find P, print render(P) as one line on `out`.
// `command` is the subcommand's name, used in error sentences.
int run_profile_line_command(std::string_view command, const std::vector<std::string>& args,
                             const SourcesResolver& resolve_sources,
                             const std::function<std::string(const config::Profile&)>& render,
                             std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
