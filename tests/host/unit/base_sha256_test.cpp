// The audit chain's SHA-256 (base/sha256.h): NIST's examples, every length
// around the block boundaries, and agreement with OpenSSL on random input.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>
#include <string>

#include "base/sha256.h"

namespace {

using ccp_relogin::base::sha256_hex;

std::string openssl_sha256_hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0x0f];
    }
    return text;
}

TEST(Sha256, NistExamples) {
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf").
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, AgreesWithOpenSslAroundEveryBlockBoundary) {
    std::mt19937 random(20261202);
    for (std::size_t length = 0; length <= 200; ++length) {
        std::string data(length, '\0');
        for (auto& c : data) c = static_cast<char>(random() & 0xff);
        EXPECT_EQ(sha256_hex(data), openssl_sha256_hex(data)) << "length " << length;
    }
}

}  // namespace
