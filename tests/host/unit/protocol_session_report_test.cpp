// session (docs/protocol.md): what the host accepts, and that it only
// records the report, under the kind an administrator counts. The frames
// themselves are in tests/contract/.
#include <gtest/gtest.h>

#include <variant>

#include "protocol/messages.h"
#include "protocol/validate_message.h"
#include "protocol_test_support.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

json restored_frame() {
    return {{"type", "session"},         {"id", "r1"},
            {"event", "restored"},       {"outcome", "agent-back"},
            {"profile", "agents-us"},    {"reason", ""},
            {"correlationId", "corr-1"}, {"stuckMs", 1600},
            {"signInMs", 1400}};
}

std::string verdict(const json& message) {
    const Validated v = validate_message(message);
    const auto* rejected = std::get_if<Rejected>(&v);
    return rejected ? rejected->error.code : "accepted";
}

TEST(ProtocolSessionReport, EventsOutcomesAndDurationsAreChecked) {
    EXPECT_EQ(verdict(restored_frame()), "accepted");
    for (const char* field : {"event", "outcome", "profile", "reason"}) {
        json missing = restored_frame();
        missing.erase(field);
        EXPECT_EQ(verdict(missing), "missing-field") << field;
    }
    for (const char* optional : {"correlationId", "stuckMs", "signInMs"}) {
        json without = restored_frame();
        without.erase(optional);
        EXPECT_EQ(verdict(without), "accepted") << optional;
    }
    json frame = restored_frame();
    frame["event"] = "refreshed";
    EXPECT_EQ(verdict(frame), "bad-value");
    frame = restored_frame();
    frame["outcome"] = "ask";  // an outcome of sign-out-respected
    EXPECT_EQ(verdict(frame), "bad-value");
    frame = restored_frame();
    frame["signInMs"] = -1;
    EXPECT_EQ(verdict(frame), "bad-value");
    frame = restored_frame();
    frame["stuckMs"] = "1600";
    EXPECT_EQ(verdict(frame), "wrong-type");
    frame = restored_frame();
    frame["profile"] = std::string(65, 'p');
    EXPECT_EQ(verdict(frame), "too-long");
    for (const auto& [event, outcome] : {std::pair{"refresh", "started"},
                                         {"refresh", "landed"},
                                         {"refresh", "deferred"},
                                         {"refresh", "failed"},
                                         {"sign-out-respected", "agent-logout"},
                                         {"sign-out-respected", "wait-for-agent"},
                                         {"sign-out-respected", "ask"},
                                         {"sign-out-respected", "relogin"}}) {
        json report = {{"type", "session"},
                       {"event", event},
                       {"outcome", outcome},
                       {"profile", "agents-us"},
                       {"reason", "why"}};
        EXPECT_EQ(verdict(report), "accepted") << event << " " << outcome;
    }
}

TEST(ProtocolSessionReport, IsRecordedUnderItsEventAsKind) {
    test::TempDir temp;
    test::DispatcherRig rig(temp.path() / "state");
    const SessionReport report{"restored", "agent-back", "agents-us", "", "corr-1", 1600, 1400};
    EXPECT_EQ(rig.handle(report, json("r1")), json({{"type", "recorded"}, {"re", "r1"}}));
    EXPECT_EQ(rig.audit.back(), json::parse(R"({"event": "session", "kind": "restored",
      "request": {"event": "restored", "outcome": "agent-back", "profile": "agents-us",
                  "reason": "", "correlationId": "corr-1", "stuckMs": 1600, "signInMs": 1400},
      "decision": "recorded", "reply": {"type": "recorded"}})"));

    SessionReport respected;
    respected.event = "sign-out-respected";
    respected.outcome = "wait-for-agent";
    respected.profile = "agents-us";
    respected.reason = "the agent was idle when the session ended";
    rig.handle(respected, json("r2"));
    EXPECT_EQ(rig.audit.back()["kind"], "sign-out-respected");
    EXPECT_FALSE(rig.audit.back()["request"].contains("stuckMs"));
}

}  // namespace
}  // namespace ccp_relogin::protocol
