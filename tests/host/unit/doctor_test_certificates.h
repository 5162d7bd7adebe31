#pragma once
// Self-signed test certificates made with OpenSSL at test time (a fresh
// P-256 key each, never a real secret), as base64 DER the way SAML metadata
// carries them, with exactly the validity the test asks for.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace ccp_relogin::testing {

inline std::string make_test_certificate_base64(const std::string& common_name,
                                                int64_t not_before_s, int64_t not_after_s) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    if (!key || !cert) throw std::runtime_error("OpenSSL could not make a test key");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(not_before_s));
    ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(not_after_s));
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        throw std::runtime_error("OpenSSL could not sign the test certificate");
    const int der_size = i2d_X509(cert.get(), nullptr);
    std::string der(static_cast<std::size_t>(der_size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509(cert.get(), &out);
    std::string base64(static_cast<std::size_t>(4 * ((der_size + 2) / 3) + 1), '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()),
                        reinterpret_cast<const unsigned char*>(der.data()), der_size);
    base64.resize(static_cast<std::size_t>(written));
    return base64;
}

}  // namespace ccp_relogin::testing
