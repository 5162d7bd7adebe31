#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/extension_ids.h"
#include "protocol/caller_origin.h"

namespace ccp_relogin::protocol {
namespace {

const std::string kDevelopment = std::string(platform::kDevelopmentExtensionId);
const std::string kCompanyBuild = "abcdefghijklmnopabcdefghijklmnop";

TEST(ProtocolCallerOrigin, ExtractsTheIdOfAWellFormedOrigin) {
    EXPECT_EQ(extension_id_from_origin("chrome-extension://" + kDevelopment + "/"), kDevelopment);
}

TEST(ProtocolCallerOrigin, RefusesMalformedOrigins) {
    for (const std::string& bad : std::vector<std::string>{
             "chrome-extension://" + kDevelopment,                    // no trailing slash
             "chrome-extension://" + kDevelopment + "/x",             // a path
             "chrome-extension://" + kDevelopment + "//",             // extra slash
             "CHROME-EXTENSION://" + kDevelopment + "/",              // scheme case
             "chrome-extension://LGNOGNMBODADAMBBBCIGKEFNNGODPEGE/",  // upper-case ID
             "chrome-extension://lgnognmbodadambbbcigkefnngodpegq/",  // q is not a-p
             "chrome-extension://lgnognmbodadambbbcigkefnngodpeg/",   // 31 characters
             "moz-extension://" + kDevelopment + "/",
             "https://" + kDevelopment + "/",
             "",
         }) {
        EXPECT_EQ(extension_id_from_origin(bad), std::nullopt) << bad;
        EXPECT_FALSE(is_allowed_origin(bad, {kDevelopment}, true)) << bad;
    }
}

// Trusted or not is config/development_trust.h's call.
TEST(ProtocolCallerOrigin, DevelopmentIdIsAllowedWithoutConfigurationOnlyWhenTrusted) {
    EXPECT_TRUE(is_allowed_origin("chrome-extension://" + kDevelopment + "/", {}, true));
    EXPECT_FALSE(is_allowed_origin("chrome-extension://" + kDevelopment + "/", {}, false));
}

TEST(ProtocolCallerOrigin, ConfiguredIdIsAllowedOthersAreNot) {
    const std::string origin = "chrome-extension://" + kCompanyBuild + "/";
    EXPECT_FALSE(is_allowed_origin(origin, {}, true));
    EXPECT_TRUE(is_allowed_origin(origin, {kCompanyBuild}, false));
    EXPECT_FALSE(is_allowed_origin(origin, {"bcdefghijklmnopabcdefghijklmnopa"}, true));
}

}  // namespace
}  // namespace ccp_relogin::protocol
