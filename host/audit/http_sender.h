#pragma once
// The one network operation audit forwarding needs, behind an interface so
// that the forwarding logic is tested with a fake and only
// network/https_sender.h, in ccp-relogin-network, touches the network.
#include <functional>
#include <string>

namespace ccp_relogin::audit {

struct SendOutcome {
    enum class Kind {
        kDelivered,    // HTTP 2xx
        kRefused,      // any other HTTP status (redirects are not followed)
        kUnreachable,  // DNS, connection, TLS, timeout: no HTTP status
        kAborted,      // the caller's abort check said stop
    };
    Kind kind = Kind::kUnreachable;
    long httpStatus = 0;  // 0 when there was no HTTP response
    // Short and safe for stderr: "HTTP 503" or libcurl's error text. Never
    // the response body.
    std::string detail;
};

// Polled while a request runs; returning true abandons it.
using AbortCheck = std::function<bool()>;

class HttpSender {
  public:
    virtual ~HttpSender() = default;
    // POSTs `body` (JSON text) to `url` with Content-Type: application/json.
    virtual SendOutcome post_json(const std::string& url, const std::string& body,
                                  const AbortCheck& abort) = 0;
};

}  // namespace ccp_relogin::audit
