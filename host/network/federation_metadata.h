#pragma once
// The Entra app's federation metadata (docs/facts.md): where it is, and the IdP
// signing certificates in it.
//
// Why a small hand-written scan instead of an XML parser: the project's stack
// has none but Boost.PropertyTree's (rapidxml), which parses recursively, so
// a deeply nested hostile document could exhaust the stack; and doctor needs
// only the text of one element. The scan is linear, keeps no tree, reads at
// most kMaxMetadataBytes and returns at most kMaxCertificates certificates of
// at most kMaxCertificateChars each. Its answer is informational (doctor
// reports it; nothing trusts it), and the document comes from
// login.microsoftonline.com over verified TLS.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace ccp_relogin::network {

inline constexpr std::size_t kMaxMetadataBytes = 1024 * 1024;
inline constexpr std::size_t kMaxCertificates = 16;
inline constexpr std::size_t kMaxCertificateChars = 16 * 1024;

// "https://login.microsoftonline.com/<tenantId>/federationmetadata/2007-06/federationmetadata.xml?appid=<appId>"
// (both IDs percent-encoded, although config validation allows only UUIDs).
std::string metadata_url(const config::Entra& entra);

struct MetadataCertificates {
    std::vector<std::string> base64;  // each X509Certificate's text, whitespace removed
    std::string problem;              // set when none could be taken: why
};

// Pure. The X509Certificate texts inside <KeyDescriptor use="signing"> (or
// without `use`, which means both) of the <IDPSSODescriptor>, with any
// namespace prefix, duplicates dropped.
MetadataCertificates idp_signing_certificates(std::string_view xml);

}  // namespace ccp_relogin::network
