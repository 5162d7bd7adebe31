// doctor's line on the development extension: whether any unpacked copy of
// extension/ (its key is public) may call this host, and why.
#include <gtest/gtest.h>

#include <string>

#include "doctor/check_development_extension.h"

namespace ccp_relogin::doctor {
namespace {

TEST(DoctorDevelopmentExtension, NotTrustedIsOk) {
    const auto r = evaluate_development_extension({false, "a release build, and no marker", {}});
    EXPECT_EQ(r.name, "development extension");
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_EQ(r.summary,
              "lgnognmbodadambbbcigkefnngodpege is not trusted: a release build, and no marker");
    EXPECT_EQ(r.fix, "");
}

TEST(DoctorDevelopmentExtension, ADevelopmentBuildSaysSo) {
    const auto r = evaluate_development_extension({true, "this is a development build", {}});
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_NE(r.summary.find("is trusted: this is a development build"), std::string::npos)
        << r.summary;
    EXPECT_NE(r.summary.find("any unpacked copy"), std::string::npos) << r.summary;
}

// On an agent's machine that is a way in for any unpacked extension.
TEST(DoctorDevelopmentExtension, TrustByMarkerWarnsAndSaysHowToUndoIt) {
    const auto r =
        evaluate_development_extension({true, "/etc/ccp-relogin/trust-development-extension exists",
                                        "/etc/ccp-relogin/trust-development-extension"});
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_NE(r.fix.find("remove /etc/ccp-relogin/trust-development-extension"), std::string::npos)
        << r.fix;
}

}  // namespace
}  // namespace ccp_relogin::doctor
