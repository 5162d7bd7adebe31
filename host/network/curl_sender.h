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
//    "Authorization: Splunk <token>"; the token is never logged.
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
};

RequestSettings request_settings(std::string url, std::string_view hostVersion,
                                 const std::vector<std::string>& pinnedKeys = {},
                                 std::string_view splunkToken = {});

class CurlSender final : public audit::HttpSender {
  public:
    explicit CurlSender(std::string hostVersion, std::vector<std::string> pinnedKeys = {},
                        std::string splunkToken = {})
        : hostVersion_(std::move(hostVersion)),
          pinnedKeys_(std::move(pinnedKeys)),
          splunkToken_(std::move(splunkToken)) {}
    audit::SendOutcome post_json(const std::string& url, const std::string& body,
                                 const audit::AbortCheck& abort) override;

  private:
    std::string hostVersion_;
    std::vector<std::string> pinnedKeys_;
    std::string splunkToken_;
};

}  // namespace ccp_relogin::network
