// docs/configuration.md is the configuration reference for administrators.
// Its key table must not drift from the code, so this test reads the table
// and checks it against:
//   - extension/managed_schema.json: the same set of keys, both ways;
//   - config::validate_config_json: each integer key's documented bounds
//     `a–b` accept a and b and refuse a-1 and b+1 at that key's path;
//   - config::build_config: each documented default is what the host
//     builds when the key is left out (and a valid value to write).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/build.h"
#include "config/config.h"
#include "config/enums.h"
#include "config/validate.h"
#include "config_test_support.h"
#include "support/repo_files.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace config = ccp_relogin::config;

using ccp_relogin::testing::read_repo_file;

// ---- The table in docs/configuration.md --------------------------------------

struct DocRow {
    std::string key;     // dotted path, "profiles[].instance.id"
    std::string type;    // "integer", "array of strings", ...
    std::string def;     // the default cell without backticks, or "—"
    std::string bounds;  // "10–3600" or "—"
    int line = 0;        // line number in the file, for messages
};

constexpr const char* kNone = "—";    // U+2014, "no default" / "no bounds"
constexpr const char* kEnDash = "–";  // U+2013, between the two bounds
constexpr const char* kHeader = "| key | type | default | bounds | meaning |";

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

// "`x`" -> "x"; a cell without backticks comes back trimmed.
std::string unquote(const std::string& cell) {
    const std::string t = trim(cell);
    if (t.size() >= 2 && t.front() == '`' && t.back() == '`') return t.substr(1, t.size() - 2);
    return t;
}

// The cells of one "| a | b | c |" line (none of our cells contains "|").
std::vector<std::string> cells_of(const std::string& line) {
    std::vector<std::string> cells;
    std::string t = trim(line);
    if (t.size() < 2 || t.front() != '|' || t.back() != '|') return cells;
    t = t.substr(1, t.size() - 2);
    std::size_t start = 0;
    for (;;) {
        const auto bar = t.find('|', start);
        cells.push_back(trim(t.substr(start, bar == std::string::npos ? bar : bar - start)));
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return cells;
}

std::vector<DocRow> doc_rows() {
    std::istringstream lines(read_repo_file("docs/configuration.md"));
    std::vector<DocRow> rows;
    std::string line;
    int number = 0;
    bool in_table = false;
    bool past_separator = false;
    while (std::getline(lines, line)) {
        ++number;
        if (!in_table) {
            in_table = trim(line) == kHeader;
            continue;
        }
        if (!past_separator) {  // the |---|---| line under the header
            past_separator = true;
            continue;
        }
        const auto cells = cells_of(line);
        if (cells.empty()) break;  // the first line after the table
        EXPECT_EQ(cells.size(), 5u) << "docs/configuration.md:" << number << ": " << line;
        if (cells.size() != 5) continue;
        rows.push_back(
            {unquote(cells[0]), trim(cells[1]), unquote(cells[2]), unquote(cells[3]), number});
    }
    EXPECT_TRUE(in_table) << "docs/configuration.md has no line " << kHeader;
    return rows;
}

// "10–3600" -> {10, 3600}; nullopt for anything else.
std::optional<std::pair<long long, long long>> parse_bounds(const std::string& bounds) {
    const auto dash = bounds.find(kEnDash);
    if (dash == std::string::npos) return std::nullopt;
    try {
        std::size_t used_low = 0;
        std::size_t used_high = 0;
        const std::string low_text = bounds.substr(0, dash);
        const std::string high_text = bounds.substr(dash + std::string(kEnDash).size());
        const long long low = std::stoll(low_text, &used_low);
        const long long high = std::stoll(high_text, &used_high);
        if (used_low != low_text.size() || used_high != high_text.size()) return std::nullopt;
        return std::make_pair(low, high);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// ---- Paths -------------------------------------------------------------------

// "profiles[].instance.id" -> "/profiles/0/instance/id" (the first profile).
json::json_pointer pointer_of(const std::string& key) {
    std::string pointer;
    std::size_t start = 0;
    for (;;) {
        const auto dot = key.find('.', start);
        std::string part = key.substr(start, dot == std::string::npos ? dot : dot - start);
        const bool element = part.size() > 2 && part.ends_with("[]");
        if (element) part.resize(part.size() - 2);
        pointer += "/" + part;
        if (element) pointer += "/0";
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return json::json_pointer(pointer);
}

// "profiles[].instance.id" -> "profiles[0].instance.id", as problems name it.
std::string problem_path_of(const std::string& key) {
    std::string path = key;
    for (auto at = path.find("[]"); at != std::string::npos; at = path.find("[]", at))
        path.replace(at, 2, "[0]");
    return path;
}

// ---- extension/managed_schema.json ---------------------------------------------

// Every property the schema names, as a dotted path; arrays of objects
// continue as "name[]".
void collect_schema_keys(const json& node, const std::string& prefix,
                         std::map<std::string, std::string>& out) {
    const json properties = node.value("properties", json::object());
    for (const auto& [name, child] : properties.items()) {
        const std::string key = prefix.empty() ? name : prefix + "." + name;
        const std::string type = child.value("type", "");
        out[key] = type;
        if (type == "object") collect_schema_keys(child, key, out);
        if (type == "array" && child.contains("items") &&
            child["items"].value("type", "") == "object")
            collect_schema_keys(child["items"], key + "[]", out);
    }
}

std::map<std::string, std::string> schema_keys() {
    const json schema = json::parse(read_repo_file("extension/managed_schema.json"));
    std::map<std::string, std::string> keys;
    collect_schema_keys(schema, "", keys);
    return keys;
}

// ---- What the host builds -----------------------------------------------------

// The typed configuration as JSON, with the configuration file's key names,
// so a documented default can be compared with what build_config made.
json built_json(const config::Config& c) {
    json profiles = json::array();
    for (const auto& p : c.profiles) {
        profiles.push_back({{"name", p.name},
                            {"instance",
                             {{"id", p.instance.id},
                              {"alias", p.instance.alias},
                              {"region", p.instance.region},
                              {"partition", std::string(config::to_string(p.instance.partition))},
                              {"domain", std::string(config::to_string(p.instance.domain))},
                              {"globalResiliency", p.instance.globalResiliency}}},
                            {"entra",
                             {{"tenantId", p.entra.tenantId},
                              {"appId", p.entra.appId},
                              {"launcher", std::string(config::to_string(p.entra.launcher))}}},
                            {"destination", p.destination},
                            {"returnTo", p.returnTo}});
    }
    const auto& probe = c.detection.probe;
    return {
        {"profiles", profiles},
        {"detection",
         {{"phrases", c.detection.phrases},
          {"loginPaths", c.detection.loginPaths},
          {"probe",
           {{"enabled", probe.enabled},
            {"path", probe.path},
            {"legacyPath", probe.legacyPath},
            {"signedInStatus", probe.signedInStatus ? json(*probe.signedInStatus) : json(nullptr)},
            {"signedOutStatus", probe.signedOutStatus},
            {"onUnknown", std::string(config::to_string(probe.onUnknown))}}},
          {"fixThirdPartyCookies", c.detection.fixThirdPartyCookies}}},
        {"relogin",
         {{"mode", std::string(config::to_string(c.relogin.mode))},
          {"timeoutSeconds", c.relogin.timeoutSeconds},
          {"afterInactivity", std::string(config::to_string(c.relogin.afterInactivity))}}},
        {"session",
         {{"maxSeconds", c.session.maxSeconds},
          {"refreshBeforeSeconds", c.session.refreshBeforeSeconds},
          {"refreshJitterSeconds", c.session.refreshJitterSeconds}}},
        {"guard",
         {{"maxAttempts", c.guard.maxAttempts},
          {"windowSeconds", c.guard.windowSeconds},
          {"postLoginSeconds", c.guard.postLoginSeconds}}},
        {"audit",
         {{"forwardUrl", c.audit.forwardUrl ? json(*c.audit.forwardUrl) : json(nullptr)},
          {"forwardFormat", c.audit.forwardFormat},
          {"forwardPublicKeySha256", c.audit.forwardPublicKeySha256},
          {"forwardTokenFile",
           c.audit.forwardTokenFile ? json(*c.audit.forwardTokenFile) : json(nullptr)},
          {"systemLog", c.audit.systemLog}}},
        {"allowedExtensionIds", c.allowedExtensionIds},
        {"browserPolicy",
         {{"maySetAuditForwardUrl", c.browserPolicy.maySetAuditForwardUrl},
          {"mayLoosenGuard", c.browserPolicy.mayLoosenGuard}}},
    };
}

// The problems validation reports at exactly `path`.
std::vector<std::string> problems_at(const json& doc, const std::string& path) {
    std::vector<std::string> found;
    for (const auto& p : config::validate_config_json(doc, "docs-test").problems)
        if (p.path == path) found.push_back(p.reason);
    return found;
}

std::string where(const DocRow& row) {
    return "docs/configuration.md:" + std::to_string(row.line) + " (" + row.key + ")";
}

// ---- Tests ---------------------------------------------------------------------

TEST(DocsConfiguration, TableIsThereAndKeysAreUnique) {
    const auto rows = doc_rows();
    ASSERT_FALSE(rows.empty());
    std::set<std::string> seen;
    for (const auto& row : rows) {
        EXPECT_TRUE(seen.insert(row.key).second) << where(row) << ": key listed twice";
        EXPECT_FALSE(row.def.empty()) << where(row) << ": empty default cell (use —)";
        EXPECT_FALSE(row.bounds.empty()) << where(row) << ": empty bounds cell (use —)";
    }
}

TEST(DocsConfiguration, SameKeysAsTheManagedSchema) {
    const auto schema = schema_keys();
    ASSERT_FALSE(schema.empty());
    std::set<std::string> documented;
    for (const auto& row : doc_rows()) {
        documented.insert(row.key);
        EXPECT_TRUE(schema.contains(row.key))
            << where(row) << ": not a key of extension/managed_schema.json";
    }
    for (const auto& [key, type] : schema)
        EXPECT_TRUE(documented.contains(key))
            << key << " (extension/managed_schema.json) is missing from the table in "
            << "docs/configuration.md";
}

TEST(DocsConfiguration, TypesAgreeWithTheManagedSchema) {
    const auto schema = schema_keys();
    for (const auto& row : doc_rows()) {
        const auto it = schema.find(row.key);
        if (it == schema.end()) continue;  // reported by SameKeysAsTheManagedSchema
        // "array of strings" -> "array", "string or null" -> "string".
        const std::string first_word = row.type.substr(0, row.type.find(' '));
        EXPECT_EQ(first_word, it->second) << where(row) << ": documented type " << row.type;
    }
}

TEST(DocsConfiguration, StartingDocumentIsValid) {
    const auto result =
        config::validate_config_json(ccp_relogin::testing::valid_config_document(), "docs-test");
    for (const auto& p : result.problems) ADD_FAILURE() << p.path << ": " << p.reason;
}

TEST(DocsConfiguration, IntegerBoundsAreTheValidatorsBounds) {
    int checked = 0;
    for (const auto& row : doc_rows()) {
        if (row.type != "integer") {
            EXPECT_EQ(row.bounds, kNone) << where(row) << ": bounds are for integer keys only";
            continue;
        }
        const auto bounds = parse_bounds(row.bounds);
        ASSERT_TRUE(bounds) << where(row) << ": integer key needs bounds written a–b, not "
                            << row.bounds;
        const auto [low, high] = *bounds;
        const auto pointer = pointer_of(row.key);
        const std::string path = problem_path_of(row.key);
        const auto with = [&](long long value) {
            json doc = ccp_relogin::testing::valid_config_document();
            doc[pointer] = value;
            return problems_at(doc, path);
        };
        EXPECT_TRUE(with(low).empty()) << where(row) << ": " << low << " is refused";
        EXPECT_TRUE(with(high).empty()) << where(row) << ": " << high << " is refused";
        EXPECT_FALSE(with(low - 1).empty()) << where(row) << ": " << low - 1 << " is accepted";
        EXPECT_FALSE(with(high + 1).empty()) << where(row) << ": " << high + 1 << " is accepted";
        ++checked;
    }
    EXPECT_GT(checked, 0) << "no integer key in the table";
}

TEST(DocsConfiguration, DefaultsAreWhatTheHostBuilds) {
    int checked = 0;
    for (const auto& row : doc_rows()) {
        if (row.def == kNone) continue;
        json documented;
        try {
            documented = json::parse(row.def);
        } catch (const json::parse_error&) {
            ADD_FAILURE() << where(row) << ": default " << row.def << " is not a JSON literal";
            continue;
        }
        const auto pointer = pointer_of(row.key);

        // Left out: the host builds the documented value.
        json without = ccp_relogin::testing::valid_config_document();
        if (without.contains(pointer)) without[pointer.parent_pointer()].erase(pointer.back());
        const auto validated = config::validate_config_json(without, "docs-test");
        for (const auto& p : validated.problems)
            ADD_FAILURE() << where(row) << ": leaving it out gives " << p.path << ": " << p.reason;
        const json built = built_json(config::build_config(validated.valid));
        // A key of the first profile needs that profile; `profiles` itself does not.
        if (!built.contains(pointer)) {
            ADD_FAILURE() << where(row) << ": the host builds nothing at " << pointer.to_string()
                          << " (add the key to built_json in this test)";
            continue;
        }
        EXPECT_EQ(built[pointer], documented)
            << where(row) << ": documented default " << documented.dump() << ", the host builds "
            << built[pointer].dump();

        // Written out: the documented default is a valid value.
        json with = ccp_relogin::testing::valid_config_document();
        with[pointer] = documented;
        EXPECT_TRUE(problems_at(with, problem_path_of(row.key)).empty())
            << where(row) << ": the default " << documented.dump() << " is refused when written";
        ++checked;
    }
    EXPECT_GT(checked, 0) << "no default in the table";
}

}  // namespace
