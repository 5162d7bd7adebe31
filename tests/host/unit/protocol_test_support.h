#pragma once
// Shared by the protocol unit tests: a temporary directory, a configuration
// with one profile, and a Dispatcher wired to fakes (temporary state dir,
// fake clock, audit events collected in memory, counted correlation IDs).
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "config/layers.h"
#include "guard/state_store.h"
#include "protocol/dispatcher.h"
#include "support/temp_dir.h"

namespace ccp_relogin::test {

// The shared temp-dir helper under the name the protocol tests use.
using ccp_relogin::testing::TempDir;

// One profile: agents on acme.my.connect.aws, custom CCP at agents.example.com/ccp.
inline nlohmann::json agents_config() {
    return nlohmann::json::parse(R"({
      "profiles": [{
        "name": "agents-us",
        "instance": {"id": "178c75e4-b3de-4839-a6aa-e321ab3f3770", "alias": "acme",
                     "region": "us-east-1", "partition": "aws", "domain": "my.connect.aws"},
        "entra": {"tenantId": "11111111-2222-3333-4444-555555555555",
                  "appId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "launcher": "launcher"},
        "destination": "/ccp-v2",
        "returnTo": ["https://agents.example.com/ccp"]
      }]
    })");
}

// agents_config() plus admins-us (destination /home) on the same instance,
// so a frame URL .../ccp-v2 matches agents-us and .../home admins-us.
inline nlohmann::json agents_and_admins_config() {
    nlohmann::json doc = agents_config();
    nlohmann::json admins = doc["profiles"][0];
    admins["name"] = "admins-us";
    admins["destination"] = "/home";
    doc["profiles"].push_back(admins);
    return doc;
}

// What sign_in_url must build for agents_config(), written out by hand: the
// relay state's "%2F" is encoded again as "%252F".
inline constexpr const char* kAgentsSignInUrl =
    "https://launcher.myapps.microsoft.com/api/signin/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    "?tenantId=11111111-2222-3333-4444-555555555555"
    "&RelayState=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fconnect%2Ffederate%2F"
    "178c75e4-b3de-4839-a6aa-e321ab3f3770%3Fdestination%3D%252Fccp-v2%26new_domain%3Dtrue";

// A Dispatcher and the fakes behind it. Several of these may share one state
// directory, like several host processes of one user.
class DispatcherRig {
  public:
    explicit DispatcherRig(const std::filesystem::path& state_dir,
                           nlohmann::json file_config = agents_config())
        : file_config_(std::move(file_config)), store_(state_dir, [](const std::string&) {}) {
        dispatcher_ = std::make_unique<protocol::Dispatcher>(
            protocol::Collaborators{
                .load_config = [this](const nlohmann::json* policy) { return load(policy); },
                .state = store_,
                .clock = clock,
                .audit = [this](const nlohmann::json& event) { audit.push_back(event); },
                .new_correlation_id =
                    [this] { return id_prefix + "-" + std::to_string(++issued_ids); },
                .jitter = [] { return 0.5; },  // no jitter: back-off is exactly base × 2^(n-1)
            },
            load(nullptr));
    }

    protocol::Dispatcher& dispatcher() { return *dispatcher_; }

    nlohmann::json handle(const protocol::RequestBody& body,
                          std::optional<nlohmann::json> id = std::nullopt) {
        return dispatcher_->handle(protocol::Request{std::move(id), body});
    }

    base::FakeClock clock{1'700'000'000'000};
    std::vector<nlohmann::json> audit;
    std::string id_prefix = "corr";
    int issued_ids = 0;

  private:
    config::LoadedConfig load(const nlohmann::json* policy) const {
        std::vector<config::ConfigLayer> layers;
        if (policy) layers.push_back({"policy", *policy});
        layers.push_back({"test-config.json", file_config_});
        return config::assemble_config(layers);
    }

    nlohmann::json file_config_;
    guard::StateStore store_;
    std::unique_ptr<protocol::Dispatcher> dispatcher_;
};

}  // namespace ccp_relogin::test
