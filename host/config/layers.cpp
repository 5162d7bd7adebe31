#include "config/layers.h"

#include <algorithm>
#include <utility>

#include "config/build.h"
#include "config/merge.h"
#include "config/policy_limits.h"
#include "config/probe_status.h"
#include "config/session_rules.h"
#include "config/validate.h"

namespace ccp_relogin::config {
namespace {

// Status lists that claim the same status after the merge fall back to the
// defaults together, which never overlap.
void reset_conflicting_probe_statuses(LoadedConfig& loaded) {
    ProbeSettings& probe = loaded.config.detection.probe;
    const auto both = statuses_in_both(probe.signedInStatus, probe.signedOutStatus);
    if (both.empty()) return;
    loaded.problems.push_back(
        Problem{kMergedSource, "detection.probe.signedOutStatus",
                statuses_in_both_reason(both, !probe.signedInStatus.has_value())});
    const ProbeSettings defaults;
    probe.signedInStatus = defaults.signedInStatus;
    probe.signedOutStatus = defaults.signedOutStatus;
}

// The policy is judged against what the files alone build (their merge, with
// the defaults), so a policy can't loosen a value by leaving a file's key out.
void limit_policy_layers(const std::vector<ConfigLayer>& layers, std::vector<nlohmann::json>& valid,
                         std::vector<Problem>& problems) {
    const auto is_policy = [](const ConfigLayer& layer) { return layer.source == kPolicySource; };
    // Most hosts run without a policy: then there is nothing to judge, and
    // no second build of the configuration to pay for at every start.
    if (std::none_of(layers.begin(), layers.end(), is_policy)) return;
    std::vector<nlohmann::json> files;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (!is_policy(layers[i])) files.push_back(valid[i]);
    const Config from_files = build_config(merge_layers(std::move(files)));
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (is_policy(layers[i])) limit_policy(valid[i], from_files, problems);
}

}  // namespace

LoadedConfig assemble_config(const std::vector<ConfigLayer>& highest_first) {
    LoadedConfig loaded;
    std::vector<nlohmann::json> valid_layers;
    for (const auto& layer : highest_first) {
        auto result = validate_config_json(layer.document, layer.source);
        loaded.problems.insert(loaded.problems.end(), result.problems.begin(),
                               result.problems.end());
        valid_layers.push_back(std::move(result.valid));
        loaded.sources.push_back(layer.source);
    }
    limit_policy_layers(highest_first, valid_layers, loaded.problems);
    // Each layer is checked on its own, so every problem names the source to fix.
    // Arrays replace each other whole and the cross-field rules live inside one
    // profile, so a merge of valid layers is itself valid, with one exception:
    // the probe's status lists and the session settings may come from
    // different sources (or the defaults).
    loaded.config = build_config(merge_layers(std::move(valid_layers)));
    reset_conflicting_probe_statuses(loaded);
    enforce_session_rules(loaded.config.session, loaded.problems);
    if (loaded.config.profiles.empty()) {
        loaded.problems.push_back(Problem{kMergedSource, "profiles", "no profile configured"});
    }
    return loaded;
}

}  // namespace ccp_relogin::config
