// doctor's request over libcurl (Linux, macOS): network/probe_http.h.
#include <curl/curl.h>

#include <cstdlib>
#include <memory>

#include "network/probe_http.h"

namespace ccp_relogin::network {
namespace {

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct BodySink {
    std::string* body;
    std::size_t limit;
    bool* too_large;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<BodySink*>(user);
    const std::size_t bytes = size * count;
    if (sink->body->size() + bytes > sink->limit) {
        *sink->too_large = true;
        return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
    }
    sink->body->append(data, bytes);
    return bytes;
}

void global_init_once() {
    static const bool initialised = [] {
        return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    }();
    (void)initialised;
}

bool env_set(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

}  // namespace

HttpResult fetch(const HttpRequest& request, const base::Clock& clock,
                 const FetchOptions& options) {
    global_init_once();
    HttpResult result;
    Easy easy(curl_easy_init());
    if (!easy) {
        result.error_code = CURLE_FAILED_INIT;
        result.error_detail = "libcurl could not start";
        return result;
    }
    char error[CURL_ERROR_SIZE] = "";
    CURL* e = easy.get();
    const long timeout_ms = static_cast<long>(request.timeout.count());
    curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "ccp-relogin-doctor");
    curl_easy_setopt(e, CURLOPT_NOBODY, request.head ? 1L : 0L);
    BodySink sink{&result.body, request.max_body_bytes, &result.body_too_large};
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &sink);
    Slist connect_to;
    if (options.connect_to) {
        connect_to.reset(curl_slist_append(nullptr, options.connect_to->c_str()));
        curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to.get());
    }
    if (options.ca_file) curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_file->c_str());

    const int64_t started = clock.now_ms();
    const CURLcode code = curl_easy_perform(e);
    result.local_ms_at_answer = clock.now_ms();
    result.elapsed_ms = result.local_ms_at_answer - started;
    result.error_code = static_cast<int>(code);
    if (code != CURLE_OK) {
        result.error_detail = *error ? error : curl_easy_strerror(code);
        result.body.clear();
        return result;
    }
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &result.http_status);
    curl_header* date = nullptr;
    if (curl_easy_header(e, "Date", 0, CURLH_HEADER, -1, &date) == CURLHE_OK && date != nullptr)
        result.date_header = date->value;
    return result;
}

FailureWords describe_error(int code) {
    switch (static_cast<CURLcode>(code)) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return {NetworkFailure::kDns, "DNS: the name does not resolve",
                    "check the network connection, the VPN and the DNS settings"};
        case CURLE_COULDNT_RESOLVE_PROXY:
            return {NetworkFailure::kProxy, "the proxy's name does not resolve",
                    "check https_proxy / HTTPS_PROXY"};
        case CURLE_COULDNT_CONNECT:
            return {NetworkFailure::kConnect, "no connection (refused or unreachable)",
                    "check the firewall and whether a proxy is required"};
        case CURLE_OPERATION_TIMEDOUT:
            return {NetworkFailure::kTimeout, "no answer in time",
                    "check the network; a firewall may drop the traffic silently"};
        case CURLE_SSL_CONNECT_ERROR:
            return {NetworkFailure::kTls, "TLS: the secure connection failed",
                    "a proxy or firewall may interfere with HTTPS to this host"};
        case CURLE_PEER_FAILED_VERIFICATION:
            return {NetworkFailure::kTls, "TLS: the server's certificate is not trusted",
                    "a TLS-inspecting proxy? install its CA certificate on this machine"};
        case CURLE_SSL_CACERT_BADFILE:
            return {NetworkFailure::kTls, "TLS: the CA certificates of this machine can't be read",
                    "reinstall the ca-certificates package"};
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
            return {NetworkFailure::kConnect, "the connection was dropped without an answer",
                    "a proxy or firewall may block this host"};
        case CURLE_WRITE_ERROR:
            return {NetworkFailure::kTooLarge, "the answer is larger than expected",
                    "check whether a proxy answers in the server's place"};
        case CURLE_UNSUPPORTED_PROTOCOL:
            return {NetworkFailure::kOther, "not an https URL", "check the configuration"};
        default:
            return {
                NetworkFailure::kOther,
                std::string("network error: ") + curl_easy_strerror(static_cast<CURLcode>(code)),
                "check the network connection"};
    }
}

std::string_view http_library_name() { return "libcurl"; }

std::string http_library_version() { return curl_version(); }

std::string_view proxy_setting_name() { return "https_proxy/HTTPS_PROXY"; }

bool https_proxy_configured() {
    return env_set("https_proxy") || env_set("HTTPS_PROXY") || env_set("all_proxy") ||
           env_set("ALL_PROXY");
}

}  // namespace ccp_relogin::network
