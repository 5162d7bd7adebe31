#pragma once
// Windows only (included by windows_*.cpp): a HANDLE closed when it goes, and
// UTF-8 to UTF-16 for the W functions.
#include <windows.h>

#include <string>
#include <string_view>
#include <utility>

namespace ccp_relogin::platform {

class UniqueHandle {
  public:
    UniqueHandle() = default;
    explicit UniqueHandle(HANDLE handle) : handle_(handle) {}
    UniqueHandle(UniqueHandle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    UniqueHandle& operator=(UniqueHandle&& other) noexcept {
        if (this != &other) reset(std::exchange(other.handle_, nullptr));
        return *this;
    }
    UniqueHandle(const UniqueHandle&) = delete;
    UniqueHandle& operator=(const UniqueHandle&) = delete;
    ~UniqueHandle() { reset(); }

    // CreateFileW and CreateNamedPipeW fail with INVALID_HANDLE_VALUE, most
    // others with NULL: both are "none".
    bool ok() const { return handle_ != nullptr && handle_ != INVALID_HANDLE_VALUE; }
    HANDLE get() const { return handle_; }
    HANDLE release() { return std::exchange(handle_, nullptr); }
    void reset(HANDLE handle = nullptr) {
        if (ok()) ::CloseHandle(handle_);
        handle_ = handle;
    }

  private:
    HANDLE handle_ = nullptr;
};

// Strict: invalid UTF-8 is an error (std::invalid_argument), not a
// replacement character in a path or an argument.
std::wstring widen(std::string_view utf8);

}  // namespace ccp_relogin::platform
