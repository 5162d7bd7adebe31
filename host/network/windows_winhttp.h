#pragma once
// Windows only (included by the network layer's windows_*.cpp): the pieces
// of a WinHTTP exchange that doctor's request (windows_probe_http.cpp) and
// audit forwarding (windows_https_sender.cpp) share, so both make their
// requests the same way:
//  - one session with WinHTTP's automatic proxy (the system's settings, WPAD
//    and PAC scripts included, as Chrome and Edge use on Windows);
//  - https only, redirects never followed (WINHTTP_DISABLE_REDIRECTS);
//  - the server's certificate verified by WinHTTP against the Windows
//    certificate store, where a company's TLS-inspection CA is deployed by
//    Group Policy; and, where the caller asks for more (pinned keys, a CA
//    file), checked again here after the handshake and before any body is
//    written (check_server).
#include <windows.h>
// windows.h first: winhttp.h uses its types.
#include <wincrypt.h>
#include <winhttp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ccp_relogin::network::winhttp {

struct HandleCloser {
    void operator()(void* handle) const { ::WinHttpCloseHandle(handle); }
};
using Handle = std::unique_ptr<void, HandleCloser>;

// A request's session, connection and request handles, closed in reverse.
struct Exchange {
    Handle session;
    Handle connection;
    Handle request;
};

// Why an exchange could not be made: a WinHTTP (or Win32) error code and its words.
struct Failure {
    DWORD code = 0;
    std::string detail;
};

// The system's message for `code` (winhttp.dll's for ERROR_WINHTTP_*), one line.
std::string error_text(DWORD code);

// Opens `verb` of the https URL `url` (UTF-8), with `user_agent`, each phase
// (resolve, connect, send, receive) limited to `timeout`. A URL that is not
// https, or any failure, is a Failure.
std::variant<Exchange, Failure> open_exchange(const std::string& url, std::wstring_view verb,
                                              std::wstring_view user_agent,
                                              std::chrono::milliseconds timeout);

// What the server must also satisfy beyond WinHTTP's own verification.
struct ServerCheck {
    std::vector<std::string> pinned_keys;  // base64 SHA-256 of the SubjectPublicKeyInfo
    std::string ca_file;  // PEM: chain to one of these instead of the store's roots
    std::string host;     // the name the certificate must be for (with ca_file)
};

// Before sending: with a CA file, WinHTTP must let an unknown root through
// (SECURITY_FLAG_IGNORE_UNKNOWN_CA, nothing else) for check_server to judge.
std::optional<Failure> prepare_for(const Exchange& exchange, const ServerCheck& check);

// After WinHttpSendRequest returned (the handshake is done, no body is
// written yet): nullopt when the server's certificate satisfies `check`.
std::optional<Failure> check_server(const Exchange& exchange, const ServerCheck& check);

// The answer's status code, 0 if none.
DWORD status_code(const Exchange& exchange);

// A response header's raw value (e.g. WINHTTP_QUERY_DATE), UTF-8; nullopt when absent.
std::optional<std::string> header(const Exchange& exchange, DWORD query);

// Reads the body into `body` (nullptr: read and thrown away) up to
// `max_bytes`; false with `too_large` set when it is longer.
std::optional<Failure> read_body(const Exchange& exchange, std::string* body, std::size_t max_bytes,
                                 bool& too_large);

// A body longer than asked for, reported as HttpResult::error_code (no
// WinHTTP error means it).
inline constexpr DWORD kBodyTooLargeCode = ERROR_INSUFFICIENT_BUFFER;

// The ERROR_WINHTTP_* code a CA-file or pin refusal is reported as.
inline constexpr DWORD kUntrustedCode = ERROR_WINHTTP_SECURE_INVALID_CA;

}  // namespace ccp_relogin::network::winhttp
