#pragma once
// Shared by the policy tests: a configuration with two profiles on two
// Connect domains, each with two returnTo origins (one shared), and a
// parser for the .reg files `ccp-relogin policy --format reg` writes.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "config_test_support.h"

namespace ccp_relogin::testing {

inline constexpr const char* kPolicyExtensionId = "abcdefghijklmnopabcdefghijklmnop";

inline nlohmann::json two_custom_ccp_config() {
    nlohmann::json doc = valid_config_document();
    doc["profiles"][0]["returnTo"] = {"https://agents.example.com/ccp",
                                      "https://ccp.example.org:8443/agent"};
    doc["profiles"][1]["instance"]["domain"] = "awsapps.com";
    doc["profiles"][1]["instance"]["alias"] = "acme-old";
    doc["profiles"][1]["instance"]["id"] = "5f1d6c3a-2b4e-4f8a-9c7d-1e2f3a4b5c6d";
    doc["profiles"][1]["destination"] = "/connect/home";
    doc["profiles"][1]["returnTo"] = {"https://agents.example.com/admin",
                                      "https://supervisors.example.net/"};
    return doc;
}

// The entries the configuration above needs, in order: each profile's Connect
// site with each of its returnTo origins.
inline std::vector<std::string> two_custom_ccp_cookie_entries() {
    return {"https://[*.]my.connect.aws,https://agents.example.com",
            "https://[*.]my.connect.aws,https://ccp.example.org:8443",
            "https://[*.]awsapps.com,https://agents.example.com",
            "https://[*.]awsapps.com,https://supervisors.example.net"};
}

// A .reg file read back: key → value name → data, as regedit would import
// it. REG_SZ data unescaped, dword:XXXXXXXX as its number in decimal text.
// A "[-key]" line deletes the key and what was read under it so far.
struct RegistryImport {
    std::map<std::string, std::map<std::string, std::string>> keys;
    std::map<std::string, bool> dwords;  // "key|name" → true when REG_DWORD
    std::string header;
};

// Reads "…" at `at` (just past the opening quote), unescaping \\ and \".
inline std::string read_quoted(const std::string& line, std::size_t& at) {
    std::string text;
    while (at < line.size() && line[at] != '"') {
        if (line[at] == '\\' && at + 1 < line.size()) ++at;
        text += line[at++];
    }
    EXPECT_LT(at, line.size()) << "unterminated string: " << line;
    ++at;
    return text;
}

inline RegistryImport parse_registry_file(const std::string& text) {
    RegistryImport import;
    std::istringstream in(text);
    std::string line, key;
    bool first = true;
    while (std::getline(in, line)) {
        EXPECT_TRUE(!line.empty() && line.back() == '\r') << "not CRLF: " << line;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (first) {
            import.header = line;
            first = false;
            continue;
        }
        if (line.empty() || line[0] == ';') continue;
        if (line.rfind("[-", 0) == 0) {
            import.keys.erase(line.substr(2, line.size() - 3));
            key.clear();
            continue;
        }
        if (line[0] == '[') {
            EXPECT_EQ(line.back(), ']') << line;
            key = line.substr(1, line.size() - 2);
            import.keys[key];
            continue;
        }
        EXPECT_FALSE(key.empty()) << "value outside a key: " << line;
        EXPECT_EQ(line[0], '"') << line;
        std::size_t at = 1;
        const std::string name = read_quoted(line, at);
        EXPECT_EQ(line.substr(at, 1), "=") << line;
        ++at;
        if (line.compare(at, 6, "dword:") == 0) {
            const std::string hex = line.substr(at + 6);
            EXPECT_EQ(hex.size(), 8u) << line;
            import.keys[key][name] = std::to_string(std::stoul(hex, nullptr, 16));
            import.dwords[key + "|" + name] = true;
        } else {
            EXPECT_EQ(line[at], '"') << line;
            ++at;
            import.keys[key][name] = read_quoted(line, at);
            EXPECT_EQ(at, line.size()) << "trailing text: " << line;
        }
    }
    return import;
}

}  // namespace ccp_relogin::testing
