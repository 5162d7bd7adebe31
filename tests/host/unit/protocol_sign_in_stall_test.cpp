// sign-in-stalled (docs/protocol.md): what the host accepts, and that it
// only records the report: the sign-in stays in flight as it was. The frames
// themselves are in tests/contract/.
#include <gtest/gtest.h>

#include <variant>

#include "protocol/messages.h"
#include "protocol/validate_message.h"
#include "protocol_test_support.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

json stalled_frame() {
    return {{"type", "sign-in-stalled"}, {"id", "s1"},
            {"correlationId", "corr-1"}, {"url", "https://login.microsoftonline.com/tid/saml2"},
            {"renavigation", 1},         {"quietMs", 8000}};
}

// The error code validation gives, or "accepted".
std::string verdict(const json& message) {
    const Validated v = validate_message(message);
    const auto* rejected = std::get_if<Rejected>(&v);
    return rejected ? rejected->error.code : "accepted";
}

TEST(ProtocolSignInStall, EveryFieldIsRequiredAndBounded) {
    EXPECT_EQ(verdict(stalled_frame()), "accepted");
    for (const char* field : {"correlationId", "url", "renavigation", "quietMs"}) {
        json missing = stalled_frame();
        missing.erase(field);
        EXPECT_EQ(verdict(missing), "missing-field") << field;
    }
    for (const json& renavigation : {json(0), json(-1), json(101)}) {
        json frame = stalled_frame();
        frame["renavigation"] = renavigation;
        EXPECT_EQ(verdict(frame), "bad-value") << renavigation;
    }
    json frame = stalled_frame();
    frame["renavigation"] = "1";
    EXPECT_EQ(verdict(frame), "wrong-type");
    frame = stalled_frame();
    frame["quietMs"] = -1;
    EXPECT_EQ(verdict(frame), "bad-value");
    frame = stalled_frame();
    frame["correlationId"] = std::string(65, 'c');
    EXPECT_EQ(verdict(frame), "too-long");
}

TEST(ProtocolSignInStall, IsRecordedAndTheSignInStaysInFlight) {
    test::TempDir temp;
    test::DispatcherRig rig(temp.path() / "state");
    const Expired expiry{"https://agents.example.com/ccp", "https://acme.my.connect.aws/ccp-v2",
                         Signal::kText, "Session expired"};
    const json relogin = rig.handle(expiry);
    ASSERT_EQ(relogin["type"], "relogin");

    const SignInStalled stalled{relogin["correlationId"],
                                "https://login.microsoftonline.com/tid/saml2", 2, 8000};
    EXPECT_EQ(rig.handle(stalled, json("s1")), json({{"type", "recorded"}, {"re", "s1"}}));

    EXPECT_EQ(rig.audit.back(),
              json::parse(R"({"event": "sign-in-stalled", "kind": "sign-in-stalled",
      "request": {"correlationId": "corr-1", "url": "https://login.microsoftonline.com/tid/saml2",
                  "renavigation": 2, "quietMs": 8000},
      "decision": "recorded", "reply": {"type": "recorded"}})"));
    // Nothing decided: the same sign-in is still under way.
    const json again = rig.handle(expiry);
    EXPECT_EQ(again["type"], "wait");
    EXPECT_EQ(again["reason"], "in-progress");
}

}  // namespace
}  // namespace ccp_relogin::protocol
