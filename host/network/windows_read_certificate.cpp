// read_certificate with CryptoAPI (Windows): network/check_certificate.h.
#include <windows.h>
// windows.h first: wincrypt.h uses its types.
#include <wincrypt.h>

#include <memory>
#include <vector>

#include "base/text.h"
#include "network/check_certificate.h"

namespace ccp_relogin::network {
namespace {

// FILETIME counts 100 ns from 1601-01-01; the Unix epoch is this many seconds later.
constexpr int64_t kEpochSince1601s = 11'644'473'600;
constexpr int64_t kFileTimeTicksPerSecond = 10'000'000;

struct CertFreer {
    void operator()(const CERT_CONTEXT* cert) const { ::CertFreeCertificateContext(cert); }
};

int64_t epoch_seconds(const FILETIME& time) {
    const int64_t ticks = (static_cast<int64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
    return ticks / kFileTimeTicksPerSecond - kEpochSince1601s;
}

// CryptStringToBinaryA's base64 decoder ignores whitespace and line breaks,
// as the metadata's element text has them.
std::optional<std::vector<BYTE>> decode_base64(std::string_view text) {
    DWORD size = 0;
    if (!::CryptStringToBinaryA(text.data(), static_cast<DWORD>(text.size()), CRYPT_STRING_BASE64,
                                nullptr, &size, nullptr, nullptr))
        return std::nullopt;
    std::vector<BYTE> der(size);
    if (!::CryptStringToBinaryA(text.data(), static_cast<DWORD>(text.size()), CRYPT_STRING_BASE64,
                                der.data(), &size, nullptr, nullptr))
        return std::nullopt;
    der.resize(size);
    return der;
}

// The subject as CertNameToStrA writes X.500 names, most significant part
// last, as RFC 2253 orders them ("CN=…, O=…").
std::string subject_of(const CERT_CONTEXT& cert) {
    constexpr DWORD kType = CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG;
    auto* name = &cert.pCertInfo->Subject;
    const DWORD size = ::CertNameToStrA(X509_ASN_ENCODING, name, kType, nullptr, 0);
    if (size <= 1) return "?";
    std::string text(size, '\0');
    ::CertNameToStrA(X509_ASN_ENCODING, name, kType, text.data(), size);
    text.resize(size - 1);
    return base::printable_ascii(text);
}

std::string sha1_thumbprint(const CERT_CONTEXT& cert) {
    BYTE digest[20];
    DWORD size = sizeof(digest);
    if (!::CertGetCertificateContextProperty(&cert, CERT_SHA1_HASH_PROP_ID, digest, &size))
        return "?";
    return upper_hex(digest, size);
}

}  // namespace

std::optional<CertificateInfo> read_certificate(std::string_view base64, std::string& problem) {
    if (base64.size() > kMaxCertificateBase64Chars) {
        problem = certificate_too_large();
        return std::nullopt;
    }
    const auto der = decode_base64(base64);
    if (!der || der->empty()) {
        problem = "a certificate that is not valid base64";
        return std::nullopt;
    }
    const std::unique_ptr<const CERT_CONTEXT, CertFreer> cert(::CertCreateCertificateContext(
        X509_ASN_ENCODING, der->data(), static_cast<DWORD>(der->size())));
    if (!cert) {
        problem = "a certificate that CryptoAPI cannot read as X.509";
        return std::nullopt;
    }
    return CertificateInfo{subject_of(*cert), sha1_thumbprint(*cert),
                           epoch_seconds(cert->pCertInfo->NotBefore),
                           epoch_seconds(cert->pCertInfo->NotAfter)};
}

}  // namespace ccp_relogin::network
