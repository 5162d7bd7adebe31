// What files.h's OpenFile does the same way on every system; the system
// calls are in posix_files.cpp and windows_files.cpp.
#include "platform/files.h"

#include <utility>

namespace ccp_relogin::platform {

OpenFile::OpenFile(Native native, std::filesystem::path path)
    : native_(native), path_(std::move(path)) {}

OpenFile::OpenFile(OpenFile&& other) noexcept
    : native_(std::exchange(other.native_, kNone)), path_(std::move(other.path_)) {}

OpenFile& OpenFile::operator=(OpenFile&& other) noexcept {
    if (this != &other) {
        close();
        native_ = std::exchange(other.native_, kNone);
        path_ = std::move(other.path_);
    }
    return *this;
}

OpenFile::~OpenFile() { close(); }

bool OpenFile::ok() const { return native_ != kNone; }

std::string OpenFile::read_all(std::size_t max_bytes) const {
    const auto bytes = size();
    if (bytes > max_bytes)
        throw FileProblem(path_.string() + " is larger than " + std::to_string(max_bytes) +
                          " bytes");
    return read_at(0, static_cast<std::size_t>(bytes));
}

OpenFile open_own_file(const std::filesystem::path& path, FileAccess access) {
    auto file = open_own_file_if_present(path, access);
    if (!file)
        throw std::system_error(std::make_error_code(std::errc::no_such_file_or_directory),
                                "cannot open " + path.string());
    return std::move(*file);
}

}  // namespace ccp_relogin::platform
