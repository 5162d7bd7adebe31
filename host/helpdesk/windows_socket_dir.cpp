#include <system_error>

#include "helpdesk/socket_dir.h"

namespace ccp_relogin::helpdesk {
namespace {

// A directory, not a link to one: the markers are ours to write. Which
// account may write the state folder is the state folder's own check,
// which the files seam of platform/ brings to Windows; the markers need no
// more than this (socket_dir.h).
void require_plain_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(dir, ec);
    if (ec)
        throw HelpdeskUnavailable("cannot inspect the helpdesk marker folder " + dir.string() +
                                  ": " + ec.message());
    if (status.type() != std::filesystem::file_type::directory)
        throw HelpdeskUnavailable("the helpdesk marker folder " + dir.string() +
                                  " is not a folder (a link or a file is there)");
}

}  // namespace

void prepare_ipc_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw HelpdeskUnavailable("cannot create the helpdesk marker folder " + dir.string() +
                                  ": " + ec.message());
    require_plain_dir(dir);
}

bool ipc_dir_listable(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(dir, ec))) return false;
    require_plain_dir(dir);
    return true;
}

}  // namespace ccp_relogin::helpdesk
