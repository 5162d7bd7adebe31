#pragma once
// The Entra app's SAML signing certificate, pure: what a certificate from the
// federation metadata says (OpenSSL reads the DER), and whether it will keep
// working. An expired certificate breaks every login until a new one is made
// active in Entra and AWS IAM's SAML provider gets the new metadata (docs/facts.md, "Federation
// metadata and signing certificates").
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doctor/check_result.h"

namespace ccp_relogin::network {

inline constexpr std::chrono::hours kExpiryWarning{24 * 30};

struct CertificateInfo {
    std::string subject;     // one line, RFC 2253, printable ASCII
    std::string thumbprint;  // SHA-1, upper-case hex: what the Entra portal shows
    int64_t not_before_s = 0;
    int64_t not_after_s = 0;
};

// What both readers (posix_ and windows_read_certificate.cpp) share: the
// longest base64 text read, and the thumbprint's spelling.
inline constexpr std::size_t kMaxCertificateBase64Chars = 64 * 1024;
std::string certificate_too_large();  // the problem text for a longer one
std::string upper_hex(const unsigned char* bytes, std::size_t size);

// Pure. Decodes base64 (whitespace allowed) DER with OpenSSL. nullopt with
// `problem` set for anything that isn't one X.509 certificate.
std::optional<CertificateInfo> read_certificate(std::string_view base64, std::string& problem);

// Pure. `label` names the profiles using this app ("agents-us"); `certs` are
// the certificates the metadata lists, `unreadable` the problems of those that
// could not be read. Judged by the certificate that stays valid longest:
// expired → fail, within kExpiryWarning → warn, else ok; none → warn.
doctor::CheckResult evaluate_signing_certificates(const std::string& label,
                                                  const std::vector<CertificateInfo>& certs,
                                                  const std::vector<std::string>& unreadable,
                                                  int64_t now_ms);

}  // namespace ccp_relogin::network
