#pragma once
// The guard state on disk, shared by every host process of the user
// (sendNativeMessage starts one process per message; several browser
// profiles run hosts at once). Each update holds an exclusive flock on
// `<dir>/guard.lock` while it reads `<dir>/guard.json`, applies the change and
// replaces the file atomically (write temp, rename; state_store.cpp says why
// without fsync). A change that changes nothing writes nothing.
//
// Corrupt, oversized or unreadable content, or a state file that is not a
// regular file of ours, starts fresh with one warning; a directory or lock
// that cannot be used throws StateUnavailable, because silently running
// without shared state would defeat loop protection. The directory must be
// ours and writable by nobody else (platform/private_dir.h); the lock is
// waited for a few seconds at most (platform::FileLock).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "guard/guard_state.h"
#include "platform/files.h"

namespace ccp_relogin::guard {

class StateUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Receives one line of warning text (no newline). The default writes
// "ccp-relogin: <text>" to stderr (stdout is reserved for protocol frames).
using WarningSink = std::function<void(const std::string&)>;
void warn_to_stderr(const std::string& text);

// One StateStore per thread: the lock excludes other objects, threads and
// processes; one object is not meant to be shared between threads.
class StateStore {
  public:
    static constexpr std::size_t kMaxFileBytes = 1024 * 1024;
    static constexpr const char* kStateFileName = "guard.json";
    static constexpr const char* kLockFileName = "guard.lock";

    // Creates `dir` (mode 0700) if it does not exist yet.
    explicit StateStore(std::filesystem::path dir, WarningSink warn = warn_to_stderr);

    // Locks, reads, applies `change`, writes, unlocks; returns what `change`
    // returned. If `change` throws, nothing is written.
    template <typename F>
    auto update(F&& change) -> std::invoke_result_t<F&, GuardState&> {
        using R = std::invoke_result_t<F&, GuardState&>;
        if constexpr (std::is_void_v<R>) {
            update_locked([&](GuardState& s) { change(s); });
        } else {
            std::optional<R> result;
            update_locked([&](GuardState& s) { result.emplace(change(s)); });
            return std::move(*result);
        }
    }

    // A snapshot, read without the lock (state_store.cpp says why it may).
    GuardState read() const;

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path state_file() const { return dir_ / kStateFileName; }

    // The last warning this store emitted ("" if none), for tests and doctor.
    const std::string& last_warning() const { return lastWarning_; }

  private:
    platform::FileLock lock(platform::FileLock::Mode mode) const;
    void update_locked(const std::function<void(GuardState&)>& change);
    struct Loaded {
        GuardState state;
        bool asOnDisk = true;  // false: the file was unusable (warned), so rewrite it
    };
    enum class OpenFailure { kFreshStart, kThrow };
    Loaded load_unlocked(OpenFailure on_open_failure = OpenFailure::kFreshStart) const;
    void save_unlocked(const GuardState& state) const;
    void warn(const std::string& text) const;

    std::filesystem::path dir_;
    WarningSink warnSink_;
    mutable std::string lastWarning_;
    // The file's last bytes and what they parsed to: most reads and updates
    // find the file as this thread last saw it.
    mutable std::string lastBytes_;
    mutable GuardState lastState_;
};

}  // namespace ccp_relogin::guard
