#pragma once
// doctor's one network primitive: a single HTTPS request through libcurl with
// a short timeout, no redirects followed, and the answer's status and Date
// header kept. libcurl honours the usual proxy variables (https_proxy,
// HTTPS_PROXY, no_proxy) by itself, as the browser's system proxy usually
// does on Linux. And the words for libcurl's errors, so a helpdesk reads
// "DNS" or "TLS" instead of an error number.
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
    int curl_code = 0;            // CURLcode; 0: an HTTP answer came
    std::string curl_detail;      // libcurl's error text, when curl_code != 0
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
    std::optional<std::string> connect_to;  // CURLOPT_CONNECT_TO "host:port:addr:port"
    std::optional<std::string> ca_file;     // CURLOPT_CAINFO
};

// Performs `request` with libcurl. Never throws for network trouble.
HttpResult fetch(const HttpRequest& request, const base::Clock& clock,
                 const FetchOptions& options = {});

// What kind of trouble a libcurl error is.
enum class NetworkFailure { kDns, kProxy, kConnect, kTls, kTimeout, kTooLarge, kOther };

struct FailureWords {
    NetworkFailure kind;
    std::string what;  // "DNS: the name does not resolve"
    std::string fix;   // "check the network connection, VPN or DNS settings"
};

// Pure. `code` is a CURLcode other than CURLE_OK.
FailureWords describe_curl_error(int code);

// True when libcurl will use a proxy for https URLs (https_proxy, HTTPS_PROXY
// or all_proxy set), so messages can say so. Reads the environment.
bool https_proxy_configured();

}  // namespace ccp_relogin::network
