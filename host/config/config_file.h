#pragma once
// Reading one configuration file: size-capped, never throws, every failure is
// a Problem whose source is the file's path.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::config {

inline constexpr std::uintmax_t kMaxConfigFileBytes = 1024 * 1024;
// The deepest key of the schema is 4 levels down; the frame limit is plenty.
inline constexpr int kMaxConfigDepth = 32;

enum class FileRequirement { kOptional, kRequired };

struct ConfigFileRead {
    std::optional<nlohmann::json> document;  // set when the file existed and parsed
    std::vector<Problem> problems;           // at most one
};

// A missing optional file yields neither a document nor a problem.
ConfigFileRead read_config_file(const std::filesystem::path& path, FileRequirement requirement);

// The JSON text's parse, with "not valid JSON (error at line L, column C)",
// "not valid JSON (a number too large for a double at line L, column C)" or
// "nested deeper than 32 levels" as the problem; `source` names the text in
// the Problem. Exposed for tests.
ConfigFileRead parse_config_text(std::string_view text, const std::string& source);

}  // namespace ccp_relogin::config
