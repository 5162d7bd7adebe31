// extension/managed_schema.json (browser policy) and the host's schema must
// name the same keys: a policy key the host rejects would be reported as
// "unknown key", a host key missing from the policy schema can't be set by policy.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/validate.h"
#include "config_test_support.h"
#include "support/repo_files.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json managed_schema() {
    const fs::path path = ccp_relogin::testing::repo_root() / "extension" / "managed_schema.json";
    std::ifstream in(path);
    return json::parse(in);
}

// A value of the node's type for every property the schema names, one entry per array.
json sample_of(const json& node) {
    const std::string type = node.at("type");
    if (type == "object") {
        json sample = json::object();
        const json properties = node.value("properties", json::object());
        for (const auto& [key, child] : properties.items()) sample[key] = sample_of(child);
        return sample;
    }
    if (type == "array") return json::array({sample_of(node.at("items"))});
    if (type == "integer") return 1;
    if (type == "boolean") return true;
    return "x";
}

// Every object key of `doc` must be a property at the same place in the schema.
void expect_named_in_schema(const json& doc, const json& node, const std::string& path) {
    if (doc.is_object()) {
        const json properties = node.value("properties", json::object());
        for (const auto& [key, value] : doc.items()) {
            const std::string child_path = path + "." + key;
            if (!properties.contains(key)) {
                ADD_FAILURE() << child_path << " is not in managed_schema.json";
                continue;
            }
            expect_named_in_schema(value, properties[key], child_path);
        }
    } else if (doc.is_array() && node.contains("items")) {
        for (const auto& element : doc) expect_named_in_schema(element, node["items"], path + "[]");
    }
}

TEST(ConfigManagedSchema, EveryPolicyKeyIsKnownToTheHost) {
    const auto result = ccp_relogin::config::validate_config_json(sample_of(managed_schema()), "p");
    ASSERT_FALSE(result.problems.empty());  // the sample values are placeholders
    for (const auto& p : result.problems) EXPECT_NE(p.reason, "unknown key") << p.path;
}

TEST(ConfigManagedSchema, EveryHostKeyCanBeSetByPolicy) {
    json doc = ccp_relogin::testing::valid_config_document();
    doc["detection"]["probe"]["signedInStatus"] = {200};  // the one key the sample leaves out
    expect_named_in_schema(doc, managed_schema(), "$");
}

}  // namespace
