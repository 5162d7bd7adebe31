// doctor's request over WinHTTP (Windows): network/probe_http.h,
// network/windows_winhttp.h.
#include <variant>

#include "base/url.h"
#include "network/probe_http.h"
#include "network/windows_winhttp.h"

namespace ccp_relogin::network {
namespace {

HttpResult failed(HttpResult result, const winhttp::Failure& failure) {
    result.error_code = static_cast<int>(failure.code);
    result.error_detail = failure.detail;
    result.body.clear();
    return result;
}

winhttp::Failure last_failure() {
    const DWORD code = ::GetLastError();
    return {code, winhttp::error_text(code)};
}

}  // namespace

HttpResult fetch(const HttpRequest& request, const base::Clock& clock,
                 const FetchOptions& options) {
    HttpResult result;
    if (options.connect_to)  // WinHTTP has no such option
        return failed(result, {ERROR_NOT_SUPPORTED, "connect_to is not available with WinHTTP"});
    winhttp::ServerCheck check;
    if (options.ca_file) {
        check.ca_file = *options.ca_file;
        if (const auto parsed = base::parse_url(request.url)) check.host = parsed->host;
    }
    const int64_t started = clock.now_ms();
    auto opened = winhttp::open_exchange(request.url, request.head ? L"HEAD" : L"GET",
                                         L"ccp-relogin-doctor", request.timeout);
    if (auto* failure = std::get_if<winhttp::Failure>(&opened)) return failed(result, *failure);
    auto& ex = std::get<winhttp::Exchange>(opened);
    if (auto failure = winhttp::prepare_for(ex, check)) return failed(result, *failure);
    if (!::WinHttpSendRequest(ex.request.get(), WINHTTP_NO_ADDITIONAL_HEADERS, 0,
                              WINHTTP_NO_REQUEST_DATA, 0, 0, 0))
        return failed(result, last_failure());
    if (auto failure = winhttp::check_server(ex, check)) return failed(result, *failure);
    if (!::WinHttpReceiveResponse(ex.request.get(), nullptr)) return failed(result, last_failure());
    result.http_status = static_cast<long>(winhttp::status_code(ex));
    result.date_header = winhttp::header(ex, WINHTTP_QUERY_DATE);
    if (!request.head) {
        if (auto failure =
                winhttp::read_body(ex, &result.body, request.max_body_bytes, result.body_too_large))
            return failed(result, *failure);
        if (result.body_too_large)
            return failed(result,
                          {winhttp::kBodyTooLargeCode, "the answer is larger than expected"});
    }
    result.local_ms_at_answer = clock.now_ms();
    result.elapsed_ms = result.local_ms_at_answer - started;
    return result;
}

FailureWords describe_error(int code) {
    switch (static_cast<DWORD>(code)) {
        case ERROR_WINHTTP_NAME_NOT_RESOLVED:
            return {NetworkFailure::kDns, "DNS: the name does not resolve",
                    "check the network connection, the VPN and the DNS settings"};
        case ERROR_WINHTTP_AUTODETECTION_FAILED:
        case ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT:
        case ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT:
            return {NetworkFailure::kProxy, "the proxy's configuration script can't be used",
                    "check the proxy settings (Internet Options, or the PAC script's address)"};
        case ERROR_WINHTTP_CANNOT_CONNECT:
            return {NetworkFailure::kConnect, "no connection (refused or unreachable)",
                    "check the firewall and whether a proxy is required"};
        case ERROR_WINHTTP_TIMEOUT:
            return {NetworkFailure::kTimeout, "no answer in time",
                    "check the network; a firewall may drop the traffic silently"};
        case ERROR_WINHTTP_SECURE_CHANNEL_ERROR:
        case ERROR_WINHTTP_SECURE_FAILURE:
            return {NetworkFailure::kTls, "TLS: the secure connection failed",
                    "a proxy or firewall may interfere with HTTPS to this host; a TLS-inspecting "
                    "proxy needs its CA certificate in the Windows certificate store"};
        case ERROR_WINHTTP_SECURE_INVALID_CA:
            return {NetworkFailure::kTls, "TLS: the server's certificate is not trusted",
                    "a TLS-inspecting proxy? deploy its CA certificate to the Windows certificate "
                    "store (Trusted Root Certification Authorities, by Group Policy or Intune)"};
        case ERROR_WINHTTP_SECURE_CERT_CN_INVALID:
        case ERROR_WINHTTP_SECURE_CERT_DATE_INVALID:
        case ERROR_WINHTTP_SECURE_INVALID_CERT:
        case ERROR_WINHTTP_SECURE_CERT_REVOKED:
            return {NetworkFailure::kTls, "TLS: the server's certificate is not valid for it",
                    "a proxy may answer in the server's place; check the machine's clock"};
        case ERROR_WINHTTP_CONNECTION_ERROR:
        case ERROR_WINHTTP_INVALID_SERVER_RESPONSE:
            return {NetworkFailure::kConnect, "the connection was dropped without an answer",
                    "a proxy or firewall may block this host"};
        case winhttp::kBodyTooLargeCode:
            return {NetworkFailure::kTooLarge, "the answer is larger than expected",
                    "check whether a proxy answers in the server's place"};
        case ERROR_WINHTTP_UNRECOGNIZED_SCHEME:
            return {NetworkFailure::kOther, "not an https URL", "check the configuration"};
        default:
            return {NetworkFailure::kOther,
                    "network error: " + winhttp::error_text(static_cast<DWORD>(code)),
                    "check the network connection"};
    }
}

std::string_view http_library_name() { return "WinHTTP"; }

// WinHTTP is part of Windows: its version is the system's.
std::string http_library_version() { return "WinHTTP (the system's), CryptoAPI"; }

std::string_view proxy_setting_name() { return "the Windows proxy settings"; }

bool https_proxy_configured() {
    WINHTTP_CURRENT_USER_IE_PROXY_CONFIG config{};
    if (!::WinHttpGetIEProxyConfigForCurrentUser(&config)) return false;
    const bool configured =
        config.fAutoDetect || config.lpszAutoConfigUrl != nullptr || config.lpszProxy != nullptr;
    for (auto* text : {config.lpszAutoConfigUrl, config.lpszProxy, config.lpszProxyBypass})
        if (text) ::GlobalFree(text);
    return configured;
}

}  // namespace ccp_relogin::network
