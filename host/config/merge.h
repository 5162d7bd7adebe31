#pragma once
// Merging configuration layers: objects are merged key by key, recursively;
// arrays and scalars of the higher layer replace the lower layer's whole (a
// policy's profile list is the profile list, not an addition to it).
#include <nlohmann/json.hpp>
#include <vector>

namespace ccp_relogin::config {

// `higher` wins. Both are expected to be validated documents (bounded depth).
nlohmann::json merge_over(nlohmann::json lower, nlohmann::json higher);

// Layers ordered highest first (policy, explicit file, user file, machine file).
nlohmann::json merge_layers(std::vector<nlohmann::json> highest_first);

}  // namespace ccp_relogin::config
