#pragma once
// audit::HttpSender over libcurl. The settings are built by a pure function
// (request_settings) so that tests can check them without a network:
//  - https only (CURLOPT_PROTOCOLS_STR "https"), certificate and host name
//    always verified, against the system's CA store;
//  - no redirects followed (a 3xx is a refusal: a collector that moved must
//    be configured again, not followed to wherever a response points);
//  - connect timeout 3 s, whole request 5 s;
//  - the response body is read and thrown away, never logged;
//  - proxies come from libcurl's defaults (https_proxy, no_proxy, …);
//  - with pinned keys (audit.forwardPublicKeySha256), the collector's
//    public key must also be one of them (CURLOPT_PINNEDPUBLICKEY), so that
//    a CA that signs for anyone (a TLS-inspecting proxy) can't read the trail;
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
    std::string pinnedPublicKey;  // "sha256//A=;sha256//B=", or empty: no pin
    std::string caFile;           // empty: the system's CA store
};

// What it takes to be let in by the collector, and to trust it.
struct CollectorAccess {
    std::vector<std::string> pinnedKeys;  // audit.forwardPublicKeySha256
    std::string splunkToken;              // read from audit.forwardTokenFile
    std::string caFile;                   // forward --ca-file
};

RequestSettings request_settings(std::string url, std::string_view hostVersion,
                                 const CollectorAccess& access = {});

class CurlSender final : public audit::HttpSender {
  public:
    explicit CurlSender(std::string hostVersion, CollectorAccess access = {})
        : hostVersion_(std::move(hostVersion)), access_(std::move(access)) {}
    audit::SendOutcome post_json(const std::string& url, const std::string& body,
                                 const audit::AbortCheck& abort) override;

  private:
    std::string hostVersion_;
    CollectorAccess access_;
};

}  // namespace ccp_relogin::network
