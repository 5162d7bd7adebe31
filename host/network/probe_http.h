#pragma once
// doctor's one network primitive: a single HTTPS request with a short
// timeout, certificate and host name verified against the system's store, no
// redirects followed, and the answer's status and Date header kept. And the
// words for the library's errors, so a helpdesk reads "DNS" or "TLS" instead
// of an error number. One implementation per system:
//  - posix_probe_http.cpp: libcurl, which honours the usual proxy variables
//    (https_proxy, HTTPS_PROXY, no_proxy) by itself, as the browser's system
//    proxy usually does on Linux;
//  - windows_probe_http.cpp: WinHTTP with its automatic proxy (the system's
//    settings, WPAD, PAC), as Chrome and Edge use on Windows.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace ccp_relogin::network {

inline constexpr std::chrono::milliseconds kRequestTimeout{5000};

struct HttpRequest {
    std::string url;                 // https only; built from configuration
    bool head = true;                // HEAD: is it reachable; GET: keep the body
    std::size_t max_body_bytes = 0;  // GET: a longer body ends the transfer (kTooLarge)
    std::chrono::milliseconds timeout = kRequestTimeout;
};

struct HttpResult {
    int error_code = 0;           // CURLcode, or WinHTTP's ERROR_WINHTTP_*; 0: an HTTP answer came
    std::string error_detail;     // the library's error text, when error_code != 0
    bool body_too_large = false;  // the transfer was cut at max_body_bytes
    long http_status = 0;
    std::optional<std::string> date_header;  // the answer's Date, verbatim
    int64_t local_ms_at_answer = 0;          // the local clock when the answer was complete
    int64_t elapsed_ms = 0;
    std::string body;  // GET only
};

// How doctor makes requests; tests substitute their own.
using Fetcher = std::function<HttpResult(const HttpRequest&)>;

// Test seams for the real fetcher: where to connect and what to trust, so a
// local TLS server can stand in for a configured host. Production uses neither.
struct FetchOptions {
    // CURLOPT_CONNECT_TO "host:port:addr:port". POSIX only: WinHTTP has no
    // such option, and a request that asks for it fails (kOther).
    std::optional<std::string> connect_to;
    // Trust exactly this PEM file's certificates instead of the system's
    // (https_sender.h says how on each system).
    std::optional<std::string> ca_file;
};

// Performs `request`. Never throws for network trouble.
HttpResult fetch(const HttpRequest& request, const base::Clock& clock,
                 const FetchOptions& options = {});

// What kind of trouble a library error is.
enum class NetworkFailure { kDns, kProxy, kConnect, kTls, kTimeout, kTooLarge, kOther };

struct FailureWords {
    NetworkFailure kind;
    std::string what;  // "DNS: the name does not resolve"
    std::string fix;   // "check the network connection, VPN or DNS settings"
};

// Pure. `code` is an HttpResult::error_code other than 0.
FailureWords describe_error(int code);

// The library that made the request ("libcurl", "WinHTTP"), for doctor's details.
std::string_view http_library_name();

// That library and its version, for `ccp-relogin-network version`.
std::string http_library_version();

// Where this system's proxy for https URLs is set, for a fix line
// ("https_proxy/HTTPS_PROXY").
std::string_view proxy_setting_name();

// True when requests to https URLs will go through a proxy (POSIX:
// https_proxy, HTTPS_PROXY or all_proxy set; Windows: a proxy, a PAC script
// or auto-detection in the user's settings), so messages can say so.
bool https_proxy_configured();

}  // namespace ccp_relogin::network
