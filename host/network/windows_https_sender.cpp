// HttpsSender over WinHTTP (Windows): network/https_sender.h,
// network/windows_winhttp.h.
#include <variant>

#include "base/url.h"
#include "network/https_sender.h"
#include "network/windows_winhttp.h"
#include "platform/windows_handle.h"

namespace ccp_relogin::network {
namespace {

constexpr std::size_t kMaxAnswerBytes = 1024 * 1024;  // read and thrown away

audit::SendOutcome unreachable(const winhttp::Failure& failure) {
    return {audit::SendOutcome::Kind::kUnreachable, 0, failure.detail};
}

std::wstring header_block(const std::vector<std::string>& headers) {
    std::string block;
    for (const auto& header : headers) block += header + "\r\n";
    return platform::widen(block);
}

// Sends `verb` with `headers` and `body`, checking the server (pins, CA
// file) after the handshake and before the body goes.
audit::SendOutcome exchange(const RequestSettings& s, const winhttp::ServerCheck& check,
                            std::wstring_view verb, const std::vector<std::string>& headers,
                            const std::string& body) {
    auto opened = winhttp::open_exchange(s.url, verb, platform::widen(s.userAgent),
                                         std::chrono::milliseconds(s.totalTimeoutMs));
    if (auto* failure = std::get_if<winhttp::Failure>(&opened)) return unreachable(*failure);
    auto& ex = std::get<winhttp::Exchange>(opened);
    if (auto failure = winhttp::prepare_for(ex, check)) return unreachable(*failure);
    const std::wstring block = header_block(headers);
    if (!::WinHttpSendRequest(ex.request.get(), block.c_str(), static_cast<DWORD>(-1L),
                              WINHTTP_NO_REQUEST_DATA, 0, static_cast<DWORD>(body.size()), 0))
        return unreachable({::GetLastError(), winhttp::error_text(::GetLastError())});
    if (auto failure = winhttp::check_server(ex, check)) return unreachable(*failure);
    DWORD written = 0;
    if (!body.empty() && !::WinHttpWriteData(ex.request.get(), body.data(),
                                             static_cast<DWORD>(body.size()), &written))
        return unreachable({::GetLastError(), winhttp::error_text(::GetLastError())});
    if (!::WinHttpReceiveResponse(ex.request.get(), nullptr))
        return unreachable({::GetLastError(), winhttp::error_text(::GetLastError())});
    bool too_large = false;
    winhttp::read_body(ex, nullptr, kMaxAnswerBytes, too_large);
    return outcome_of_status(static_cast<long>(winhttp::status_code(ex)));
}

}  // namespace

audit::SendOutcome HttpsSender::post_json(const std::string& url, const std::string& body,
                                          const audit::AbortCheck& abort) {
    if (abort && abort()) return {audit::SendOutcome::Kind::kAborted, 0, "stopped"};
    const RequestSettings s = request_settings(url, hostVersion_, access_);
    winhttp::ServerCheck check{s.pinnedKeys, s.caFile, ""};
    if (const auto parsed = base::parse_url(s.url)) check.host = parsed->host;
    // WinHTTP writes the headers before the certificate can be read: with a
    // secret among them (the Splunk token) and a check of our own to pass,
    // a request without headers or body goes first, so that a server that
    // fails the check never sees the token (docs/architecture.md, "Windows").
    const bool secret_in_headers = !access_.splunkToken.empty();
    if (secret_in_headers && (!check.pinned_keys.empty() || !check.ca_file.empty())) {
        const auto first = exchange(s, check, L"HEAD", {}, "");
        if (first.kind == audit::SendOutcome::Kind::kUnreachable) return first;
    }
    if (abort && abort()) return {audit::SendOutcome::Kind::kAborted, 0, "stopped"};
    return exchange(s, check, L"POST", s.headers, body);
}

}  // namespace ccp_relogin::network
