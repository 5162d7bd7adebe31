#include "doctor/network_helper.h"

#include <system_error>
#include <utility>

#include "doctor/report.h"
#include "platform/child_process.h"

namespace ccp_relogin::doctor {
namespace {

// Far above any real answer (a few dozen lines).
constexpr std::size_t kMaxHelperOutput = 1 << 20;

CheckResult helper_failed(const std::string& program, const std::string& what) {
    return {"network",
            Status::kFail,
            "the network checks could not run: " + what,
            "reinstall ccp-relogin: " + program + " belongs beside ccp-relogin",
            {}};
}

}  // namespace

std::vector<CheckResult> read_helper_results(const std::string& program, int exit_code,
                                             bool timed_out, const std::string& out) {
    if (timed_out) return {helper_failed(program, program + " did not answer in time")};
    const auto parsed = nlohmann::json::parse(out, nullptr, false);
    auto results = results_from_json(parsed);
    if (exit_code != 0 || !results || results->empty())
        return {helper_failed(program, program + " ended without its results (exit code " +
                                           std::to_string(exit_code) + ")")};
    return std::move(*results);
}

NetworkChecks network_checks_in_helper(std::filesystem::path program,
                                       std::optional<std::filesystem::path> config_file,
                                       std::chrono::milliseconds deadline) {
    return [program = std::move(program), config_file = std::move(config_file),
            deadline](const config::Config&) {
        std::vector<std::string> args{"probe"};
        if (config_file) args.insert(args.end(), {"--config", config_file->string()});
        try {
            const auto run = platform::run_and_capture(program, args, kMaxHelperOutput, deadline);
            return read_helper_results(program.string(), run.exit_code, run.timed_out, run.out);
        } catch (const std::system_error& e) {
            return std::vector<CheckResult>{helper_failed(program.string(), e.what())};
        }
    };
}

}  // namespace ccp_relogin::doctor
