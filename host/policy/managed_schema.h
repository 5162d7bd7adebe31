#pragma once
// The extension's managed-storage schema (extension/managed_schema.json),
// compiled into the host at build time (host/CMakeLists.txt). Every policy
// format `ccp-relogin policy` prints is built from it, so what an
// administrator deploys names exactly what the extension declares. Pure.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccp_relogin::policy {

// The schema as parsed once: a JSON Schema object whose top-level
// properties are the extension's policies.
const nlohmann::json& managed_schema();

// One top-level property: its name, JSON type and description.
struct SchemaProperty {
    std::string name;         // "profiles"
    std::string type;         // "array", "object", "string", "integer", "boolean"
    std::string description;  // the schema's one line
};

// The top-level properties of `schema`, by name (nlohmann::json keeps
// object keys sorted, so every format lists them in the same order).
std::vector<SchemaProperty> top_level_properties(const nlohmann::json& schema);

}  // namespace ccp_relogin::policy
