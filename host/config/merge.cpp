#include "config/merge.h"

namespace ccp_relogin::config {

nlohmann::json merge_over(const nlohmann::json& lower, const nlohmann::json& higher) {
    if (!lower.is_object() || !higher.is_object()) return higher;
    nlohmann::json merged = lower;
    for (const auto& [key, value] : higher.items()) {
        auto existing = merged.find(key);
        merged[key] = existing == merged.end() ? value : merge_over(*existing, value);
    }
    return merged;
}

nlohmann::json merge_layers(const std::vector<nlohmann::json>& highest_first) {
    nlohmann::json merged = nlohmann::json::object();
    // Apply from the lowest layer up so each higher layer overrides what is below.
    for (auto it = highest_first.rbegin(); it != highest_first.rend(); ++it)
        merged = merge_over(merged, *it);
    return merged;
}

}  // namespace ccp_relogin::config
