#include "cli/doctor_command.h"

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "cli/options_parser.h"
#include "doctor/check_certificate.h"
#include "doctor/check_clock.h"
#include "doctor/check_config.h"
#include "doctor/check_manifests.h"
#include "doctor/check_network.h"
#include "doctor/federation_metadata.h"
#include "doctor/probe_manifests.h"
#include "doctor/probe_sandbox.h"
#include "doctor/probe_state.h"
#include "doctor/report.h"
#include "platform/extension_ids.h"
#include "platform/paths.h"

namespace ccp_relogin::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace doctor;
using platform::Browser;
using platform::Scope;

constexpr const char* kCommand = "doctor";
constexpr const char* kUsage =
    "ccp-relogin doctor [--config F] [--json] [--offline] [--browser B[,B...]] "
    "[--scope user|system] [--user-data-dir D]";
// A request with less time than this left is not started.
constexpr std::chrono::milliseconds kShortestRequest{500};

struct DoctorArgs {
    std::optional<fs::path> config_file;
    bool json = false;
    bool offline = false;
    std::vector<Browser> browsers{std::begin(platform::kAllBrowsers),
                                  std::end(platform::kAllBrowsers)};
    std::vector<Scope> scopes{Scope::kUser, Scope::kSystem};
    std::optional<fs::path> user_data_dir;
};

po::options_description doctor_options() {
    po::options_description options("ccp-relogin doctor");
    options.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                      "read this configuration file")(
        "json", "print the results as one JSON array")(
        "offline", "skip the network, clock and certificate checks")(
        "browser", po::value<std::vector<std::string>>()->composing(),
        "check only these browsers' manifests: chrome, chromium, edge, brave")(
        "scope", po::value<std::string>(), "check only user or system manifests")(
        "user-data-dir", po::value<std::string>(),
        "the browser runs with --user-data-dir D: look in D/NativeMessagingHosts/");
    return options;
}

DoctorArgs parse_doctor_args(const po::variables_map& values) {
    DoctorArgs args;
    if (values.count("config")) args.config_file = values["config"].as<std::string>();
    args.json = values.count("json") > 0;
    args.offline = values.count("offline") > 0;
    if (values.count("browser"))
        args.browsers = parse_browser_list(values["browser"].as<std::vector<std::string>>());
    if (values.count("scope")) {
        const auto scope = platform::parse_scope(values["scope"].as<std::string>());
        if (!scope) throw UsageError("--scope must be user or system");
        args.scopes = {*scope};
    }
    if (values.count("user-data-dir")) {
        const auto& dir = values["user-data-dir"].as<std::string>();
        if (dir.empty()) throw UsageError("--user-data-dir must not be empty");
        args.user_data_dir = fs::absolute(dir);
    }
    return args;
}

fs::path this_program() {
    try {
        return platform::current_executable();
    } catch (const std::exception&) {
        return "ccp-relogin";
    }
}

std::vector<CheckResult> check_manifests(const DoctorArgs& args, const config::Config& config) {
    const auto dirs = platform::home_dirs_from_process();
    const fs::path program = this_program();
    ManifestExpectations expect;
    expect.program = program.string();
    for (auto id : platform::kBuiltInExtensionIds) expect.trusted_ids.emplace_back(id);
    for (const auto& id : config.allowedExtensionIds) {
        expect.configured_ids.push_back(id);
        if (std::find(expect.trusted_ids.begin(), expect.trusted_ids.end(), id) ==
            expect.trusted_ids.end())
            expect.trusted_ids.push_back(id);
    }
    expect.user_data_dir = args.user_data_dir;
    expect.system_needs_root =
        platform::kThisSystem != platform::System::kWindows && ::geteuid() != 0;
    std::vector<ManifestFile> files;
    try {
        files = read_manifest_files(args.browsers, args.scopes, dirs, args.user_data_dir);
        expect.used_browsers = used_browsers(args.browsers, dirs, args.user_data_dir);
    } catch (const std::invalid_argument& e) {
        return {{"manifests",
                 Status::kFail,
                 std::string("cannot find the manifests: ") + e.what(),
                 "set HOME (and XDG_CONFIG_HOME if used), as the browser sees them",
                 {}}};
    }
    return evaluate_manifests(files, expect,
                              [&](const fs::path& path) { return inspect_binary(path, program); });
}

// Linux only: elsewhere there are no Flatpak or Snap browsers to look for.
CheckResult check_sandboxed_browsers(const DoctorArgs& args) {
    std::vector<SandboxedBrowser> found;
    if (platform::kThisSystem == platform::System::kLinux)
        found = find_sandboxed_browsers(args.browsers, sandbox_roots_from_process());
    return evaluate_sandboxed_browsers(found, platform::kThisSystem);
}

std::vector<CheckResult> check_state(const base::Clock& clock) {
    const auto dir = probe_state_dir();
    std::vector<CheckResult> results{evaluate_state_dir(dir)};
    if (dir.dir.empty()) return results;
    results.push_back(evaluate_guard_file(read_guard_file(dir.dir), clock.now_ms()));
    results.push_back(evaluate_helpdesk(probe_helpdesk(dir.dir)));
    return results;
}

// The network checks share one time budget and collect the servers' clocks.
class NetworkChecks {
  public:
    explicit NetworkChecks(const DoctorContext& context)
        : context_(context),
          deadline_ms_(context.clock->now_ms() + context.network_budget.count()),
          via_proxy_(https_proxy_configured()) {}

    // nullopt (with `why` set) when the budget is used up.
    std::optional<HttpResult> request(HttpRequest request, std::string& why) {
        const int64_t left = deadline_ms_ - context_.clock->now_ms();
        if (left < kShortestRequest.count()) {
            why = "doctor's " + std::to_string(context_.network_budget.count() / 1000) +
                  " s network budget is used up";
            return std::nullopt;
        }
        request.timeout = std::min(request.timeout, std::chrono::milliseconds(left));
        HttpResult result =
            context_.fetch ? context_.fetch(request) : fetch(request, *context_.clock);
        if (result.curl_code == 0 && result.date_header)
            if (const auto server = parse_http_date(*result.date_header))
                samples_.push_back({request.url, *server, result.local_ms_at_answer});
        return result;
    }

    CheckResult endpoint(const Endpoint& endpoint) {
        std::string why;
        const auto result = request({endpoint.url, true, 0, kRequestTimeout}, why);
        return result ? evaluate_endpoint(endpoint, *result, via_proxy_)
                      : skipped_endpoint(endpoint, why);
    }

    CheckResult certificate(const std::string& label, const config::Entra& entra) {
        const std::string name = "signing certificate " + label;
        std::string why;
        const auto result =
            request({metadata_url(entra), false, kMaxMetadataBytes, kRequestTimeout}, why);
        if (!result) return {name, Status::kSkip, "not fetched: " + why, "", {}};
        if (result->curl_code != 0)
            return {name,
                    Status::kSkip,
                    "the federation metadata could not be fetched: " +
                        describe_curl_error(result->curl_code).what,
                    "",
                    {}};
        if (result->http_status != 200)
            return {name,
                    Status::kWarn,
                    "the federation metadata answered HTTP " + std::to_string(result->http_status),
                    "check the profile's entra.tenantId and entra.appId",
                    {metadata_url(entra)}};
        const auto extracted = idp_signing_certificates(result->body);
        std::vector<CertificateInfo> certs;
        std::vector<std::string> unreadable;
        if (!extracted.problem.empty()) unreadable.push_back(extracted.problem);
        for (const auto& text : extracted.base64) {
            std::string problem;
            if (auto cert = read_certificate(text, problem))
                certs.push_back(*cert);
            else
                unreadable.push_back(problem);
        }
        return evaluate_signing_certificates(label, certs, unreadable, context_.clock->now_ms());
    }

    CheckResult clock() const { return evaluate_clock(samples_); }

  private:
    const DoctorContext& context_;
    int64_t deadline_ms_;
    bool via_proxy_;
    std::vector<ClockSample> samples_;
};

// One entry per Entra app; profiles sharing an app share its certificate.
std::vector<std::pair<std::string, config::Entra>> entra_apps(const config::Config& config) {
    std::vector<std::pair<std::string, config::Entra>> apps;
    for (const auto& profile : config.profiles) {
        auto same = std::find_if(apps.begin(), apps.end(), [&](const auto& app) {
            return app.second.tenantId == profile.entra.tenantId &&
                   app.second.appId == profile.entra.appId;
        });
        if (same != apps.end())
            same->first += ", " + profile.name;
        else
            apps.emplace_back(profile.name, profile.entra);
    }
    return apps;
}

std::vector<CheckResult> check_network(const DoctorArgs& args, const config::Config& config,
                                       const DoctorContext& context) {
    if (args.offline)
        return {{"network",
                 Status::kSkip,
                 "--offline: connectivity, clock and signing certificates not checked",
                 "",
                 {}}};
    if (config.profiles.empty())
        return {{"network", Status::kSkip, "no profile, so nothing to reach", "", {}}};
    NetworkChecks network(context);
    std::vector<CheckResult> results;
    for (const auto& endpoint : endpoints_for(config))
        results.push_back(network.endpoint(endpoint));
    std::vector<CheckResult> certificates;
    for (const auto& [label, entra] : entra_apps(config))
        certificates.push_back(network.certificate(label, entra));
    results.push_back(network.clock());
    results.insert(results.end(), certificates.begin(), certificates.end());
    return results;
}

}  // namespace

int run_doctor(const std::vector<std::string>& args, const DoctorContext& context,
               std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, doctor_options(), kCommand, kUsage, out, err);
    if (line.exit_code) return *line.exit_code;
    DoctorArgs parsed;
    try {
        parsed = parse_doctor_args(line.values);
    } catch (const UsageError& e) {
        return report_usage_error(err, kCommand, e.what(), kUsage);
    }
    const auto sources = context.resolve_sources(parsed.config_file);
    const auto loaded = config::load_config(sources, nullptr);

    std::vector<CheckResult> results{evaluate_config(sources, loaded)};
    for (auto& r : check_manifests(parsed, loaded.config)) results.push_back(std::move(r));
    results.push_back(check_sandboxed_browsers(parsed));
    for (auto& r : check_state(*context.clock)) results.push_back(std::move(r));
    for (auto& r : check_network(parsed, loaded.config, context)) results.push_back(std::move(r));

    if (parsed.json)
        out << to_json(results).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
    else
        out << format_report(results);
    return exit_code(results);
}

int run_doctor(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_doctor(args, DoctorContext{}, out, err);
}

}  // namespace ccp_relogin::cli
