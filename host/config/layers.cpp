#include "config/layers.h"

#include "config/build.h"
#include "config/merge.h"
#include "config/validate.h"

namespace ccp_relogin::config {

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
    // Each layer is checked on its own, so every problem names the source to fix.
    // Arrays replace each other whole and every cross-field rule lives inside one
    // profile, so a merge of valid layers is itself valid.
    loaded.config = build_config(merge_layers(valid_layers));
    if (loaded.config.profiles.empty()) {
        loaded.problems.push_back(Problem{kMergedSource, "profiles", "no profile configured"});
    }
    return loaded;
}

}  // namespace ccp_relogin::config
