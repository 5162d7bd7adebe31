#pragma once
// Test-side URL reading, independent of base/url.h: the produced URLs are
// parsed back with libcurl's CURLU directly and decoded one level at a time, so
// an encoding mistake in the code under test can't cancel itself out here.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"

namespace ccp_relogin::testing {

struct SplitUrl {
    std::string scheme, host, path, query;
    std::map<std::string, std::string> params;  // decoded once
};

inline std::string curl_part(CURLU* u, CURLUPart part) {
    char* raw = nullptr;
    if (curl_url_get(u, part, &raw, 0) != CURLUE_OK) return "";
    std::string s(raw);
    curl_free(raw);
    return s;
}

inline std::string decode_once(const std::string& s) {
    int n = 0;
    char* raw = curl_easy_unescape(nullptr, s.c_str(), static_cast<int>(s.size()), &n);
    std::string out(raw, static_cast<std::size_t>(n));
    curl_free(raw);
    return out;
}

// Parses with CURLU; every query value is percent-decoded exactly once.
inline std::optional<SplitUrl> split_url(const std::string& url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
    if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
    SplitUrl split{curl_part(u.get(), CURLUPART_SCHEME),
                   curl_part(u.get(), CURLUPART_HOST),
                   curl_part(u.get(), CURLUPART_PATH),
                   curl_part(u.get(), CURLUPART_QUERY),
                   {}};
    std::string rest = split.query;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        split.params[pair.substr(0, eq)] =
            eq == std::string::npos ? "" : decode_once(pair.substr(eq + 1));
        rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
    }
    return split;
}

inline config::Profile make_profile(std::string name = "agents-us",
                                    std::string destination = "/ccp-v2") {
    config::Profile p;
    p.name = std::move(name);
    p.instance.id = "178c75e4-b3de-4839-a6aa-e321ab3f3770";
    p.instance.alias = "acme";
    p.instance.region = "us-east-1";
    p.entra.tenantId = "9b1c1f5e-3f4a-4c8e-9d2a-6f0e1b2c3d4e";
    p.entra.appId = "0f3c2a1b-8d7e-4f6a-9b5c-1e2d3f4a5b6c";
    p.destination = std::move(destination);
    return p;
}

}  // namespace ccp_relogin::testing
