#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "helpdesk/listener.h"
#include "helpdesk/socket_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

using Stream = boost::asio::local::stream_protocol;

struct FileId {
    dev_t device = 0;
    ino_t inode = 0;
};

std::optional<FileId> file_id(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
    return FileId{st.st_dev, st.st_ino};
}

}  // namespace

void stop_sending(ConnectionStream& connection) {
    boost::system::error_code ignored;
    connection.shutdown(Stream::socket::shutdown_send, ignored);
}

struct Listener::Impl {
    Impl(boost::asio::io_context& io, std::filesystem::path path)
        : socket_path(std::move(path)), acceptor(io) {}

    void listen();

    std::filesystem::path socket_path;
    Stream::acceptor acceptor;
    std::optional<FileId> bound;
};

void Listener::Impl::listen() {
    if (const auto problem = socket_path_problem(socket_path, max_socket_path_bytes()))
        throw HelpdeskUnavailable(*problem);
    // Ours by name: an earlier process with our pid left it behind.
    if (::unlink(socket_path.c_str()) != 0 && errno != ENOENT)
        throw HelpdeskUnavailable("cannot replace " + socket_path.string() + ": " +
                                  std::strerror(errno));
    try {
        const Stream::endpoint endpoint(socket_path.string());
        acceptor.open(endpoint.protocol());
        acceptor.bind(endpoint);
        // The directory is 0700 already; this keeps the file itself private
        // whatever the umask.
        ::chmod(socket_path.c_str(), 0600);
        acceptor.listen();
    } catch (const boost::system::system_error& e) {
        throw HelpdeskUnavailable("cannot listen on " + socket_path.string() + ": " +
                                  e.code().message());
    }
    bound = file_id(socket_path);
}

Listener::Listener(boost::asio::io_context& io, const std::filesystem::path& address)
    : impl_(std::make_unique<Impl>(io, address)) {
    impl_->listen();
}

Listener::~Listener() = default;

void Listener::async_accept(AcceptHandler on_accept) {
    impl_->acceptor.async_accept(std::move(on_accept));
}

void Listener::close() {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
    // Only our own socket: if the CLI already removed it as stale, or
    // another process now has a file of that name, leave it alone.
    const auto now = file_id(impl_->socket_path);
    const auto& bound = impl_->bound;
    if (bound && now && now->device == bound->device && now->inode == bound->inode)
        ::unlink(impl_->socket_path.c_str());
}

}  // namespace ccp_relogin::helpdesk
