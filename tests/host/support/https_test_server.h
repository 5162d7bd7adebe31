#pragma once
// A small HTTPS server for tests of the real libcurl fetcher (doctor/probe_http.h):
// it listens on 127.0.0.1 on a free port with a self-signed certificate for
// one DNS name (made with OpenSSL when the server starts, written to the
// test's TempDir so libcurl can trust it), and answers every request with one
// canned answer, or reads the request and never answers (`stall`). With
// FetchOptions{connect_to(), ca_file()} a request for https://<name>/ reaches
// it and is verified against that certificate, as a real host would be.
//
// Test-only and header-only (Boost.Asio + Boost.Asio SSL over OpenSSL, which
// the core library already links): one connection at a time is plenty, each
// served on the server's own thread; the destructor stops that thread, so a
// stalled client sees its connection held open until then.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace ccp_relogin::testing {

// A fresh P-256 key and a self-signed certificate naming `dns_name` (CN and
// subjectAltName, which is what libcurl checks), valid from an hour ago for a
// day. PEM, as Asio and CURLOPT_CAINFO take them.
struct TestServerCertificate {
    std::string certificate_pem;
    std::string key_pem;
};

namespace detail {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
    void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

inline void require(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("OpenSSL could not ") + what);
}

inline std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace detail

inline TestServerCertificate make_server_certificate(const std::string& dns_name) {
    using namespace detail;
    OpenSslPtr<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    OpenSslPtr<X509, X509_free> cert(X509_new());
    require(key && cert, "make a test key");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(dns_name.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    X509V3_CTX context;
    X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
    const std::string san = "DNS:" + dns_name;
    OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free> extension(
        X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, san.c_str()));
    require(extension && X509_add_ext(cert.get(), extension.get(), -1) == 1,
            "add the subjectAltName");
    require(X509_sign(cert.get(), key.get(), EVP_sha256()) != 0, "sign the test certificate");

    OpenSslPtr<BIO, BIO_free_all> cert_bio(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO, BIO_free_all> key_bio(BIO_new(BIO_s_mem()));
    require(cert_bio && key_bio && PEM_write_bio_X509(cert_bio.get(), cert.get()) == 1 &&
                PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) == 1,
            "write PEM");
    return {bio_text(cert_bio.get()), bio_text(key_bio.get())};
}

// What the server answers. Content-Length and "Connection: close" are added;
// a HEAD request gets the same head without the body.
struct CannedAnswer {
    int status = 200;
    std::string reason = "OK";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool stall = false;  // read the request, then never answer (until the server ends)
};

class HttpsTestServer {
  public:
    HttpsTestServer(const TempDir& dir, std::string dns_name, CannedAnswer answer)
        : dns_name_(std::move(dns_name)), answer_(std::move(answer)) {
        const auto certificate = make_server_certificate(dns_name_);
        ca_file_ = dir.write("https-test-server-" + std::to_string(++instances()) + ".pem",
                             certificate.certificate_pem);
        tls_.use_certificate(boost::asio::buffer(certificate.certificate_pem),
                             boost::asio::ssl::context::pem);
        tls_.use_private_key(boost::asio::buffer(certificate.key_pem),
                             boost::asio::ssl::context::pem);
        const boost::asio::ip::tcp::endpoint local(boost::asio::ip::address_v4::loopback(), 0);
        acceptor_.open(local.protocol());
        acceptor_.bind(local);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }

    ~HttpsTestServer() {
        io_.stop();
        thread_.join();
    }

    HttpsTestServer(const HttpsTestServer&) = delete;
    HttpsTestServer& operator=(const HttpsTestServer&) = delete;

    std::uint16_t port() const { return port_; }

    // The server's certificate, for CURLOPT_CAINFO.
    const std::filesystem::path& ca_file() const { return ca_file_; }

    // For CURLOPT_CONNECT_TO: https://<dns name>/ (port 443) goes to this server.
    std::string connect_to() const { return dns_name_ + ":443:127.0.0.1:" + std::to_string(port_); }

    // The request line of every request read so far ("HEAD / HTTP/1.1").
    std::vector<std::string> request_lines() const {
        std::lock_guard lock(mutex_);
        return request_lines_;
    }

  private:
    using Stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

    // One client connection; alive as long as a handler (or held_) owns it.
    struct Connection : std::enable_shared_from_this<Connection> {
        Connection(HttpsTestServer& server, boost::asio::ip::tcp::socket socket)
            : server(server), stream(std::move(socket), server.tls_) {}

        void start() {
            stream.async_handshake(boost::asio::ssl::stream_base::server,
                                   [self = shared_from_this()](boost::system::error_code ec) {
                                       if (!ec) self->read_request();
                                   });
        }

        void read_request() {
            boost::asio::async_read_until(
                stream, request, "\r\n\r\n",
                [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                    if (!ec) self->answer();
                });
        }

        void answer() {
            std::istream in(&request);
            std::string line;
            std::getline(in, line);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            server.record(line);
            if (server.answer_.stall) {
                server.held_.push_back(shared_from_this());  // keeps the socket open
                return;
            }
            reply = server.reply_for(line.rfind("HEAD ", 0) == 0);
            boost::asio::async_write(
                stream, boost::asio::buffer(reply),
                [self = shared_from_this()](boost::system::error_code, std::size_t) {
                    boost::system::error_code ignored;
                    self->stream.lowest_layer().close(ignored);
                });
        }

        HttpsTestServer& server;
        Stream stream;
        boost::asio::streambuf request;
        std::string reply;
    };

    static int& instances() {
        static int count = 0;
        return count;
    }

    void accept() {
        acceptor_.async_accept(
            [this](boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
                if (ec) return;
                std::make_shared<Connection>(*this, std::move(socket))->start();
                accept();
            });
    }

    void record(const std::string& line) {
        std::lock_guard lock(mutex_);
        request_lines_.push_back(line);
    }

    std::string reply_for(bool head) const {
        std::string text =
            "HTTP/1.1 " + std::to_string(answer_.status) + " " + answer_.reason + "\r\n";
        for (const auto& [name, value] : answer_.headers) text += name + ": " + value + "\r\n";
        text += "Content-Length: " + std::to_string(answer_.body.size()) + "\r\n";
        text += "Connection: close\r\n\r\n";
        if (!head) text += answer_.body;
        return text;
    }

    std::string dns_name_;
    CannedAnswer answer_;
    std::filesystem::path ca_file_;
    // Declared before everything using it, so it is destroyed last.
    boost::asio::io_context io_;
    boost::asio::ssl::context tls_{boost::asio::ssl::context::tls_server};
    boost::asio::ip::tcp::acceptor acceptor_{io_};
    std::uint16_t port_ = 0;
    std::vector<std::shared_ptr<Connection>> held_;  // stalled connections (server thread only)
    mutable std::mutex mutex_;
    std::vector<std::string> request_lines_;
    std::thread thread_;
};

}  // namespace ccp_relogin::testing
