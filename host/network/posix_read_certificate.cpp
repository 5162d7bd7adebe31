// read_certificate with OpenSSL (Linux, macOS): network/check_certificate.h.
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "base/text.h"
#include "network/check_certificate.h"

namespace ccp_relogin::network {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME, ASN1_TIME_free>>;
using DecodeCtxPtr = std::unique_ptr<EVP_ENCODE_CTX, Deleter<EVP_ENCODE_CTX, EVP_ENCODE_CTX_free>>;

// OpenSSL's streaming decoder: accepts line breaks, checks padding and alphabet.
std::optional<std::string> decode_base64(std::string_view text) {
    DecodeCtxPtr ctx(EVP_ENCODE_CTX_new());
    if (!ctx) return std::nullopt;
    EVP_DecodeInit(ctx.get());
    std::string out(text.size() / 4 * 3 + 3, '\0');
    int written = 0;
    auto* dest = reinterpret_cast<unsigned char*>(out.data());
    if (EVP_DecodeUpdate(ctx.get(), dest, &written,
                         reinterpret_cast<const unsigned char*>(text.data()),
                         static_cast<int>(text.size())) < 0)
        return std::nullopt;
    int tail = 0;
    if (EVP_DecodeFinal(ctx.get(), dest + written, &tail) < 0) return std::nullopt;
    out.resize(static_cast<std::size_t>(written + tail));
    return out;
}

std::optional<int64_t> epoch_seconds(const ASN1_TIME* time) {
    Asn1TimePtr epoch(ASN1_TIME_set(nullptr, 0));
    int days = 0;
    int seconds = 0;
    if (!epoch || time == nullptr || ASN1_TIME_diff(&days, &seconds, epoch.get(), time) != 1)
        return std::nullopt;
    return static_cast<int64_t>(days) * kSecondsPerDay + seconds;
}

std::string subject_of(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253) < 0)
        return "?";
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return base::printable_ascii(
        std::string_view(data, static_cast<std::size_t>(std::max(size, 0L))));
}

std::string sha1_thumbprint(X509* cert) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (X509_digest(cert, EVP_sha1(), digest, &size) != 1) return "?";
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
    const auto* begin = reinterpret_cast<const unsigned char*>(der->data());
    const unsigned char* cursor = begin;
    X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der->size())));
    if (!cert || cursor != begin + der->size()) {
        problem = "a certificate that OpenSSL cannot read as X.509";
        return std::nullopt;
    }
    const auto not_before = epoch_seconds(X509_get0_notBefore(cert.get()));
    const auto not_after = epoch_seconds(X509_get0_notAfter(cert.get()));
    if (!not_before || !not_after) {
        problem = "a certificate with unreadable validity dates";
        return std::nullopt;
    }
    return CertificateInfo{subject_of(cert.get()), sha1_thumbprint(cert.get()), *not_before,
                           *not_after};
}

}  // namespace ccp_relogin::network
