#include "cli/log_command.h"

#include <exception>
#include <optional>

#include "audit/audit_log.h"
#include "audit/log_chain.h"
#include "audit/log_view.h"
#include "base/clock.h"
#include "cli/options_parser.h"
#include "platform/files.h"
#include "platform/paths.h"

namespace ccp_relogin::cli {
namespace {

using nlohmann::json;

constexpr const char* kCommand = "log";
constexpr int kRuntimeFailure = 1;

Options log_options() {
    Options options;
    options
        .value("since",
               "only events at or after T: a UTC time (2026-12-02T07:30) or a span back (15m, "
               "2h, 7d)")
        .flag("json", "print the lines as written, one JSON object each")
        .flag("verify", "check the hash chain and say which line breaks it");
    return options;
}

// Each file as the writer does: ours, regular, no link followed
// (platform/files.h), so the command can't be pointed elsewhere.
std::vector<audit::LogFile> read_log_files(const std::filesystem::path& state_dir) {
    std::vector<audit::LogFile> files;
    for (const auto& path : audit::log_files_oldest_first(state_dir)) {
        const auto file = platform::open_own_file_if_present(path, platform::FileAccess::kRead);
        if (!file) continue;  // rotated away meanwhile
        files.push_back(
            {path.filename().string(), file->read_at(0, static_cast<std::size_t>(file->size()))});
    }
    return files;
}

int verify(const std::vector<audit::LogFile>& files, std::ostream& out) {
    std::size_t lines = 0;
    for (const auto& file : files) lines += audit::split_log(file.text).lines.size();
    bool tampered = false;
    for (const auto& finding : audit::verify_chain(files)) {
        tampered = tampered || audit::is_tampering(finding);
        out << (audit::is_tampering(finding) ? "BROKEN " : "note   ") << finding.message << '\n';
    }
    out << (tampered ? "audit log changed after it was written: " : "audit log intact: ") << lines
        << " lines in " << files.size() << " files\n";
    return tampered ? kRuntimeFailure : 0;
}

void show(const std::vector<audit::LogFile>& files, const std::optional<std::string>& since,
          bool as_json, std::ostream& out) {
    for (const auto& file : files)
        for (const auto& line : audit::split_log(file.text).lines) {
            if (!line.event) continue;
            if (since && line.event->value("ts", "") < *since) continue;
            out << (as_json ? line.text : audit::readable_line(*line.event)) << '\n';
        }
}

}  // namespace

int run_log(const std::vector<std::string>& args, const std::filesystem::path& state_dir,
            std::ostream& out, std::ostream& err) {
    const auto line = parse_command_line(args, log_options(), kCommand, out, err);
    if (line.exit_code) return *line.exit_code;
    const OptionValues& values = line.values;
    std::optional<std::string> since;
    if (values.has("since")) {
        since = audit::since_timestamp(values.value("since"), base::system_clock().now_ms());
        if (!since)
            return report_usage_error(err, kCommand,
                                      "--since takes a UTC time (2026-12-02T07:30) or a span "
                                      "back (15m, 2h, 7d)");
    }
    std::vector<audit::LogFile> files;
    try {
        files = read_log_files(state_dir);
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    if (values.has("verify")) return verify(files, out);
    show(files, since, values.has("json"), out);
    return 0;
}

int run_log(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::filesystem::path state_dir;
    try {
        state_dir = platform::state_dir();
    } catch (const std::exception& e) {
        err << "ccp-relogin " << kCommand << ": " << e.what() << ".\n";
        return kRuntimeFailure;
    }
    return run_log(args, state_dir, out, err);
}

}  // namespace ccp_relogin::cli
