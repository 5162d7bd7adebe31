// ccp-relogin-network: the product's one program that links libcurl
// (docs/architecture.md, "Processes"). ccp-relogin starts it; people don't
// need to:
//   probe [--config F]                  doctor's network, clock and certificate
//                                       checks, printed as doctor's JSON array
//   forward --url U --host-version V [--format json|otlp] [--pin K]...
//                                       audit forwarding: one JSON line per
//                                       event on stdin, sent to U until stdin ends
//   version                             what it was built with
// Its arguments come from ccp-relogin only, so they are read by hand here
// rather than through the CLI layer's table (cli/commands.cpp).
#include <curl/curl.h>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_forwarder.h"
#include "audit/forward_wire.h"
#include "base/random_source.h"
#include "config/loader.h"
#include "doctor/report.h"
#include "network/curl_sender.h"
#include "network/probe_network.h"
#include "version.h"

namespace {

using namespace ccp_relogin;

// A line longer than this is not one the host wrote (audit lines are capped
// far below it, audit/redact.h): skipped.
constexpr std::size_t kMaxLineBytes = 1 << 20;

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

int forward(const std::vector<std::string>& args) {
    const auto url = option(args, "--url");
    const auto host_version = option(args, "--host-version").value_or(kVersion);
    const auto format = audit::wire_format_named(option(args, "--format").value_or("json"));
    if (!url || !format) {
        std::cerr << "ccp-relogin-network: forward needs --url, and --format json or otlp\n";
        return 2;
    }
    // --pin K, once per pinned key (audit.forwardPublicKeySha256).
    std::vector<std::string> pins;
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--pin") pins.push_back(args[i + 1]);
    network::CurlSender sender(host_version, pins);
    audit::AuditForwarder forwarder(
        sender, base::system_clock(), base::random_jitter, host_version,
        [](const std::string& line) { std::cerr << ("ccp-relogin: " + line + "\n") << std::flush; },
        audit::ForwarderOptions{.format = *format});
    if (!forwarder.set_destination(*url)) return 1;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.size() > kMaxLineBytes) continue;
        auto event = nlohmann::json::parse(line, nullptr, false);
        if (event.is_object()) forwarder.enqueue(std::move(event));
    }
    forwarder.stop();
    return 0;
}

int version() {
    std::cout << "ccp-relogin-network " << kVersion << '\n' << curl_version() << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
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
                 "usage: ccp-relogin-network probe [--config F] | forward --url U "
                 "[--host-version V] | version\n";
    return 2;
}
