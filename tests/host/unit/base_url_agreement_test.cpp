// base::parse_url against the WHATWG parser (Node's, the standard Chrome
// follows), over the inputs in tests/host/data/url-agreement.json: the host
// never reads a URL differently from the browser. It may refuse what the
// browser would have rewritten, but whatever it accepts it splits as the
// browser does, and every canonical https URL (what Chrome reports) it
// accepts, IPv6 literals aside.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/url.h"
#include "support/repo_files.h"

namespace ccp_relogin::base {
namespace {

using nlohmann::json;

json agreement_cases() {
    const auto text = testing::read_repo_file("tests/host/data/url-agreement.json");
    const auto document = json::parse(text, nullptr, false);
    return document.is_object() ? document.value("cases", json::array()) : json::array();
}

// What Chrome reports for a page the host may act on. IPv6 literals are
// refused on purpose (base/url.h).
bool is_plain_canonical_https(const json& c) {
    return c.value("canonical", false) && c["scheme"] == "https" && !c["userinfo"].get<bool>() &&
           !c["host"].get<std::string>().starts_with('[');
}

TEST(UrlAgreement, WhatTheHostAcceptsItSplitsAsTheBrowserDoes) {
    const json cases = agreement_cases();
    ASSERT_GE(cases.size(), 50u) << "tests/host/data/url-agreement.json missing or short";
    for (const auto& c : cases) {
        const std::string input = c["input"];
        SCOPED_TRACE(input);
        const auto parsed = parse_url(input);
        if (!c["valid"].get<bool>()) {
            EXPECT_EQ(parsed, std::nullopt) << "the browser refuses it";
            continue;
        }
        if (is_plain_canonical_https(c)) {
            EXPECT_TRUE(parsed) << "Chrome reports URLs like this";
        }
        if (!parsed) continue;
        EXPECT_EQ(parsed->scheme, c["scheme"]);
        EXPECT_EQ(parsed->host, c["host"]);
        EXPECT_EQ(parsed->port, c["port"]);
        EXPECT_EQ(parsed->path, c["path"]);
        EXPECT_EQ(parsed->query, c["query"]);
        EXPECT_EQ(parsed->fragment, c["fragment"]);
        EXPECT_EQ(parsed->has_userinfo, c["userinfo"].get<bool>());
    }
}

}  // namespace
}  // namespace ccp_relogin::base
