#pragma once
// The browser's third-party-cookie rule a custom CCP needs: a custom-CCP page
// embeds Connect from another site, so the Connect session cookie reaches
// that frame only where the browser allows Connect's cookies embedded in the
// custom CCP's origin (docs/facts.md, "Third-party cookies"). Pure. The
// administrator's lever is the policy CookiesAllowedForUrls with entries
// "<site allowed to use cookies>,<top-level site>"; this is the one place
// that spells them from the configuration: welcome.config carries them to
// the extension's diagnosis, doctor compares them with the browser's
// settings, and a `policy` command can print them.
#include <string>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::federation {

// "https://[*.]my.connect.aws" or "https://[*.]awsapps.com": every instance
// of the profile's Connect domain, so one entry covers all of a company's
// instances there.
std::string connect_site_pattern(const config::Instance& instance);

// The origins ("https://host" or "https://host:port") of the profile's
// returnTo URLs, first seen first, without repeats; entries that are not
// plain https URLs are left out.
std::vector<std::string> return_to_origins(const config::Profile& profile);

// "https://[*.]my.connect.aws,https://agents.example.com": the
// CookiesAllowedForUrls entry for `instance` embedded in `embedder_origin`.
std::string cookies_allowed_entry(const config::Instance& instance,
                                  const std::string& embedder_origin);

// One CookiesAllowedForUrls entry per returnTo origin of `profile`.
std::vector<std::string> cookies_allowed_for_urls(const config::Profile& profile);

// Every profile's entries, first seen first, without repeats.
std::vector<std::string> cookies_allowed_for_urls(const config::Config& config);

}  // namespace ccp_relogin::federation
