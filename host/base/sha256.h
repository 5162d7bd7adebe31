#pragma once
// SHA-256 (FIPS 180-4), for the audit trail's hash chain (audit/log_chain.h).
//
// Written out rather than taken from OpenSSL: the host process loads no
// shared library and starts in about a millisecond (docs/architecture.md,
// "Processes"), and OpenSSL 3's SHA256() goes through EVP, whose first use
// loads the default provider. The tests check it against the NIST examples
// and against OpenSSL on random input (tests/host/unit/base_sha256_test.cpp).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ccp_relogin::base {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view data);

// The digest as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace ccp_relogin::base
