#include "cli/policy_command.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "cli/options_parser.h"
#include "config/build.h"
#include "config/config_file.h"
#include "config/layers.h"
#include "config/policy_limits.h"
#include "config/problem_text.h"
#include "config/validate.h"
#include "policy/admx.h"
#include "policy/browser_policies.h"
#include "policy/linux_policy.h"
#include "policy/managed_schema.h"
#include "policy/mobileconfig.h"
#include "policy/registry_file.h"

namespace ccp_relogin::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kCommand = "policy";
constexpr int kOk = 0;
constexpr int kRuntimeFailure = 1;

enum class Format { kChromeLinux, kEdgeLinux, kReg, kAdmx, kMobileconfig };

struct Request {
    Format format = Format::kChromeLinux;
    std::string extensionId;
    std::optional<std::string> updateUrl;
    std::optional<fs::path> configFile;
    std::optional<fs::path> outDir;
};

// A configuration that can't be used (exit 2): the lines to print.
struct ConfigRefused {
    std::vector<std::string> lines;
};

Options policy_options() {
    Options options;
    options.value("format", "chrome-linux, edge-linux, reg, admx or mobileconfig")
        .value("config",
               "read this configuration file (default: CCP_RELOGIN_CONFIG, else "
               "the machine file)")
        .value("extension-id", "the extension to force-install and configure (32 letters a-p)")
        .value("update-url", "where the browser installs it from (default: the browser's store)")
        .value("out", "with --format admx: write ccp-relogin.admx and en-US/ccp-relogin.adml here");
    return options;
}

Format parse_format(const std::string& name) {
    if (name == "chrome-linux") return Format::kChromeLinux;
    if (name == "edge-linux") return Format::kEdgeLinux;
    if (name == "reg") return Format::kReg;
    if (name == "admx") return Format::kAdmx;
    if (name == "mobileconfig") return Format::kMobileconfig;
    throw UsageError("--format must be chrome-linux, edge-linux, reg, admx or mobileconfig");
}

Request parse_request(const OptionValues& values) {
    Request request;
    if (!values.has("format")) throw UsageError("--format is required");
    request.format = parse_format(values.value("format"));
    if (!values.has("extension-id"))
        throw UsageError("give the extension's ID with --extension-id");
    request.extensionId = values.value("extension-id");
    if (values.has("update-url")) request.updateUrl = values.value("update-url");
    if (values.has("config")) request.configFile = fs::path(values.value("config"));
    if (values.has("out")) {
        if (values.value("out").empty()) throw UsageError("--out must not be empty");
        request.outDir = fs::path(values.value("out"));
    }
    if (request.format == Format::kAdmx && !request.outDir)
        throw UsageError("--format admx writes two files: give the folder with --out DIR");
    if (request.format != Format::kAdmx && request.outDir)
        throw UsageError("--out goes with --format admx; the other formats print to stdout");
    return request;
}

std::vector<policy::Vendor> vendors_of(Format format) {
    if (format == Format::kChromeLinux) return {policy::Vendor::kChrome};
    if (format == Format::kEdgeLinux) return {policy::Vendor::kEdge};
    return {std::begin(policy::kVendors), std::end(policy::kVendors)};
}

// The one file the policy is made from.
fs::path config_path(const Request& request, const SourcesResolver& resolve_sources) {
    const auto sources = resolve_sources(request.configFile);
    if (sources.explicit_file) return *sources.explicit_file;
    if (sources.machine_file.empty())
        throw ConfigRefused{{"no configuration file: pass --config FILE"}};
    return sources.machine_file;
}

struct CompanyConfig {
    json document;  // validated
    config::Config config;
};

CompanyConfig read_company_config(const fs::path& path) {
    auto read = config::read_config_file(path, config::FileRequirement::kRequired);
    ConfigRefused refused;
    for (const auto& problem : read.problems)
        refused.lines.push_back(config::format_problem(problem, true));
    if (!read.document) throw refused;
    const auto loaded =
        config::assemble_config({config::ConfigLayer{path.string(), *read.document}});
    for (const auto& problem : loaded.problems)
        refused.lines.push_back(config::format_problem(problem, true));
    if (!refused.lines.empty()) throw refused;
    return CompanyConfig{config::validate_config_json(*read.document, path.string()).valid,
                         loaded.config};
}

// What the agents' hosts would refuse from this policy when their files
// give no leave: judged against the defaults, which is what an agent
// without a configuration file has.
std::vector<config::Problem> refused_without_leave(const json& extension_config) {
    json policy = extension_config;
    std::vector<config::Problem> problems;
    config::limit_policy(policy, config::build_config(json::object()), problems);
    return problems;
}

void report_notes(const CompanyConfig& company, const policy::PolicyInput& input,
                  std::ostream& err) {
    for (const auto& path : input.nullsLeftOut)
        err << "ccp-relogin policy: note: " << path
            << " is null, left out: a policy value can't be null (the agents' files or "
               "the default apply).\n";
    for (const auto key : policy::kFilesOnlyKeys)
        if (company.document.contains(std::string(key)))
            err << "ccp-relogin policy: note: " << key
                << " left out: only a configuration file may set it.\n";
    for (const auto& problem : refused_without_leave(input.extensionConfig))
        err << "ccp-relogin policy: warning: " << problem.path << ": " << problem.reason << ".\n";
}

// Template files, not state: plain writes, 0644, like `manifest --root`.
void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
    using fs::perms;
    fs::permissions(
        path, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
}

int print_policy(const Request& request, const std::vector<policy::BrowserPolicies>& browsers,
                 std::ostream& out) {
    switch (request.format) {
        case Format::kChromeLinux:
        case Format::kEdgeLinux:
            out << policy::linux_policy_json(browsers.front()).dump(2) << '\n';
            return kOk;
        case Format::kReg:
            out << policy::registry_file(browsers);
            return kOk;
        case Format::kMobileconfig:
            out << policy::build_mobileconfig(browsers).text;
            return kOk;
        case Format::kAdmx: {
            const auto files = policy::build_admx(browsers, policy::managed_schema());
            const auto admx = *request.outDir / policy::kAdmxFileName;
            const auto adml = *request.outDir / policy::kAdmlFileName;
            write_file(admx, files.admx);
            write_file(adml, files.adml);
            out << "wrote " << admx.generic_string() << "\nwrote " << adml.generic_string() << '\n';
            return kOk;
        }
    }
    return kRuntimeFailure;
}

}  // namespace

int run_policy(const std::vector<std::string>& args, const SourcesResolver& resolve_sources,
               std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, policy_options(), kCommand, out, err);
    if (line.exit_code) return *line.exit_code;
    try {
        const auto request = parse_request(line.values);
        const auto company = read_company_config(config_path(request, resolve_sources));
        const auto input =
            policy::policy_input(company.document, company.config, policy::managed_schema(),
                                 request.extensionId, request.updateUrl);
        std::vector<policy::BrowserPolicies> browsers;
        for (const auto vendor : vendors_of(request.format))
            browsers.push_back(policy::build_browser_policies(vendor, input));
        report_notes(company, input, err);
        return print_policy(request, browsers, out);
    } catch (const UsageError& e) {
        return report_usage_error(err, kCommand, e.what());
    } catch (const ConfigRefused& refused) {
        for (const auto& text : refused.lines) err << "ccp-relogin policy: " << text << '\n';
        return kExitUsage;
    } catch (const std::invalid_argument& e) {
        err << "ccp-relogin policy: " << e.what() << ".\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        err << "ccp-relogin policy: " << e.what() << ".\n";
        return kRuntimeFailure;
    }
}

int run_policy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_policy(args, default_sources_resolver(), out, err);
}

}  // namespace ccp_relogin::cli
