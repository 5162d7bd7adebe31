// The audit chain's SHA-256 (base/sha256.h): NIST's examples, every length
// around the block boundaries, and agreement on random input with the
// system's own implementation: OpenSSL on Linux, BCrypt on Windows.
#include <gtest/gtest.h>

#ifdef _WIN32
#include <windows.h>
// <windows.h> first: bcrypt.h needs its types.
#include <bcrypt.h>
#else
#include <openssl/evp.h>
#endif

#include <random>
#include <string>

#include "base/sha256.h"

namespace {

using ccp_relogin::base::sha256_hex;

std::string hex(const unsigned char* digest, std::size_t length) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0x0f];
    }
    return text;
}

#ifdef _WIN32
std::string reference_sha256_hex(const std::string& data) {
    BCRYPT_ALG_HANDLE algorithm = nullptr;
    if (::BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_SHA256_ALGORITHM, nullptr, 0) < 0)
        return "BCryptOpenAlgorithmProvider failed";
    unsigned char digest[32];
    const NTSTATUS status = ::BCryptHash(algorithm, nullptr, 0,
                                         reinterpret_cast<PUCHAR>(const_cast<char*>(data.data())),
                                         static_cast<ULONG>(data.size()), digest, sizeof digest);
    ::BCryptCloseAlgorithmProvider(algorithm, 0);
    if (status < 0) return "BCryptHash failed";
    return hex(digest, sizeof digest);
}
#else
std::string reference_sha256_hex(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    return hex(digest, length);
}
#endif

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

TEST(Sha256, AgreesWithTheSystemsSha256AroundEveryBlockBoundary) {
    std::mt19937 random(20261202);
    for (std::size_t length = 0; length <= 200; ++length) {
        std::string data(length, '\0');
        for (auto& c : data) c = static_cast<char>(random() & 0xff);
        EXPECT_EQ(sha256_hex(data), reference_sha256_hex(data)) << "length " << length;
    }
}

}  // namespace
