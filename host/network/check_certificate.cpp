#include "network/check_certificate.h"

#include <algorithm>

#include "audit/audit_log.h"
#include "base/text.h"

namespace ccp_relogin::network {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

std::string date_of(int64_t epoch_s) { return audit::iso8601_utc(epoch_s * 1000).substr(0, 10); }

std::string describe(const CertificateInfo& cert) {
    return cert.subject + ", thumbprint " + cert.thumbprint + ", valid " +
           date_of(cert.not_before_s) + " to " + date_of(cert.not_after_s);
}

}  // namespace

std::string certificate_too_large() {
    return "a certificate larger than " + std::to_string(kMaxCertificateBase64Chars) +
           " characters";
}

std::string upper_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string hex;
    for (std::size_t i = 0; i < size; ++i) {
        hex += kHex[bytes[i] >> 4];
        hex += kHex[bytes[i] & 0xf];
    }
    return hex;
}

doctor::CheckResult evaluate_signing_certificates(const std::string& label,
                                                  const std::vector<CertificateInfo>& certs,
                                                  const std::vector<std::string>& unreadable,
                                                  int64_t now_ms) {
    doctor::CheckResult result{"signing certificate " + label, doctor::Status::kOk, "", "", {}};
    for (const auto& problem : unreadable) result.details.push_back("skipped " + problem);
    if (certs.empty()) {
        result.status = doctor::Status::kWarn;
        result.summary = "no signing certificate could be read from the app's federation metadata";
        result.fix =
            "check the profile's entra.tenantId and entra.appId against the Entra admin center "
            "(Enterprise applications, the app, Single sign-on)";
        return result;
    }
    const auto latest = std::max_element(certs.begin(), certs.end(),
                                         [](const CertificateInfo& a, const CertificateInfo& b) {
                                             return a.not_after_s < b.not_after_s;
                                         });
    if (certs.size() > 1) {
        for (const auto& cert : certs) result.details.push_back(describe(cert));
        result.details.push_back(
            "several certificates: a rollover may be under way; AWS IAM's SAML provider must hold "
            "the metadata of the active one");
    }
    const int64_t now_s = now_ms / 1000;
    const int64_t left_s = latest->not_after_s - now_s;
    const std::string rotate =
        "in the Entra admin center (Enterprise applications, the app, Single sign-on, SAML "
        "certificates) add a new certificate and make it active; then in AWS IAM (Identity "
        "providers, the SAML provider) replace the metadata with the app's new federation "
        "metadata";
    if (left_s <= 0) {
        result.status = doctor::Status::kFail;
        result.summary = "expired on " + date_of(latest->not_after_s) + " (" + latest->subject +
                         ", thumbprint " + latest->thumbprint +
                         "); every sign-in through this app fails";
        result.fix = rotate;
        return result;
    }
    const int64_t days = left_s / kSecondsPerDay;
    result.summary = "valid until " + date_of(latest->not_after_s) + ", " + std::to_string(days) +
                     " day(s) left (" + latest->subject + ", thumbprint " + latest->thumbprint +
                     ")";
    if (left_s < std::chrono::duration_cast<std::chrono::seconds>(kExpiryWarning).count()) {
        result.status = doctor::Status::kWarn;
        result.summary += "; sign-ins stop working when it expires";
        result.fix = rotate + ", before " + date_of(latest->not_after_s);
    }
    return result;
}

}  // namespace ccp_relogin::network
