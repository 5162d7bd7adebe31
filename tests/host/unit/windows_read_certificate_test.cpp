// read_certificate with CryptoAPI (network/windows_read_certificate.cpp),
// on a fixed certificate: made once with `openssl req -x509 -days 1096
// -subj "/C=US/O=Microsoft Corporation/CN=Microsoft Azure Federated SSO
// Certificate"`, its thumbprint and dates as `openssl x509 -fingerprint
// -sha1 -dates` printed them. (The Linux tests make theirs with OpenSSL at
// run time, which the Windows build does not have.)
#include <gtest/gtest.h>

#include <string>

#include "network/check_certificate.h"

namespace ccp_relogin::network {
namespace {

// Line breaks as the federation metadata's element text may have them.
constexpr const char* kCertificate =
    "MIIDozCCAougAwIBAgIUGJO3cFVQ3AwRXtd7hGLav6zIBsswDQYJKoZIhvcNAQEL\n"
    "BQAwYTELMAkGA1UEBhMCVVMxHjAcBgNVBAoMFU1pY3Jvc29mdCBDb3Jwb3JhdGlv\n"
    "bjEyMDAGA1UEAwwpTWljcm9zb2Z0IEF6dXJlIEZlZGVyYXRlZCBTU08gQ2VydGlm\n"
    "aWNhdGUwHhcNMjYxMjA2MTgxNzEyWhcNMjkxMjA2MTgxNzEyWjBhMQswCQYDVQQG\n"
    "EwJVUzEeMBwGA1UECgwVTWljcm9zb2Z0IENvcnBvcmF0aW9uMTIwMAYDVQQDDClN\n"
    "aWNyb3NvZnQgQXp1cmUgRmVkZXJhdGVkIFNTTyBDZXJ0aWZpY2F0ZTCCASIwDQYJ\n"
    "KoZIhvcNAQEBBQADggEPADCCAQoCggEBAMjJrAneXza7u69KID8liL7V8EWGcDLb\n"
    "jdmXfhGCQS1EkTX6GVh5AF8h3IswUPUjgVm9ry+L/Sc2EFdxC4tvVGhFudPgAi3t\n"
    "xyuxQDYqc87QfpB5x2lZP5k7etMQCx2g36MOummF7G3Dwndz41o8kXP+MeuadHXN\n"
    "Rn3cUEZbWCC5BaieO0HhfawR0BO94LzT7f2WuluqZnohI4RqNhhS/+mkBTEB620z\n"
    "lz/lME6Dha0JB1u+lgEZ7D7obtU9DjCDJDBYjFNvHARkbJdS4gJBj2rPRrt87TFN\n"
    "BFsKzEHHqPugp/JXnH6SZLQG+rBumkcChsDwRRzfi1EM26bYCl7UqZcCAwEAAaNT\n"
    "MFEwHQYDVR0OBBYEFHRgtfPzZ4dNSCFWvwn1fRDpl8zvMB8GA1UdIwQYMBaAFHRg\n"
    "tfPzZ4dNSCFWvwn1fRDpl8zvMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQEL\n"
    "BQADggEBAHisZ2ovQp0KnETRx7dsNfstrtYkweMJQLJGpbEb9YMYqajmyJowAg2L\n"
    "Q4ts0Rjn2r7Jk/QPdgWOYr+qmZ5ecSjxPF8iRql/na05KcGgr3KzEAnB1e8HwwgY\n"
    "78D/45ibwsuZv8FsVU/VgPpeDRB4UwkbA9uFW6K6CJDcToRymcaQ0pm//cvm2JT+\n"
    "B7/+oWexLTKk0Nzmy9KGTlPNbssH16N00VQDnqsZD4r22EjulZPGAPCCFEePemls\n"
    "K+ha9FToOZGsDNBwjy7KksVBmLInzTSfTHyAXaL1AvM9pIoZ4poO+oyqK5yYtvD1\n"
    "EJAGRVJ7fELoXjluvR45KMyPskCFTyk=\n";

TEST(WindowsReadCertificate, ReadsSubjectThumbprintAndDates) {
    std::string problem;
    const auto cert = read_certificate(kCertificate, problem);
    ASSERT_TRUE(cert) << problem;
    EXPECT_EQ(cert->thumbprint, "C032F410CFF923A44AE8489F0081830DA5A9009A");
    EXPECT_EQ(cert->not_before_s, 1796581032);  // 2026-12-06T18:17:12Z
    EXPECT_EQ(cert->not_after_s, 1891275432);   // 2029-12-06T18:17:12Z
    EXPECT_NE(cert->subject.find("CN=Microsoft Azure Federated SSO Certificate"), std::string::npos)
        << cert->subject;
    EXPECT_NE(cert->subject.find("O=Microsoft Corporation"), std::string::npos) << cert->subject;
}

TEST(WindowsReadCertificate, RefusesWhatIsNotOneCertificate) {
    std::string problem;
    EXPECT_FALSE(read_certificate("not base64 at all!", problem));
    EXPECT_EQ(problem, "a certificate that is not valid base64");
    EXPECT_FALSE(read_certificate("aGVsbG8gd29ybGQ=", problem));  // "hello world"
    EXPECT_EQ(problem, "a certificate that CryptoAPI cannot read as X.509");
    EXPECT_FALSE(read_certificate(std::string(64 * 1024 + 1, 'A'), problem));
    EXPECT_NE(problem.find("larger than"), std::string::npos) << problem;
}

}  // namespace
}  // namespace ccp_relogin::network
