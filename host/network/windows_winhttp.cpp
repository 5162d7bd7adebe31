// The shared WinHTTP pieces of the network layer on Windows: network/windows_winhttp.h.
#include "network/windows_winhttp.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <variant>

#include "base/text.h"
#include "platform/windows_handle.h"

namespace ccp_relogin::network::winhttp {
namespace {

constexpr std::size_t kMaxCaFileBytes = 1024 * 1024;
constexpr std::size_t kMaxHeaderChars = 4096;

struct StoreCloser {
    void operator()(void* store) const { ::CertCloseStore(store, 0); }
};
using Store = std::unique_ptr<void, StoreCloser>;
struct CertFreer {
    void operator()(const CERT_CONTEXT* cert) const { ::CertFreeCertificateContext(cert); }
};
using Cert = std::unique_ptr<const CERT_CONTEXT, CertFreer>;
struct ChainFreer {
    void operator()(const CERT_CHAIN_CONTEXT* chain) const { ::CertFreeCertificateChain(chain); }
};
using Chain = std::unique_ptr<const CERT_CHAIN_CONTEXT, ChainFreer>;

Failure last_failure(std::string_view what) {
    const DWORD code = ::GetLastError();
    return {code, std::string(what) + ": " + error_text(code)};
}

std::string narrow(std::wstring_view wide) {
    if (wide.empty()) return {};
    const int size = ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()),
                                           nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(std::max(size, 0)), '\0');
    ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), static_cast<int>(wide.size()), out.data(), size,
                          nullptr, nullptr);
    return out;
}

// The server certificate WinHTTP verified for this request.
Cert server_certificate(HINTERNET request) {
    PCCERT_CONTEXT cert = nullptr;
    DWORD size = sizeof(cert);
    if (!::WinHttpQueryOption(request, WINHTTP_OPTION_SERVER_CERT_CONTEXT, &cert, &size))
        return nullptr;
    return Cert(cert);
}

// Base64 of the SHA-256 of the certificate's DER SubjectPublicKeyInfo: the
// form audit.forwardPublicKeySha256 takes (docs/configuration.md), and
// libcurl's pin.
std::optional<std::string> public_key_sha256(const CERT_CONTEXT& cert) {
    DWORD der_size = 0;
    auto* info = &cert.pCertInfo->SubjectPublicKeyInfo;
    if (!::CryptEncodeObject(X509_ASN_ENCODING, X509_PUBLIC_KEY_INFO, info, nullptr, &der_size))
        return std::nullopt;
    std::vector<BYTE> der(der_size);
    if (!::CryptEncodeObject(X509_ASN_ENCODING, X509_PUBLIC_KEY_INFO, info, der.data(), &der_size))
        return std::nullopt;
    std::array<BYTE, 32> digest{};
    DWORD digest_size = digest.size();
    if (!::CryptHashCertificate2(BCRYPT_SHA256_ALGORITHM, 0, nullptr, der.data(), der_size,
                                 digest.data(), &digest_size))
        return std::nullopt;
    DWORD chars = 0;
    constexpr DWORD kFlags = CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF;
    if (!::CryptBinaryToStringA(digest.data(), digest_size, kFlags, nullptr, &chars))
        return std::nullopt;
    std::string text(chars, '\0');
    if (!::CryptBinaryToStringA(digest.data(), digest_size, kFlags, text.data(), &chars))
        return std::nullopt;
    text.resize(chars);
    return text;
}

// The certificates of a PEM file, in a memory store; nullptr with `problem` set.
Store read_ca_file(const std::string& path, std::string& problem) {
    std::ifstream in(std::filesystem::path(platform::widen(path)), std::ios::binary);
    std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) pem.clear();
    if (pem.empty() || pem.size() > kMaxCaFileBytes) {
        problem = "the CA file " + path + " can't be read, or is empty or too large";
        return nullptr;
    }
    Store store(::CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, nullptr));
    constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
    constexpr std::string_view kEnd = "-----END CERTIFICATE-----";
    int added = 0;
    for (std::size_t at = pem.find(kBegin); store && at != std::string::npos;
         at = pem.find(kBegin, at + 1)) {
        const std::size_t end = pem.find(kEnd, at);
        if (end == std::string::npos) break;
        const std::string block = pem.substr(at, end + kEnd.size() - at);
        DWORD size = 0;
        if (!::CryptStringToBinaryA(block.data(), block.size(), CRYPT_STRING_BASE64HEADER, nullptr,
                                    &size, nullptr, nullptr))
            continue;
        std::vector<BYTE> der(size);
        if (::CryptStringToBinaryA(block.data(), block.size(), CRYPT_STRING_BASE64HEADER,
                                   der.data(), &size, nullptr, nullptr) &&
            ::CertAddEncodedCertificateToStore(store.get(), X509_ASN_ENCODING, der.data(), size,
                                               CERT_STORE_ADD_USE_EXISTING, nullptr))
            ++added;
    }
    if (added == 0) {
        problem = "the CA file " + path + " holds no PEM certificate";
        return nullptr;
    }
    return store;
}

// Is `cert`, byte for byte, one of `store`'s? (CERT_FIND_EXISTING would
// match another certificate with the same issuer and serial number.)
bool holds_exactly(HCERTSTORE store, const CERT_CONTEXT& cert) {
    for (PCCERT_CONTEXT each = ::CertEnumCertificatesInStore(store, nullptr); each;
         each = ::CertEnumCertificatesInStore(store, each)) {
        if (each->cbCertEncoded == cert.cbCertEncoded &&
            std::equal(each->pbCertEncoded, each->pbCertEncoded + each->cbCertEncoded,
                       cert.pbCertEncoded)) {
            ::CertFreeCertificateContext(each);
            return true;
        }
    }
    return false;
}

// Does `cert` chain to one of `roots`, and to nothing else, for `host`, as
// TLS server authentication? The chain is built by the system's engine with
// `roots` and the server's own certificates to search; the SSL policy then
// checks the name, dates and usage, all but the root's trust, which is
// ours to judge: the chain's root must be one of `roots`. (A chain engine
// with an exclusive root store would say the same, but Windows 7 and Wine
// have none.)
std::optional<Failure> chains_to(const CERT_CONTEXT& cert, HCERTSTORE roots,
                                 const std::string& host) {
    Store search(::CertOpenStore(CERT_STORE_PROV_COLLECTION, 0, 0, 0, nullptr));
    if (!search || !::CertAddStoreToCollection(search.get(), roots, 0, 0) ||
        (cert.hCertStore && !::CertAddStoreToCollection(search.get(), cert.hCertStore, 0, 0)))
        return last_failure("no certificate store to build the chain from");
    CERT_CHAIN_PARA para{};
    para.cbSize = sizeof(para);
    PCCERT_CHAIN_CONTEXT raw_chain = nullptr;
    if (!::CertGetCertificateChain(nullptr, &cert, nullptr, search.get(), &para, 0, nullptr,
                                   &raw_chain))
        return last_failure("no certificate chain");
    const Chain chain(raw_chain);
    const Failure untrusted{kUntrustedCode,
                            "the server's certificate does not chain to the CA file for " + host};
    if (chain->cChain == 0 || chain->rgpChain[0]->cElement == 0) return untrusted;
    // Every link must be sound; only the root's trust is ours to judge.
    constexpr DWORD kJudgedHere = CERT_TRUST_IS_UNTRUSTED_ROOT |
                                  CERT_TRUST_REVOCATION_STATUS_UNKNOWN |
                                  CERT_TRUST_IS_OFFLINE_REVOCATION;
    if ((chain->TrustStatus.dwErrorStatus & ~kJudgedHere) != 0) return untrusted;
    const CERT_SIMPLE_CHAIN& simple = *chain->rgpChain[0];
    if (!holds_exactly(roots, *simple.rgpElement[simple.cElement - 1]->pCertContext))
        return untrusted;
    std::wstring name = platform::widen(host);
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl{};
    ssl.cbSize = sizeof(ssl);
    ssl.dwAuthType = AUTHTYPE_SERVER;
    ssl.fdwChecks = SECURITY_FLAG_IGNORE_UNKNOWN_CA;  // the root was judged above
    ssl.pwszServerName = name.data();
    CERT_CHAIN_POLICY_PARA policy{};
    policy.cbSize = sizeof(policy);
    policy.pvExtraPolicyPara = &ssl;
    CERT_CHAIN_POLICY_STATUS status{};
    status.cbSize = sizeof(status);
    if (!::CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain.get(), &policy, &status))
        return last_failure("the certificate chain policy could not be checked");
    if (status.dwError != 0)
        return Failure{kUntrustedCode, "the server's certificate is not valid for " + host + ": " +
                                           error_text(status.dwError)};
    return std::nullopt;
}

}  // namespace

std::string error_text(DWORD code) {
    wchar_t* text = nullptr;
    const DWORD flags =
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS |
        (code >= WINHTTP_ERROR_BASE && code <= WINHTTP_ERROR_LAST ? FORMAT_MESSAGE_FROM_HMODULE
                                                                  : FORMAT_MESSAGE_FROM_SYSTEM);
    const DWORD chars = ::FormatMessageW(flags, ::GetModuleHandleW(L"winhttp.dll"), code, 0,
                                         reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    std::string message = chars ? narrow(std::wstring_view(text, chars)) : "";
    if (text) ::LocalFree(text);
    message = base::printable_ascii(message);
    while (!message.empty() && (message.back() == ' ' || message.back() == '.')) message.pop_back();
    return (message.empty() ? "error" : message) + " (" + std::to_string(code) + ")";
}

std::variant<Exchange, Failure> open_exchange(const std::string& url, std::wstring_view verb,
                                              std::wstring_view user_agent,
                                              std::chrono::milliseconds timeout) {
    std::wstring wide_url;
    try {
        wide_url = platform::widen(url);
    } catch (const std::invalid_argument&) {
        return Failure{ERROR_WINHTTP_INVALID_URL, "the URL is not UTF-8"};
    }
    URL_COMPONENTS parts{};
    parts.dwStructSize = sizeof(parts);
    parts.dwHostNameLength = parts.dwUrlPathLength = parts.dwExtraInfoLength = DWORD(-1);
    if (!::WinHttpCrackUrl(wide_url.c_str(), 0, 0, &parts))
        return last_failure("the URL can't be read");
    if (parts.nScheme != INTERNET_SCHEME_HTTPS)
        return Failure{ERROR_WINHTTP_UNRECOGNIZED_SCHEME, "only https URLs are requested"};
    Exchange exchange;
    const std::wstring agent(user_agent);
    exchange.session.reset(::WinHttpOpen(agent.c_str(), WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY,
                                         WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0));
    if (!exchange.session) return last_failure("WinHTTP could not start");
    const int ms = static_cast<int>(timeout.count());
    ::WinHttpSetTimeouts(exchange.session.get(), ms, ms, ms, ms);
    const std::wstring host(parts.lpszHostName, parts.dwHostNameLength);
    exchange.connection.reset(
        ::WinHttpConnect(exchange.session.get(), host.c_str(), parts.nPort, 0));
    if (!exchange.connection) return last_failure("WinHTTP could not connect");
    const std::wstring path =
        std::wstring(parts.lpszUrlPath, parts.dwUrlPathLength) +
        std::wstring(parts.lpszExtraInfo ? parts.lpszExtraInfo : L"", parts.dwExtraInfoLength);
    const std::wstring method(verb);
    exchange.request.reset(::WinHttpOpenRequest(
        exchange.connection.get(), method.c_str(), path.empty() ? L"/" : path.c_str(), nullptr,
        WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES, WINHTTP_FLAG_SECURE));
    if (!exchange.request) return last_failure("WinHTTP could not open the request");
    DWORD features = WINHTTP_DISABLE_REDIRECTS | WINHTTP_DISABLE_COOKIES;
    ::WinHttpSetOption(exchange.request.get(), WINHTTP_OPTION_DISABLE_FEATURE, &features,
                       sizeof(features));
    return exchange;
}

std::optional<Failure> prepare_for(const Exchange& exchange, const ServerCheck& check) {
    if (check.ca_file.empty()) return std::nullopt;
    DWORD flags = SECURITY_FLAG_IGNORE_UNKNOWN_CA;
    if (!::WinHttpSetOption(exchange.request.get(), WINHTTP_OPTION_SECURITY_FLAGS, &flags,
                            sizeof(flags)))
        return last_failure("WinHTTP refused the CA file's check");
    return std::nullopt;
}

std::optional<Failure> check_server(const Exchange& exchange, const ServerCheck& check) {
    if (check.ca_file.empty() && check.pinned_keys.empty()) return std::nullopt;
    const Cert cert = server_certificate(exchange.request.get());
    if (!cert) return last_failure("the server's certificate can't be read");
    if (!check.ca_file.empty()) {
        std::string problem;
        const Store roots = read_ca_file(check.ca_file, problem);
        if (!roots) return Failure{kUntrustedCode, problem};
        if (auto refused = chains_to(*cert, roots.get(), check.host)) return refused;
    }
    if (check.pinned_keys.empty()) return std::nullopt;
    const auto key = public_key_sha256(*cert);
    for (const auto& pin : check.pinned_keys)
        if (key && *key == pin) return std::nullopt;
    return Failure{kUntrustedCode,
                   "the server's public key is not one of audit.forwardPublicKeySha256 (it is " +
                       key.value_or("unreadable") + ")"};
}

DWORD status_code(const Exchange& exchange) {
    DWORD status = 0;
    DWORD size = sizeof(status);
    if (!::WinHttpQueryHeaders(
            exchange.request.get(), WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER,
            WINHTTP_HEADER_NAME_BY_INDEX, &status, &size, WINHTTP_NO_HEADER_INDEX))
        return 0;
    return status;
}

std::optional<std::string> header(const Exchange& exchange, DWORD query) {
    std::wstring value(kMaxHeaderChars, L'\0');
    DWORD bytes = value.size() * sizeof(wchar_t);
    if (!::WinHttpQueryHeaders(exchange.request.get(), query, WINHTTP_HEADER_NAME_BY_INDEX,
                               value.data(), &bytes, WINHTTP_NO_HEADER_INDEX))
        return std::nullopt;
    value.resize(bytes / sizeof(wchar_t));
    return narrow(value);
}

std::optional<Failure> read_body(const Exchange& exchange, std::string* body, std::size_t max_bytes,
                                 bool& too_large) {
    too_large = false;
    std::array<char, 16 * 1024> chunk{};
    std::size_t total = 0;
    for (;;) {
        DWORD read = 0;
        if (!::WinHttpReadData(exchange.request.get(), chunk.data(), chunk.size(), &read))
            return last_failure("the answer could not be read");
        if (read == 0) return std::nullopt;
        total += read;
        if (total > max_bytes) {
            too_large = true;
            return std::nullopt;
        }
        if (body) body->append(chunk.data(), read);
    }
}

}  // namespace ccp_relogin::network::winhttp
