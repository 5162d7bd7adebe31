#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "protocol/validate_message.h"

namespace ccp_relogin::protocol {
namespace {

using nlohmann::json;

json valid_hello() {
    return {{"type", "hello"},
            {"v", 1},
            {"browser", "chrome"},
            {"extensionVersion", "0.1.0"},
            {"policy", nullptr}};
}
json valid_expired() {
    return {{"type", "expired"},
            {"tabUrl", "https://agents.example.com/ccp"},
            {"frameUrl", "https://acme.my.connect.aws/ccp-v2"},
            {"signal", "text"},
            {"evidence", "Session expired"}};
}
json valid_landed() {
    return {{"type", "landed"},
            {"correlationId", "c-1"},
            {"url", "https://acme.my.connect.aws/ccp-v2"}};
}
json valid_failed() {
    return {{"type", "failed"},
            {"correlationId", "c-1"},
            {"stage", "entra"},
            {"url", "https://login.microsoftonline.com/"},
            {"evidence", "AADSTS50105"}};
}

// The rejection, or a marker whose code says the message was accepted.
Rejected rejected(const Validated& v) {
    const auto* r = std::get_if<Rejected>(&v);
    return r ? *r : Rejected{{"accepted", "", ""}, std::nullopt};
}

// The body of an accepted message, by value (the Validated is a temporary).
template <typename T>
T body_as(const json& message) {
    const Validated v = validate_message(message);
    EXPECT_TRUE(std::holds_alternative<Request>(v)) << rejected(v).error.message;
    if (!std::holds_alternative<Request>(v)) return T{};
    return std::get<T>(std::get<Request>(v).body);
}

std::optional<json> id_of(const json& message) {
    const Validated v = validate_message(message);
    return std::get<Request>(v).id;
}

// --- accepted messages ------------------------------------------------------

TEST(ProtocolValidateMessage, AcceptsHelloWithNullPolicy) {
    const auto hello = body_as<Hello>(valid_hello());
    EXPECT_EQ(hello.v, 1);
    EXPECT_EQ(hello.browser, "chrome");
    EXPECT_EQ(hello.extensionVersion, "0.1.0");
    EXPECT_FALSE(hello.policy.has_value());
}

TEST(ProtocolValidateMessage, AcceptsHelloWithPolicyObject) {
    json m = valid_hello();
    m["policy"] = {{"relogin", {{"mode", "window"}}}};
    const auto hello = body_as<Hello>(m);
    ASSERT_TRUE(hello.policy.has_value());
    EXPECT_EQ((*hello.policy)["relogin"]["mode"], "window");
}

TEST(ProtocolValidateMessage, AcceptsEveryMessageTypeWithItsFields) {
    const auto expired = body_as<Expired>(valid_expired());
    EXPECT_EQ(expired.frameUrl, "https://acme.my.connect.aws/ccp-v2");
    EXPECT_EQ(expired.signal, Signal::kText);
    const auto landed = body_as<Landed>(valid_landed());
    EXPECT_EQ(landed.correlationId, "c-1");
    const auto failed = body_as<Failed>(valid_failed());
    EXPECT_EQ(failed.stage, "entra");
    EXPECT_EQ(failed.evidence, "AADSTS50105");
    const Validated status = validate_message({{"type", "status"}});
    ASSERT_TRUE(std::holds_alternative<Request>(status));
    EXPECT_TRUE(std::holds_alternative<StatusQuery>(std::get<Request>(status).body));
}

TEST(ProtocolValidateMessage, AcceptsEverySignal) {
    for (const auto& [text, signal] :
         {std::pair{"text", Signal::kText}, std::pair{"login-page", Signal::kLoginPage},
          std::pair{"streams", Signal::kStreams}}) {
        json m = valid_expired();
        m["signal"] = text;
        EXPECT_EQ(body_as<Expired>(m).signal, signal);
    }
}

TEST(ProtocolValidateMessage, KeepsStringAndNumberIds) {
    json m = {{"type", "status"}, {"id", "req-7"}};
    EXPECT_EQ(id_of(m), json("req-7"));
    m["id"] = 7;
    EXPECT_EQ(id_of(m), json(7));
    m.erase("id");
    EXPECT_FALSE(id_of(m).has_value());
}

TEST(ProtocolValidateMessage, IgnoresUnknownFields) {
    json m = valid_landed();
    m["futureField"] = {1, 2, 3};
    EXPECT_TRUE(std::holds_alternative<Request>(validate_message(m)));
}

// --- rejected messages: exact code, field, and whether `re` is kept --------

struct Case {
    std::string name;
    json message;
    std::string code;
    std::string field;  // also expected in the message text
};

json with(json m, const std::string& key, json value) {
    m[key] = std::move(value);
    return m;
}
json without(json m, const std::string& key) {
    m.erase(key);
    return m;
}

std::vector<Case> rejection_cases() {
    const std::string long_url(8193, 'u');
    return {
        {"type missing", {{"id", 1}}, "missing-field", "type"},
        {"type not a string", {{"type", 3}}, "wrong-type", "type"},
        {"type unknown", {{"type", "reboot"}}, "unknown-type", "type"},
        {"hello v missing", without(valid_hello(), "v"), "missing-field", "v"},
        {"hello v a string", with(valid_hello(), "v", "1"), "wrong-type", "v"},
        {"hello v a float", with(valid_hello(), "v", 1.5), "wrong-type", "v"},
        {"hello v zero", with(valid_hello(), "v", 0), "bad-value", "v"},
        {"hello browser missing", without(valid_hello(), "browser"), "missing-field", "browser"},
        {"hello browser number", with(valid_hello(), "browser", 1), "wrong-type", "browser"},
        {"hello browser too long", with(valid_hello(), "browser", std::string(65, 'b')), "too-long",
         "browser"},
        {"hello extensionVersion missing", without(valid_hello(), "extensionVersion"),
         "missing-field", "extensionVersion"},
        {"hello policy missing", without(valid_hello(), "policy"), "missing-field", "policy"},
        {"hello policy array", with(valid_hello(), "policy", json::array()), "wrong-type",
         "policy"},
        {"hello policy string", with(valid_hello(), "policy", "{}"), "wrong-type", "policy"},
        {"expired tabUrl missing", without(valid_expired(), "tabUrl"), "missing-field", "tabUrl"},
        {"expired frameUrl missing", without(valid_expired(), "frameUrl"), "missing-field",
         "frameUrl"},
        {"expired frameUrl null", with(valid_expired(), "frameUrl", nullptr), "wrong-type",
         "frameUrl"},
        {"expired frameUrl too long", with(valid_expired(), "frameUrl", long_url), "too-long",
         "frameUrl"},
        {"expired signal missing", without(valid_expired(), "signal"), "missing-field", "signal"},
        {"expired signal unknown", with(valid_expired(), "signal", "popup"), "bad-value", "signal"},
        {"expired signal number", with(valid_expired(), "signal", 1), "wrong-type", "signal"},
        {"expired evidence missing", without(valid_expired(), "evidence"), "missing-field",
         "evidence"},
        {"expired evidence too long", with(valid_expired(), "evidence", std::string(1025, 'e')),
         "too-long", "evidence"},
        {"landed correlationId missing", without(valid_landed(), "correlationId"), "missing-field",
         "correlationId"},
        {"landed correlationId number", with(valid_landed(), "correlationId", 5), "wrong-type",
         "correlationId"},
        {"landed correlationId too long",
         with(valid_landed(), "correlationId", std::string(65, 'c')), "too-long", "correlationId"},
        {"landed url missing", without(valid_landed(), "url"), "missing-field", "url"},
        {"failed stage missing", without(valid_failed(), "stage"), "missing-field", "stage"},
        {"failed url object", with(valid_failed(), "url", json::object()), "wrong-type", "url"},
        {"failed evidence missing", without(valid_failed(), "evidence"), "missing-field",
         "evidence"},
        {"failed correlationId missing", without(valid_failed(), "correlationId"), "missing-field",
         "correlationId"},
    };
}

TEST(ProtocolValidateMessage, EachInvalidFieldGetsItsCodeAndNamesTheField) {
    for (const auto& c : rejection_cases()) {
        json message = c.message;
        message["id"] = "r1";
        const auto v = validate_message(message);
        ASSERT_TRUE(std::holds_alternative<Rejected>(v)) << c.name;
        const Rejected& r = std::get<Rejected>(v);
        EXPECT_EQ(r.error.code, c.code) << c.name;
        EXPECT_EQ(r.error.field, c.field) << c.name;
        EXPECT_NE(r.error.message.find(c.field), std::string::npos)
            << c.name << ": " << r.error.message;
        EXPECT_EQ(r.re, json("r1")) << c.name << ": a valid id is echoed";
    }
}

TEST(ProtocolValidateMessage, NonObjectsAreRefused) {
    for (const json& m : {json::array({1}), json("hello"), json(3), json(nullptr), json(true)}) {
        const Rejected r = rejected(validate_message(m));
        EXPECT_EQ(r.error.code, "not-object") << m.dump();
        EXPECT_FALSE(r.re.has_value());
    }
}

TEST(ProtocolValidateMessage, NewerMajorVersionIsVersionError) {
    for (const json& v : {json(2), json(100), json(18446744073709551615ull)}) {
        json m = valid_hello();
        m["v"] = v;
        m["id"] = 9;
        const Rejected r = rejected(validate_message(m));
        EXPECT_EQ(r.error.code, "version") << v.dump();
        EXPECT_EQ(r.error.field, "v");
        EXPECT_EQ(r.re, json(9));
    }
}

TEST(ProtocolValidateMessage, BadIdIsRefusedWithoutEchoingIt) {
    for (const json& id : {json::array(), json::object(), json(nullptr), json(true)}) {
        const Rejected r = rejected(validate_message({{"type", "status"}, {"id", id}}));
        EXPECT_EQ(r.error.code, "wrong-type") << id.dump();
        EXPECT_EQ(r.error.field, "id");
        EXPECT_FALSE(r.re.has_value());
    }
    const Rejected r =
        rejected(validate_message({{"type", "status"}, {"id", std::string(129, 'i')}}));
    EXPECT_EQ(r.error.code, "too-long");
    EXPECT_FALSE(r.re.has_value());
}

TEST(ProtocolValidateMessage, UnknownTypeMessageDoesNotEchoAHugeType) {
    const Rejected r = rejected(validate_message({{"type", std::string(100000, 't')}}));
    EXPECT_EQ(r.error.code, "unknown-type");
    EXPECT_LT(r.error.message.size(), 300u);
}

}  // namespace
}  // namespace ccp_relogin::protocol
