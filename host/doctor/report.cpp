#include "doctor/report.h"

#include <algorithm>

namespace ccp_relogin::doctor {
namespace {

constexpr std::size_t kStatusWidth = 4;  // "fail", "warn", "skip"; "ok" padded
const std::string kIndent(kStatusWidth + 1, ' ');

std::size_t count(const std::vector<CheckResult>& results, Status status) {
    return static_cast<std::size_t>(std::count_if(
        results.begin(), results.end(), [&](const CheckResult& r) { return r.status == status; }));
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string format_result(const CheckResult& result) {
    std::string status(to_string(result.status));
    status.resize(kStatusWidth, ' ');
    std::string text = status + " " + result.name + ": " + result.summary + "\n";
    for (const auto& detail : result.details) text += kIndent + "  " + detail + "\n";
    if (!result.fix.empty()) text += kIndent + "fix: " + result.fix + "\n";
    return text;
}

std::string final_line(const std::vector<CheckResult>& results) {
    const auto failed = count(results, Status::kFail);
    const auto warned = count(results, Status::kWarn);
    std::string line = "doctor: " + std::to_string(failed) + " failed, " +
                       plural(warned, "warning", "warnings") + ", " +
                       std::to_string(count(results, Status::kOk)) + " ok, " +
                       std::to_string(count(results, Status::kSkip)) + " skipped";
    if (failed > 0) return line + "; fix the failed checks above";
    if (warned > 0) return line + "; re-login should work, see the warnings";
    return line + "; everything checked works";
}

std::string format_report(const std::vector<CheckResult>& results) {
    std::string text;
    for (const auto& result : results) text += format_result(result);
    return text + final_line(results) + "\n";
}

nlohmann::json to_json(const std::vector<CheckResult>& results) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& r : results)
        array.push_back({{"name", r.name},
                         {"status", to_string(r.status)},
                         {"summary", r.summary},
                         {"fix", r.fix.empty() ? nlohmann::json() : nlohmann::json(r.fix)},
                         {"details", r.details}});
    return array;
}

namespace {

std::optional<Status> status_from_string(std::string_view text) {
    for (const Status s : {Status::kOk, Status::kWarn, Status::kFail, Status::kSkip})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

std::optional<CheckResult> result_from_json(const nlohmann::json& item) {
    if (!item.is_object() || !item.value("name", nlohmann::json()).is_string() ||
        !item.value("status", nlohmann::json()).is_string() ||
        !item.value("summary", nlohmann::json()).is_string())
        return std::nullopt;
    const auto status = status_from_string(item["status"].get<std::string>());
    if (!status) return std::nullopt;
    CheckResult result{item["name"], *status, item["summary"], "", {}};
    if (const auto fix = item.find("fix"); fix != item.end() && fix->is_string()) result.fix = *fix;
    if (const auto details = item.find("details"); details != item.end() && details->is_array())
        for (const auto& line : *details)
            if (line.is_string()) result.details.push_back(line);
    return result;
}

}  // namespace

std::optional<std::vector<CheckResult>> results_from_json(const nlohmann::json& array) {
    if (!array.is_array()) return std::nullopt;
    std::vector<CheckResult> results;
    for (const auto& item : array) {
        auto result = result_from_json(item);
        if (!result) return std::nullopt;
        results.push_back(std::move(*result));
    }
    return results;
}

int exit_code(const std::vector<CheckResult>& results) {
    return count(results, Status::kFail) > 0 ? 1 : 0;
}

}  // namespace ccp_relogin::doctor
