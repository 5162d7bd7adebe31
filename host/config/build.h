#pragma once
// Turning a validated (and merged) JSON document into the typed Config, with
// the defaults applied for everything that is absent.
#include <nlohmann/json.hpp>

#include "config/config.h"

namespace ccp_relogin::config {

// Precondition: `valid` came out of validate_config_json (or a merge of such
// documents). Absent values take the defaults of config.h and:
// detection.phrases ["Session expired"], detection.loginPaths
// ["/login", "/connect/login", "/connect/auth/refresh"], detection.probe the
// ProbeSettings of config.h member by member (the extension's DEFAULT_PROBE).
Config build_config(const nlohmann::json& valid);

std::vector<std::string> default_detection_phrases();
std::vector<std::string> default_login_paths();

}  // namespace ccp_relogin::config
