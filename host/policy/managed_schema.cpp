#include "policy/managed_schema.h"

#include "managed_schema_text.h"

namespace ccp_relogin::policy {

const nlohmann::json& managed_schema() {
    static const nlohmann::json schema = nlohmann::json::parse(generated::kManagedSchemaText);
    return schema;
}

std::vector<SchemaProperty> top_level_properties(const nlohmann::json& schema) {
    std::vector<SchemaProperty> properties;
    const auto found = schema.find("properties");
    if (found == schema.end() || !found->is_object()) return properties;
    for (const auto& [name, node] : found->items())
        properties.push_back(SchemaProperty{name, node.value("type", std::string()),
                                            node.value("description", std::string())});
    return properties;
}

}  // namespace ccp_relogin::policy
