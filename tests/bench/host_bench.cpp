// Benchmarks of the host's hot paths, each next to a baseline that does the
// same work without our code, so `./run bench` can report ratios that mean
// the same thing on any machine (tests/bench/report.mjs prints them).
//
// Pairs (name/baseline):
//   SignInUrl        vs SignInUrlBaseline        — encoding twice vs plain concatenation
//   ParseExpired     vs ParseExpiredBaseline     — bounded parse + validation vs nlohmann parse
//   MatchProfile     vs MatchProfileBaseline     — URL matching over 50 profiles vs one string find
//   per profile
#include <benchmark/benchmark.h>

#include <string>

#include "base/bounded_json.h"
#include "config/config.h"
#include "federation/profile_match.h"
#include "federation/sign_in_url.h"
#include "protocol/validate_message.h"

namespace {

using ccp_relogin::config::Config;
using ccp_relogin::config::Profile;

Profile sample_profile(int n) {
    Profile p;
    p.name = "profile-" + std::to_string(n);
    p.instance.id = "178c75e4-b3de-4839-a6aa-e321ab3f37" + std::to_string(10 + n % 90);
    p.instance.alias = "acme" + std::to_string(n);
    p.instance.region = "us-east-1";
    p.entra.tenantId = "11111111-2222-4333-8444-555555555555";
    p.entra.appId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    p.destination = "/agent-app-v2?VDIPlatform=CITRIX_413";
    p.returnTo = {"https://agents" + std::to_string(n) + ".example.com/ccp"};
    return p;
}

Config sample_config(int profiles) {
    Config c;
    for (int i = 0; i < profiles; ++i) c.profiles.push_back(sample_profile(i));
    return c;
}

const std::string kExpiredFrame =
    R"({"type":"expired","id":17,"tabUrl":"https://agents49.example.com/ccp?queue=1",)"
    R"("frameUrl":"https://acme49.my.connect.aws/ccp-v2","signal":"text",)"
    R"("evidence":"Session expired"})";

void SignInUrl(benchmark::State& state) {
    const Profile p = sample_profile(1);
    for (auto _ : state) benchmark::DoNotOptimize(ccp_relogin::federation::sign_in_url(p));
}

void SignInUrlBaseline(benchmark::State& state) {
    const Profile p = sample_profile(1);
    for (auto _ : state) {
        std::string url = "https://launcher.myapps.microsoft.com/api/signin/" + p.entra.appId +
                          "?tenantId=" + p.entra.tenantId +
                          "&RelayState=https://us-east-1.console.aws.amazon.com/connect/federate/" +
                          p.instance.id + "?destination=" + p.destination + "&new_domain=true";
        benchmark::DoNotOptimize(url);
    }
}

void ParseExpired(benchmark::State& state) {
    for (auto _ : state) {
        auto parsed = ccp_relogin::base::parse_bounded_json(kExpiredFrame,
                                                            ccp_relogin::protocol::kMaxJsonDepth);
        auto& json = std::get<nlohmann::json>(parsed);
        benchmark::DoNotOptimize(ccp_relogin::protocol::validate_message(json));
    }
}

void ParseExpiredBaseline(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(kExpiredFrame));
}

void MatchProfile(benchmark::State& state) {
    const Config c = sample_config(50);
    for (auto _ : state)
        benchmark::DoNotOptimize(ccp_relogin::federation::match_profile(
            c, "https://acme49.my.connect.aws/agent-app-v2?VDIPlatform=CITRIX_413"));
}

void MatchProfileBaseline(benchmark::State& state) {
    const Config c = sample_config(50);
    const std::string url = "https://acme49.my.connect.aws/agent-app-v2?VDIPlatform=CITRIX_413";
    for (auto _ : state) {
        const Profile* found = nullptr;
        for (const auto& p : c.profiles)
            if (url.find("//" + p.instance.alias + ".") != std::string::npos) found = &p;
        benchmark::DoNotOptimize(found);
    }
}

BENCHMARK(SignInUrl);
BENCHMARK(SignInUrlBaseline);
BENCHMARK(ParseExpired);
BENCHMARK(ParseExpiredBaseline);
BENCHMARK(MatchProfile);
BENCHMARK(MatchProfileBaseline);

}  // namespace

BENCHMARK_MAIN();
