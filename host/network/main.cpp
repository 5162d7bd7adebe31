// ccp-relogin-network: the product's one program that touches the network
// (libcurl and OpenSSL on Linux and macOS, WinHTTP and CryptoAPI on Windows)
// (docs/architecture.md, "Processes"). ccp-relogin starts it; people don't
// need to:
//   probe [--config F]                  doctor's network, clock and certificate
//                                       checks, printed as doctor's JSON array
//   forward --state-dir D --url U --host-version V [--format json|otlp] [--pin K]...
//                                       audit forwarding: the user's one
//                                       forwarder sends D's audit log to U
//                                       (audit/log_forwarder.h), until idle
//   version                             what it was built with
// Its arguments come from ccp-relogin only, so they are read by hand here
// rather than through the CLI layer's table (cli/commands.cpp).
#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audit/forward_wire.h"
#include "audit/log_cursor.h"
#include "audit/log_forwarder.h"
#include "base/random_source.h"
#include "config/loader.h"
#include "doctor/report.h"
#include "network/https_sender.h"
#include "network/probe_http.h"
#include "network/probe_network.h"
#include "network/token_file.h"
#include "platform/files.h"
#include "version.h"

namespace {

using namespace ccp_relogin;

std::optional<std::string> option(const std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return std::nullopt;
}

int probe(const std::vector<std::string>& args) {
    const auto file = option(args, "--config");
    const auto sources = config::default_config_sources(
        file ? std::optional<std::filesystem::path>(*file) : std::nullopt);
    const auto loaded = config::load_config(sources, nullptr);
    const auto results = network::probe_network(loaded.config, network::NetworkProbe{});
    std::cout << doctor::to_json(results).dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace)
              << '\n';
    return 0;
}

// One forwarder per user: whoever holds <state_dir>/forward.lock. After it
// lets go, a line written meanwhile (its writer saw the lock held and
// started no one) is caught by one more look, under the lock again.
int forward(const std::vector<std::string>& args) {
    const auto state_dir = option(args, "--state-dir");
    const auto url = option(args, "--url");
    const auto host_version = option(args, "--host-version").value_or(kVersion);
    const auto format = audit::wire_format_named(option(args, "--format").value_or("json"));
    if (!state_dir || !url || !format) {
        std::cerr << "ccp-relogin-network: forward needs --state-dir and --url, and --format "
                     "json, otlp or splunk-hec\n";
        return 2;
    }
    const auto token_file = option(args, "--token-file");
    if (*format == audit::WireFormat::kSplunkHec && !token_file) {
        std::cerr << "ccp-relogin: audit forwarding is off: audit.forwardFormat \"splunk-hec\" "
                     "needs audit.forwardTokenFile (the local audit log is still written)\n";
        return 1;
    }
    if (const auto problem = audit::forward_url_problem(*url)) {
        std::cerr << "ccp-relogin: " << audit::forwarding_off_line(*url, *problem) << '\n';
        return 1;
    }
    std::vector<std::string> pins;  // --pin K, once per audit.forwardPublicKeySha256 entry
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--pin") pins.push_back(args[i + 1]);
    std::string token;
    if (token_file) {
        try {
            token = network::read_token_file(*token_file);
        } catch (const std::exception& e) {
            std::cerr << "ccp-relogin: audit forwarding is off: " << e.what()
                      << " (the local audit log is still written)\n";
            return 1;
        }
    }
    network::HttpsSender sender(host_version, {.pinnedKeys = pins,
                                               .splunkToken = token,
                                               .caFile = option(args, "--ca-file").value_or("")});
    const audit::LogForwarderSettings settings{
        .stateDir = *state_dir, .url = *url, .hostVersion = host_version, .format = *format};
    const auto status = [](const std::string& line) {
        std::cerr << ("ccp-relogin: " + line + "\n") << std::flush;
    };
    for (;;) {
        std::optional<platform::FileLock> lock;
        try {
            lock.emplace(settings.stateDir / "forward.lock", platform::FileLock::Mode::kExclusive,
                         std::chrono::milliseconds(0));
        } catch (const std::exception&) {
            return 0;  // another forwarder runs
        }
        audit::LogForwarder(
            settings, sender, base::system_clock(),
            [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); },
            base::random_jitter, status)
            .run();
        lock.reset();
        if (audit::read_log_after(settings.stateDir, audit::load_position(settings.stateDir), 1)
                .lines.empty())
            return 0;
    }
}

int version() {
    std::cout << "ccp-relogin-network " << kVersion << '\n'
              << network::http_library_version() << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef SIGPIPE
    // A forwarder outlives the host that started it, and with it the pipe
    // its stderr may be: a status line then fails with EPIPE, it never kills.
    // (Windows has no such signal: a write to a closed pipe just fails.)
    ::signal(SIGPIPE, SIG_IGN);
#endif
    const std::vector<std::string> args(argv + 1, argv + argc);
    const std::string command = args.empty() ? "" : args.front();
    try {
        if (command == "probe") return probe(args);
        if (command == "forward") return forward(args);
        if (command == "version" || command == "--version") return version();
    } catch (const std::exception& e) {
        std::cerr << "ccp-relogin-network: " << e.what() << '\n';
        return 1;
    }
    std::cerr << "ccp-relogin-network is started by ccp-relogin (doctor, audit forwarding); "
                 "usage: ccp-relogin-network probe [--config F] | forward --state-dir D --url U "
                 "[--host-version V] [--format json|otlp|splunk-hec] [--pin K]... [--token-file F] "
                 "[--ca-file F] | "
                 "version\n";
    return 2;
}
