#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "platform/extension_ids.h"
#include "protocol/caller_origin.h"

namespace ccp_relogin::protocol {
namespace {

const std::string kBuiltIn = std::string(platform::kDevelopmentExtensionId);
const std::string kCompanyBuild = "abcdefghijklmnopabcdefghijklmnop";

TEST(ProtocolCallerOrigin, ExtractsTheIdOfAWellFormedOrigin) {
    EXPECT_EQ(extension_id_from_origin("chrome-extension://" + kBuiltIn + "/"), kBuiltIn);
}

TEST(ProtocolCallerOrigin, RefusesMalformedOrigins) {
    for (const std::string& bad : std::vector<std::string>{
             "chrome-extension://" + kBuiltIn,                        // no trailing slash
             "chrome-extension://" + kBuiltIn + "/x",                 // a path
             "chrome-extension://" + kBuiltIn + "//",                 // extra slash
             "CHROME-EXTENSION://" + kBuiltIn + "/",                  // scheme case
             "chrome-extension://LGNOGNMBODADAMBBBCIGKEFNNGODPEGE/",  // upper-case ID
             "chrome-extension://lgnognmbodadambbbcigkefnngodpegq/",  // q is not a-p
             "chrome-extension://lgnognmbodadambbbcigkefnngodpeg/",   // 31 characters
             "moz-extension://" + kBuiltIn + "/",
             "https://" + kBuiltIn + "/",
             "",
         }) {
        EXPECT_EQ(extension_id_from_origin(bad), std::nullopt) << bad;
        EXPECT_FALSE(is_allowed_origin(bad, {kBuiltIn})) << bad;
    }
}

TEST(ProtocolCallerOrigin, BuiltInIdIsAllowedWithoutConfiguration) {
    EXPECT_TRUE(is_allowed_origin("chrome-extension://" + kBuiltIn + "/", {}));
}

TEST(ProtocolCallerOrigin, ConfiguredIdIsAllowedOthersAreNot) {
    const std::string origin = "chrome-extension://" + kCompanyBuild + "/";
    EXPECT_FALSE(is_allowed_origin(origin, {}));
    EXPECT_TRUE(is_allowed_origin(origin, {kCompanyBuild}));
    EXPECT_FALSE(is_allowed_origin(origin, {"bcdefghijklmnopabcdefghijklmnopa"}));
}

}  // namespace
}  // namespace ccp_relogin::protocol
