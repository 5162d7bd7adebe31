#include "federation/return_url.h"

#include "base/url.h"
#include "federation/relay_state.h"

namespace ccp_relogin::federation {
namespace {

// The reported page rebuilt on the allowlisted entry's origin, or nullopt when
// the entry doesn't cover it. Concatenating is safe here: the host and port come
// from configuration, and the path is the reported URL's canonical, already
// encoded path (base::parse_url refuses any other), which starts with "/" and can't carry "?" or
// "#".
std::optional<std::string> covered_by(const std::string& entry, const base::ParsedUrl& page) {
    const auto allowed = base::parse_url(entry);
    if (!allowed || allowed->scheme != "https" || allowed->has_userinfo) return std::nullopt;
    if (allowed->host != page.host || allowed->port != page.port) return std::nullopt;
    if (!base::path_is_within(page.path, allowed->path)) return std::nullopt;
    if (page.path == allowed->path) return entry;
    const std::string port = allowed->port.empty() ? "" : ":" + allowed->port;
    return "https://" + allowed->host + port + page.path;
}

}  // namespace

std::string choose_return_url(const config::Profile& profile, std::string_view reported) {
    if (const auto page = base::parse_url(reported);
        page && page->scheme == "https" && !page->has_userinfo) {
        for (const auto& entry : profile.returnTo)
            if (auto url = covered_by(entry, *page)) return *url;
    }
    if (!profile.returnTo.empty()) return profile.returnTo.front();
    return connect_destination_url(profile);
}

}  // namespace ccp_relogin::federation
