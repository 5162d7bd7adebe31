// The Entra signing certificate check: metadata → certificates → findings.
#include <gtest/gtest.h>

#include <string>

#include "doctor_test_certificates.h"
#include "network/check_certificate.h"
#include "network/federation_metadata.h"

namespace ccp_relogin::network {
namespace {

using doctor::CheckResult;
using doctor::Status;

using testing::make_test_certificate_base64;

constexpr int64_t kDay = 86400;
constexpr int64_t kNow = 1'750'000'000;  // 2025-06-15
constexpr int64_t kNowMs = kNow * 1000;

// The shape of Entra's federation metadata: a WS-Fed RoleDescriptor with its
// own signing key before the SAML IDPSSODescriptor, default namespaces.
std::string entra_metadata(const std::string& idp_cert, const std::string& other_cert = "") {
    return R"(<?xml version="1.0" encoding="utf-8"?>
<EntityDescriptor ID="_x" entityID="https://sts.windows.net/t/" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
 <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><KeyInfo><X509Data><X509Certificate>)" +
           other_cert + R"(</X509Certificate></X509Data></KeyInfo></Signature>
 <RoleDescriptor xsi:type="fed:SecurityTokenServiceType" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>)" +
           other_cert + R"(</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
 </RoleDescriptor>
 <!-- <IDPSSODescriptor><KeyDescriptor><X509Certificate>commented</X509Certificate> -->
 <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
  <KeyDescriptor use='signing'>
   <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>
)" + idp_cert +
           R"(
   </X509Certificate></X509Data></KeyInfo>
  </KeyDescriptor>
  <KeyDescriptor use="encryption"><KeyInfo><X509Data><X509Certificate>ENCRYPTIONKEY</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
  <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://login.microsoftonline.com/t/saml2"/>
 </IDPSSODescriptor>
</EntityDescriptor>)";
}

TEST(DoctorMetadata, UrlIsTheAppsFederationMetadata) {
    config::Entra entra;
    entra.tenantId = "11111111-2222-3333-4444-555555555555";
    entra.appId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    EXPECT_EQ(metadata_url(entra),
              "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/"
              "federationmetadata/2007-06/federationmetadata.xml?appid="
              "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
}

TEST(DoctorMetadata, TakesOnlyTheIdpSigningCertificate) {
    const auto found = idp_signing_certificates(entra_metadata("AAAA\n BBBB", "WSFEDKEY"));
    ASSERT_EQ(found.base64.size(), 1u) << found.problem;
    EXPECT_EQ(found.base64[0], "AAAABBBB");  // whitespace removed
    EXPECT_EQ(found.problem, "");
}

TEST(DoctorMetadata, AcceptsPrefixesAndKeyDescriptorsWithoutUse) {
    const std::string xml =
        "<md:EntityDescriptor xmlns:md='m' xmlns:ds='d'><md:IDPSSODescriptor>"
        "<md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ONE</ds:X509Certificate>"
        "</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>TWO"
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>ONE"
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        "</md:IDPSSODescriptor></md:EntityDescriptor>";
    const auto found = idp_signing_certificates(xml);
    EXPECT_EQ(found.base64, (std::vector<std::string>{"ONE", "TWO"}));  // duplicate dropped
}

TEST(DoctorMetadata, SaysWhyNothingWasFound) {
    EXPECT_NE(idp_signing_certificates("").problem.find("no IDPSSODescriptor"), std::string::npos);
    EXPECT_NE(idp_signing_certificates("<html><body>Sign in</body></html>")
                  .problem.find("no IDPSSODescriptor"),
              std::string::npos);
    EXPECT_NE(idp_signing_certificates("<IDPSSODescriptor><KeyDescriptor use='encryption'>"
                                       "<X509Certificate>E</X509Certificate></KeyDescriptor>"
                                       "</IDPSSODescriptor>")
                  .problem.find("no signing certificate"),
              std::string::npos);
}

TEST(DoctorMetadata, GarbageAndTruncationNeverCrash) {
    for (const std::string& xml : std::vector<std::string>{
             "<", "<<<<>>>>", "<IDPSSODescriptor", "<IDPSSODescriptor a='>", "</a></b></c>", "<!--",
             "<![CDATA[", "<IDPSSODescriptor><KeyDescriptor><X509Certificate>AB",
             std::string("<a\0b>", 5)}) {
        const auto found = idp_signing_certificates(xml);
        EXPECT_TRUE(found.base64.empty()) << xml;
        EXPECT_FALSE(found.problem.empty()) << xml;
    }
}

TEST(DoctorMetadata, RefusesHugeInputAndCapsWhatItTakes) {
    EXPECT_NE(
        idp_signing_certificates(std::string(kMaxMetadataBytes + 1, 'x')).problem.find("larger"),
        std::string::npos);
    // Deep nesting costs no stack: the scan keeps no tree.
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<a>";
    EXPECT_FALSE(idp_signing_certificates(deep).problem.empty());

    std::string many = "<IDPSSODescriptor>";
    for (std::size_t i = 0; i < kMaxCertificates + 5; ++i)
        many += "<KeyDescriptor><X509Certificate>C" + std::to_string(i) +
                "</X509Certificate></KeyDescriptor>";
    many += "</IDPSSODescriptor>";
    EXPECT_EQ(idp_signing_certificates(many).base64.size(), kMaxCertificates);

    const auto big =
        idp_signing_certificates("<IDPSSODescriptor><KeyDescriptor><X509Certificate>" +
                                 std::string(kMaxCertificateChars + 1, 'A') +
                                 "</X509Certificate></KeyDescriptor></IDPSSODescriptor>");
    EXPECT_TRUE(big.base64.empty());
    EXPECT_NE(big.problem.find("larger"), std::string::npos);
}

TEST(DoctorCertificate, ReadsSubjectDatesAndThumbprint) {
    const auto base64 = make_test_certificate_base64("Microsoft Azure Federated SSO Certificate",
                                                     kNow - 10 * kDay, kNow + 300 * kDay);
    std::string problem;
    const auto cert = read_certificate(base64, problem);
    ASSERT_TRUE(cert) << problem;
    EXPECT_EQ(cert->subject, "CN=Microsoft Azure Federated SSO Certificate");
    EXPECT_EQ(cert->not_before_s, kNow - 10 * kDay);
    EXPECT_EQ(cert->not_after_s, kNow + 300 * kDay);
    EXPECT_EQ(cert->thumbprint.size(), 40u);
    EXPECT_EQ(cert->thumbprint.find_first_not_of("0123456789ABCDEF"), std::string::npos);
}

TEST(DoctorCertificate, ReadsTheCertificateOutOfEntraShapedMetadata) {
    const auto base64 = make_test_certificate_base64("idp", kNow, kNow + 400 * kDay);
    std::string wrapped;  // metadata often wraps the base64 in lines
    for (std::size_t i = 0; i < base64.size(); i += 64) wrapped += base64.substr(i, 64) + "\n";
    const auto found = idp_signing_certificates(entra_metadata(wrapped, "WSFED"));
    ASSERT_EQ(found.base64.size(), 1u);
    std::string problem;
    EXPECT_TRUE(read_certificate(found.base64[0], problem)) << problem;
}

TEST(DoctorCertificate, RefusesGarbage) {
    const auto valid = make_test_certificate_base64("x", kNow, kNow + kDay);
    for (const std::string& text : std::vector<std::string>{
             std::string(""), std::string("!!!!"), std::string("AAAA"),
             std::string("not base64 at all"), valid.substr(0, valid.size() / 2), valid + "AAAA",
             std::string(100000, 'A')}) {
        std::string problem;
        EXPECT_FALSE(read_certificate(text, problem)) << text.substr(0, 40);
        EXPECT_FALSE(problem.empty());
    }
}

CertificateInfo info(int64_t not_after_s, const std::string& subject = "CN=idp") {
    return {subject, "AB12", kNow - 365 * kDay, not_after_s};
}

TEST(DoctorCertificate, FarFromExpiryIsOk) {
    const auto r =
        evaluate_signing_certificates("agents-us", {info(kNow + 200 * kDay)}, {}, kNowMs);
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_EQ(r.name, "signing certificate agents-us");
    EXPECT_NE(r.summary.find("200 day(s) left"), std::string::npos) << r.summary;
    EXPECT_NE(r.summary.find("thumbprint AB12"), std::string::npos);
    EXPECT_EQ(r.fix, "");
}

TEST(DoctorCertificate, WithinThirtyDaysWarns) {
    const auto r = evaluate_signing_certificates("a", {info(kNow + 29 * kDay)}, {}, kNowMs);
    EXPECT_EQ(r.status, Status::kWarn);
    EXPECT_NE(r.fix.find("AWS IAM"), std::string::npos);
    EXPECT_EQ(evaluate_signing_certificates("a", {info(kNow + 31 * kDay)}, {}, kNowMs).status,
              Status::kOk);
}

TEST(DoctorCertificate, ExpiredFails) {
    const auto r = evaluate_signing_certificates("a", {info(kNow - 1)}, {}, kNowMs);
    EXPECT_EQ(r.status, Status::kFail);
    EXPECT_NE(r.summary.find("expired on 2025-06-15"), std::string::npos) << r.summary;
    EXPECT_NE(r.fix.find("Entra admin center"), std::string::npos);
}

TEST(DoctorCertificate, TheLongestValidCertificateDecidesAndAllAreListed) {
    const auto r = evaluate_signing_certificates(
        "a", {info(kNow - kDay, "CN=old"), info(kNow + 100 * kDay, "CN=new")}, {}, kNowMs);
    EXPECT_EQ(r.status, Status::kOk);
    EXPECT_NE(r.summary.find("CN=new"), std::string::npos);
    ASSERT_EQ(r.details.size(), 3u);
    EXPECT_NE(r.details[2].find("rollover"), std::string::npos);
}

TEST(DoctorCertificate, NoReadableCertificateWarnsWithTheProblems) {
    const auto r =
        evaluate_signing_certificates("a", {}, {"a certificate that is not valid base64"}, kNowMs);
    EXPECT_EQ(r.status, Status::kWarn);
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_NE(r.fix.find("entra.appId"), std::string::npos);
}

}  // namespace
}  // namespace ccp_relogin::network
