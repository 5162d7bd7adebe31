// audit.forwardFormat "splunk-hec" (audit/forward_wire.h): Splunk's HTTP
// Event Collector JSON event protocol, one envelope per event written one
// after another (docs/facts.md, "Splunk HTTP Event Collector"); and the
// token file the forwarder reads it from (network/token_file.h).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "audit/forward_wire.h"
#include "audit_sample_lines.h"
#include "network/token_file.h"
#include "support/temp_dir.h"

namespace ccp_relogin {
namespace {

using ccp_relogin::testing::TempDir;
using nlohmann::json;

// The envelopes of a HEC body: JSON objects one after another.
std::vector<json> envelopes(const std::string& body) {
    std::vector<json> all;
    std::istringstream in(body);
    for (std::string line; std::getline(in, line);) all.push_back(json::parse(line));
    return all;
}

TEST(AuditForwardSplunk, EachEventIsOneEnvelopeWithItsTimeHostAndSource) {
    const json landed = {{"event", "landed"}, {"ts", "2026-12-02T07:20:01.250Z"}, {"id", "b"}};
    const std::string body = audit::request_body({audit::testing::kStoppedLine, landed}, "0.1.0",
                                                 audit::WireFormat::kSplunkHec);
    const auto all = envelopes(body);
    ASSERT_EQ(all.size(), 2u) << body;
    EXPECT_EQ(all[0].at("host"), "desk-17");
    EXPECT_EQ(all[0].at("source"), "ccp-relogin");
    EXPECT_EQ(all[0].at("sourcetype"), "ccp-relogin:audit");
    json expected = audit::testing::kStoppedLine;
    expected["hostVersion"] = "0.1.0";
    EXPECT_EQ(all[0].at("event"), expected) << "the audit line itself, id and all";
    EXPECT_DOUBLE_EQ(all[1].at("time").get<double>(), 1796196001.25);
    EXPECT_FALSE(all[1].contains("host")) << "the line had none";
    EXPECT_TRUE(body.ends_with("}\n")) << "one envelope a line";
}

TEST(AuditForwardSplunk, TheFormatIsSpelledAsTheConfigurationSpellsIt) {
    EXPECT_EQ(audit::wire_format_named("splunk-hec"), audit::WireFormat::kSplunkHec);
    EXPECT_EQ(audit::wire_format_name(audit::WireFormat::kSplunkHec), "splunk-hec");
    EXPECT_EQ(audit::wire_format_named("splunk"), std::nullopt);
}

class TokenFile : public ::testing::Test {
  protected:
    std::filesystem::path write(const std::string& name, const std::string& content) {
        const auto path = temp_ / name;
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    // The problem read_token_file reports, or "" when it reads a token.
    static std::string problem(const std::filesystem::path& path) {
        try {
            network::read_token_file(path);
            return "";
        } catch (const std::runtime_error& e) {
            return e.what();
        }
    }
    TempDir temp_;
};

TEST_F(TokenFile, ReadsOneTokenAndDropsTheFinalNewline) {
    EXPECT_EQ(network::read_token_file(write("t", "6a2f8a1e-1d1b-4c5e-9a8a-0d1f2e3c4b5a\n")),
              "6a2f8a1e-1d1b-4c5e-9a8a-0d1f2e3c4b5a");
}

TEST_F(TokenFile, RefusesWhatIsNotOneShortTokenInARegularFileAndNeverShowsIt) {
    const std::string secret = "6a2f8a1e-1d1b-4c5e-9a8a-0d1f2e3c4b5a";
    const auto real = write("real", secret);
    std::filesystem::create_symlink(real, temp_ / "link");
    ASSERT_EQ(::mkfifo((temp_ / "fifo").c_str(), 0600), 0);
    for (const auto& [path, expected] : std::vector<std::pair<std::filesystem::path, std::string>>{
             {temp_ / "missing", "can't be opened"},
             {temp_ / "link", "can't be opened"},
             {temp_ / "fifo", "not a regular file"},
             {temp_.path(), "not a regular file"},
             {write("empty", "\n"), "empty"},
             {write("two", secret + " " + secret), "more than one token"},
             {write("long", std::string(network::kMaxTokenFileBytes + 1, 'a')), "longer than"},
             {std::filesystem::path("relative/token"), "not an absolute path"},
         }) {
        const auto said = problem(path);
        EXPECT_NE(said.find(expected), std::string::npos) << path << ": " << said;
        EXPECT_NE(said.find("audit.forwardTokenFile"), std::string::npos) << said;
        EXPECT_EQ(said.find(secret), std::string::npos) << "the token is never shown: " << said;
    }
}

}  // namespace
}  // namespace ccp_relogin
