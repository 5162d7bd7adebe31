// ccp-relogin-network's audit forwarding, the real program against a real
// HTTPS collector on 127.0.0.1 (support/https_test_server.h): on Linux
// libcurl, and under Wine (./run windows) the .exe's WinHTTP, trusting the
// collector through `forward --ca-file`. The forwarder would run until idle
// (30 s); each test ends it once what it waits for has happened.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <thread>

#include "host_process.h"
#include "support/https_test_server.h"

namespace ccp_relogin::process_test {
namespace {

namespace fs = std::filesystem;
using testing::HttpsTestServer;

fs::path network_binary() {
    const fs::path host(kBinary);
    return host.parent_path() / ("ccp-relogin-network" + host.extension().string());
}

// libcurl's and audit.forwardPublicKeySha256's form: base64 of the SHA-256
// of the certificate's DER SubjectPublicKeyInfo.
std::string public_key_pin(const std::string& certificate_pem) {
    BIO* bio = BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    unsigned char* der = nullptr;
    const int size = i2d_PUBKEY(X509_get0_pubkey(cert), &der);
    unsigned char digest[32];
    EVP_Digest(der, static_cast<std::size_t>(size), digest, nullptr, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    X509_free(cert);
    unsigned char text[64] = {};
    EVP_EncodeBlock(text, digest, sizeof(digest));
    return reinterpret_cast<char*>(text);
}

bool failing(const std::string& stderr_text) {
    return stderr_text.find("is failing") != std::string::npos;
}

class NetworkForward : public ::testing::Test {
  protected:
    NetworkForward() {
        fs::permissions(state_.path(), fs::perms::owner_all, fs::perm_options::replace);
        state_.write("audit.jsonl",
                     R"({"ts":"2026-12-06T17:00:00.000Z","event":"relogin","profile":"agents"})"
                     "\n");
    }

    // Starts the forwarder for `server` with `extra` arguments and waits
    // until `done` holds (checked every 100 ms; it may read the stderr so
    // far) or 60 s have passed; then ends it. Returns its stderr.
    std::string forward(const HttpsTestServer& server, std::vector<std::string> extra,
                        const std::function<bool(const std::string&)>& done) {
        std::vector<std::string> args = {"forward", "--state-dir", as_seen_by_binary(state_.path()),
                                         "--url",   url(server),   "--host-version",
                                         "9.9.9"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto launch = launch_of(network_binary(), args);
        const fs::path err = certificates_.path() / "stderr.txt";
        bp::child child(launch.program, bp::args(launch.args), bp::std_in.close(),
                        bp::std_out > bp::null, bp::std_err > err.string());
        for (int i = 0; i < 600 && !done(read_file(err)); ++i) std::this_thread::sleep_for(100ms);
        ::kill(child.id(), SIGKILL);
        wait_or_kill(child, 10s);
        return read_file(err);
    }

    std::string url(const HttpsTestServer& server) const {
        return "https://localhost:" + std::to_string(server.port()) + "/ingest";
    }

    // How far the forwarder got: the offset of its cursor, 0 before any delivery.
    std::uint64_t delivered_offset() const {
        std::ifstream in(state_.path() / "forward.cursor");
        const auto cursor = nlohmann::json::parse(in, nullptr, false);
        return cursor.is_object() ? cursor.value("offset", std::uint64_t{0}) : 0;
    }

    bool saw_post(const HttpsTestServer& server) const {
        for (const auto& line : server.request_lines())
            if (line.rfind("POST ", 0) == 0) return true;
        return false;
    }

    std::string ca_file(const std::string& pem) const {
        return as_seen_by_binary(state_.write("ca.pem", pem));
    }

    testing::TempDir state_;
    testing::TempDir certificates_;
};

TEST_F(NetworkForward, ACollectorThatTheCaFileVouchesForGetsTheLog) {
    HttpsTestServer server(certificates_, "localhost", testing::CannedAnswer{});
    const auto size = fs::file_size(state_.path() / "audit.jsonl");
    forward(server, {"--ca-file", as_seen_by_binary(server.ca_file())},
            [&](const std::string&) { return delivered_offset() == size; });
    EXPECT_EQ(delivered_offset(), size);
    EXPECT_TRUE(saw_post(server));
}

TEST_F(NetworkForward, ACollectorTheCaFileDoesNotVouchForGetsNoLine) {
    HttpsTestServer server(certificates_, "localhost", testing::CannedAnswer{});
    const auto other = testing::make_server_certificate("localhost");
    const std::string text =
        forward(server, {"--ca-file", ca_file(other.certificate_pem)}, failing);
    EXPECT_EQ(delivered_offset(), 0u);
    EXPECT_NE(text.find("is failing"), std::string::npos) << text;
}

// With a pin that does not match, the Splunk token never leaves: no request
// that carries it (the POST) reaches the collector, and nothing is delivered.
TEST_F(NetworkForward, APinThatDoesNotMatchSendsNeitherTokenNorLine) {
    HttpsTestServer server(certificates_, "localhost", testing::CannedAnswer{});
    const auto token = state_.write("token", "11111111-2222-3333-4444-555555555555\n");
    fs::permissions(token, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    const std::string text = forward(server,
                                     {"--ca-file", as_seen_by_binary(server.ca_file()), "--pin",
                                      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "--format",
                                      "splunk-hec", "--token-file", as_seen_by_binary(token)},
                                     failing);
    EXPECT_FALSE(saw_post(server));
    EXPECT_EQ(delivered_offset(), 0u);
    EXPECT_NE(text.find("is failing"), std::string::npos) << text;
}

TEST_F(NetworkForward, APinThatMatchesDelivers) {
    HttpsTestServer server(certificates_, "localhost", testing::CannedAnswer{});
    std::ifstream in(server.ca_file());
    const std::string pem((std::istreambuf_iterator<char>(in)), {});
    const auto size = fs::file_size(state_.path() / "audit.jsonl");
    forward(server,
            {"--ca-file", as_seen_by_binary(server.ca_file()), "--pin", public_key_pin(pem)},
            [&](const std::string&) { return delivered_offset() == size; });
    EXPECT_EQ(delivered_offset(), size);
}

}  // namespace
}  // namespace ccp_relogin::process_test
