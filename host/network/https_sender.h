#pragma once
// audit::HttpSender over the system's HTTPS library: libcurl and OpenSSL on
// Linux and macOS (posix_https_sender.cpp), WinHTTP and the Windows
// certificate store on Windows (windows_https_sender.cpp). The settings are
// built by a pure function (request_settings), and what an answer means by
// another (outcome_of_status), so that tests check them without a network.
// The same guarantees on both systems:
//  - https only, certificate and host name always verified, against the
//    system's CA store (Windows: the certificate store, where a company's
//    TLS-inspection CA is deployed by Group Policy);
//  - no redirects followed (a 3xx is a refusal: a collector that moved must
//    be configured again, not followed to wherever a response points);
//  - connect timeout 3 s, whole request 5 s;
//  - the response body is read and thrown away, never logged;
//  - proxies: libcurl's defaults (https_proxy, no_proxy, …); on Windows
//    WinHTTP's automatic proxy (WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY: the
//    system's settings, WPAD and PAC scripts included, Windows 8.1 and later);
//  - with pinned keys (audit.forwardPublicKeySha256), the collector's
//    public key must also be one of them (the SHA-256 of its
//    SubjectPublicKeyInfo, checked after the handshake), so that a CA that
//    signs for anyone (a TLS-inspecting proxy) can't read the trail;
//  - with a Splunk HEC token (audit.forwardTokenFile), the header
//    "Authorization: Splunk <token>"; the token is never logged;
//  - with a CA file (`forward --ca-file`, a command-line option only: for
//    tests against a local collector, and for an administrator trying a
//    collector by hand), that file's certificates are the trusted ones
//    instead of the system's; verification itself never goes off.
#include <string>
#include <string_view>
#include <vector>

#include "audit/http_sender.h"

namespace ccp_relogin::network {

struct RequestSettings {
    std::string url;
    std::vector<std::string> headers;
    std::string userAgent;
    std::string allowedProtocols = "https";
    long connectTimeoutMs = 3'000;
    long totalTimeoutMs = 5'000;
    bool followRedirects = false;
    bool verifyPeer = true;
    bool verifyHost = true;
    std::string pinnedPublicKey;          // "sha256//A=;sha256//B=" (libcurl's form), or empty
    std::vector<std::string> pinnedKeys;  // the same keys, one base64 SHA-256 each
    std::string caFile;                   // empty: the system's CA store
};

// What it takes to be let in by the collector, and to trust it.
struct CollectorAccess {
    std::vector<std::string> pinnedKeys;  // audit.forwardPublicKeySha256
    std::string splunkToken;              // read from audit.forwardTokenFile
    std::string caFile;                   // forward --ca-file
};

RequestSettings request_settings(std::string url, std::string_view hostVersion,
                                 const CollectorAccess& access = {});

// Pure. What an HTTP status means to the forwarder: 2xx delivered, any other
// status refused (redirects included: they are not followed).
audit::SendOutcome outcome_of_status(long status);

class HttpsSender final : public audit::HttpSender {
  public:
    explicit HttpsSender(std::string hostVersion, CollectorAccess access = {})
        : hostVersion_(std::move(hostVersion)), access_(std::move(access)) {}
    audit::SendOutcome post_json(const std::string& url, const std::string& body,
                                 const audit::AbortCheck& abort) override;

  private:
    std::string hostVersion_;
    CollectorAccess access_;
};

}  // namespace ccp_relogin::network
