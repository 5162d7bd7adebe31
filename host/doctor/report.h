#pragma once
// How doctor prints its results: one line per check, then a final line; or,
// with --json, one JSON array. And the exit code: 1 if any check failed.
//
// Text:
//   ok   config: 2 profiles (agents-us, admins-us) from /etc/ccp-relogin/config.json
//   fail manifests: no browser has a valid registration of com.ccp_relogin.host
//        fix: ccp-relogin install --browser chrome --scope user
//   doctor: 1 failed, 0 warnings, 1 ok, 0 skipped; fix the failed checks above
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "doctor/check_result.h"

namespace ccp_relogin::doctor {

// The lines of one result: "<status padded to 4> <name>: <summary>", then each
// detail and the fix, indented under the summary.
std::string format_result(const CheckResult& result);

// Every result, then the final line.
std::string format_report(const std::vector<CheckResult>& results);

// The final line alone (without newline).
std::string final_line(const std::vector<CheckResult>& results);

// [{"name","status","summary","fix","details"}…]; "fix" is null when empty.
nlohmann::json to_json(const std::vector<CheckResult>& results);

// 1 if any result is kFail, else 0.
// The other way: results read back from to_json()'s array (what
// ccp-relogin-network prints, doctor/network_helper.h). nullopt when `array`
// is not such an array.
std::optional<std::vector<CheckResult>> results_from_json(const nlohmann::json& array);

int exit_code(const std::vector<CheckResult>& results);

}  // namespace ccp_relogin::doctor
