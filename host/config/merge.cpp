#include "config/merge.h"

#include <utility>

namespace ccp_relogin::config {

// Both by value and moved from: a start merges its one or two files once,
// and deep copies of each were most of what merging cost.
nlohmann::json merge_over(nlohmann::json lower, nlohmann::json higher) {
    if (!lower.is_object() || !higher.is_object()) return higher;
    for (auto& [key, value] : higher.items()) {
        auto existing = lower.find(key);
        if (existing == lower.end())
            lower[key] = std::move(value);
        else
            *existing = merge_over(std::move(*existing), std::move(value));
    }
    return lower;
}

nlohmann::json merge_layers(std::vector<nlohmann::json> highest_first) {
    nlohmann::json merged = nlohmann::json::object();
    // Apply from the lowest layer up so each higher layer overrides what is below.
    for (auto it = highest_first.rbegin(); it != highest_first.rend(); ++it)
        merged = merge_over(std::move(merged), std::move(*it));
    return merged;
}

}  // namespace ccp_relogin::config
