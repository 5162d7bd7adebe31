#include "federation/profile_match.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "base/url.h"
#include "federation/relay_state.h"

// How a page URL is matched to a profile
// ---------------------------------------
// The page URL is untrusted (a web page reports it); it only ever *selects* a
// profile, and every URL the host hands out is built from configuration.
//
// 1. The URL is parsed by base::parse_url, which takes only the canonical
//    form Chrome sends. It matches nothing unless it is https and has no user
//    name or password. URLs over 8 KiB, or in a spelling Chrome would have
//    rewritten (spaces, control characters, backslashes, dot segments),
//    match nothing. Host names compare
//    case-insensitively and exactly: no suffix tricks (acme.my.connect.aws.evil.com
//    is not acme.my.connect.aws). Rules a-c need the default port (none or 443);
//    rule d needs the port of the returnTo entry.
// 2. The first of these rules that names at least one profile decides the
//    candidates, which keep their order in the configuration:
//    a. Connect, new domain: host `<alias>.my.connect.aws`, or Global
//       Resiliency's subdomain-based `<region>.<alias>.my.connect.aws`, any path
//       -> the profiles whose instance.alias is <alias>. (Instances configured
//       on the legacy domain match too: AWS redirects them to the new one.)
//    b. Connect, legacy domain: host `<alias>.awsapps.com` and path `/connect`
//       or below it -> the profiles whose instance.alias is <alias>. Other paths
//       on awsapps.com (e.g. /start, the IAM Identity Center portal) match nothing.
//    c. The federate URL: host `<region>.console.aws.amazon.com` or
//       `console.amazonaws-us-gov.com`, path `/connect/federate/<instance-id>`
//       (a trailing "/" is ignored) -> the profiles whose relay state points
//       there: same instance.id (case-insensitive) and the same console host
//       (the profile's region for partition aws; any region for aws-us-gov).
//    d. A custom CCP: the profiles with a `returnTo` entry of the same origin
//       (https, host, port) whose path is the page's path or a parent of it at a
//       "/" boundary ("/ccp" covers "/ccp/x", not "/ccpx"; a path with an encoded
//       dot "%2e" is never covered).
// 3. Among the candidates of a-c, the profile whose destination path is the
//    longest parent of the page path (same "/" boundary rule) wins. The
//    destination path is the profile's `destination` without its query, with
//    the legacy /connect prefix on awsapps.com pages (b) and, for c, when the
//    profile is on awsapps.com (as in its relay state). For c the page path is
//    the relay state's decoded `destination` parameter without its query.
//    Among the candidates of d, the one with the longest matching returnTo path
//    wins. Ties, or no destination covering the page (e.g. Connect's /login
//    page after expiry), go to the first candidate in configuration order.
//    Example: agents-us (destination /ccp-v2) and admins-us (destination
//    /home) on one instance: acme.my.connect.aws/ccp-v2/chat picks agents-us,
//    acme.my.connect.aws/home picks admins-us, acme.my.connect.aws/login picks
//    whichever comes first in the configuration.

namespace ccp_relogin::federation {
namespace {

using config::Profile;

using base::ascii_lower;

// "<label><suffix>" with a single, non-empty label; nullopt otherwise.
std::optional<std::string> single_label_before(std::string_view host, std::string_view suffix) {
    if (!host.ends_with(suffix) || host.size() == suffix.size()) return std::nullopt;
    const auto label = host.substr(0, host.size() - suffix.size());
    if (label.find('.') != std::string_view::npos) return std::nullopt;
    return std::string(label);
}

// "us-east-1", "us-gov-west-1": the shape of a region label (config/validate.cpp
// checks configured regions the same way).
bool is_region_label(std::string_view label) {
    const auto first = label.find('-');
    const auto last = label.rfind('-');
    if (first != 2 || last == first || last + 1 >= label.size() || label.size() - last > 3)
        return false;
    return std::all_of(label.begin(), label.begin() + 2,
                       [](char c) { return c >= 'a' && c <= 'z'; }) &&
           std::all_of(label.begin() + static_cast<std::ptrdiff_t>(last) + 1, label.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

// The alias of a new-domain Connect host: "<alias>.my.connect.aws", or the
// subdomain-based alias of Global Resiliency, "<region>.<alias>.my.connect.aws".
std::optional<std::string> new_domain_alias(std::string_view host) {
    constexpr std::string_view kSuffix = ".my.connect.aws";
    if (auto alias = single_label_before(host, kSuffix)) return alias;
    const auto dot = host.find('.');
    if (dot == std::string_view::npos || !is_region_label(host.substr(0, dot))) return std::nullopt;
    return single_label_before(host.substr(dot + 1), kSuffix);
}

std::string_view without_query(std::string_view path) { return path.substr(0, path.find('?')); }

// Which rule of the comment block applies to the page, and what it extracted.
enum class PageKind { kNewDomain, kLegacyDomain, kFederate, kOther };

struct PageFacts {
    PageKind kind = PageKind::kOther;
    std::string alias;         // a, b
    std::string instance_id;   // c (lower case)
    std::string console_host;  // c
    std::string path;          // path used for the destination tie-break
};

PageFacts classify(const base::ParsedUrl& url) {
    PageFacts facts;
    if (auto alias = new_domain_alias(url.host)) {
        facts = {PageKind::kNewDomain, *alias, "", "", url.path};
    } else if (auto legacy = single_label_before(url.host, ".awsapps.com");
               legacy && base::path_is_within(url.path, "/connect")) {
        facts = {PageKind::kLegacyDomain, *legacy, "", "", url.path};
    } else if (constexpr std::string_view kFederate = "/connect/federate/";
               url.path.starts_with(kFederate)) {
        std::string id = url.path.substr(kFederate.size());
        if (id.ends_with('/')) id.pop_back();
        const auto destination = base::query_parameter(url.query, "destination");
        facts = {PageKind::kFederate, "", ascii_lower(id), url.host,
                 std::string(without_query(destination.value_or("")))};
    }
    return facts;
}

bool is_candidate(const Profile& profile, const PageFacts& page) {
    switch (page.kind) {
        case PageKind::kNewDomain:
        case PageKind::kLegacyDomain:
            return ascii_lower(profile.instance.alias) == page.alias;
        case PageKind::kFederate:
            return ascii_lower(profile.instance.id) == page.instance_id &&
                   console_host(profile.instance) == page.console_host;
        case PageKind::kOther:
            return false;
    }
    return false;
}

// The destination path the profile lands on, as the page's host shows it.
std::string destination_path_for(const Profile& profile, PageKind kind) {
    switch (kind) {
        case PageKind::kLegacyDomain:
            return std::string(without_query(legacy_connect_destination(profile.destination)));
        case PageKind::kFederate:
            return std::string(without_query(connect_destination(profile)));
        default:
            return std::string(without_query(profile.destination));
    }
}

// Longest covering path wins; ties and "none covers" go to the earliest entry.
template <typename Score>
const Profile* pick_best(const std::vector<const Profile*>& candidates, Score score) {
    const Profile* best = candidates.empty() ? nullptr : candidates.front();
    std::size_t best_score = 0;
    for (const Profile* profile : candidates) {
        if (const std::size_t s = score(*profile); s > best_score) {
            best = profile;
            best_score = s;
        }
    }
    return best;
}

const Profile* match_connect_page(const config::Config& config, const PageFacts& page) {
    std::vector<const Profile*> candidates;
    for (const auto& profile : config.profiles)
        if (is_candidate(profile, page)) candidates.push_back(&profile);
    // Scores are the covering path's length + 1, so that "/" still beats "none".
    return pick_best(candidates, [&](const Profile& profile) -> std::size_t {
        const auto destination = destination_path_for(profile, page.kind);
        return base::path_is_within(page.path, destination) ? destination.size() + 1 : 0;
    });
}

// Length + 1 of the longest returnTo path of `profile` covering the page; 0 if none.
std::size_t return_to_score(const Profile& profile, const base::ParsedUrl& page) {
    std::size_t best = 0;
    for (const auto& entry : profile.returnTo) {
        const auto allowed = base::parse_url(entry);
        if (!allowed || allowed->scheme != "https" || allowed->has_userinfo) continue;
        if (allowed->host != page.host || allowed->port != page.port) continue;
        if (base::path_is_within(page.path, allowed->path))
            best = std::max(best, allowed->path.size() + 1);
    }
    return best;
}

const Profile* match_custom_ccp(const config::Config& config, const base::ParsedUrl& page) {
    std::vector<const Profile*> candidates;
    for (const auto& profile : config.profiles)
        if (return_to_score(profile, page) > 0) candidates.push_back(&profile);
    return pick_best(candidates,
                     [&](const Profile& profile) { return return_to_score(profile, page); });
}

// The AWS console hosts that serve the federate endpoint (relay_state.cpp).
bool is_console_host(std::string_view host) {
    return host == "console.amazonaws-us-gov.com" ||
           single_label_before(host, ".console.aws.amazon.com").has_value();
}

}  // namespace

bool is_connect_page(std::string_view page_url) {
    const auto url = base::parse_url(page_url);
    if (!url) return false;
    if (new_domain_alias(url->host)) return true;
    if (single_label_before(url->host, ".awsapps.com"))
        return base::path_is_within(url->path, "/connect");
    return is_console_host(url->host) && url->path.starts_with("/connect/federate/");
}

const Profile* match_profile(const config::Config& config, std::string_view page_url) {
    const auto url = base::parse_url(page_url);
    if (!url || url->scheme != "https" || url->has_userinfo) return nullptr;
    if (base::is_plain_https(*url)) {  // Connect and the AWS console only use the default port
        const PageFacts page = classify(*url);
        if (page.kind != PageKind::kOther)
            if (const Profile* profile = match_connect_page(config, page)) return profile;
    }
    return match_custom_ccp(config, *url);
}

}  // namespace ccp_relogin::federation
