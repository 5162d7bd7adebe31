// libFuzzer target: an Entra app's federation metadata as doctor reads it
// (doctor/federation_metadata.h), and every signing certificate found in it
// read by OpenSSL (doctor/check_certificate.h).
#include "network/federation_metadata.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "network/check_certificate.h"

using namespace ccp_relogin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    const auto extracted = network::idp_signing_certificates(xml);
    for (const auto& base64 : extracted.base64) {
        std::string problem;
        (void)network::read_certificate(base64, problem);
    }
    // The input as a certificate on its own, too: the metadata scan rarely
    // lets random bytes through to OpenSSL.
    std::string problem;
    (void)network::read_certificate(xml, problem);
    return 0;
}
