#include "guard/state_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <string_view>
#include <system_error>

#include "platform/posix_files.h"
#include "platform/private_dir.h"

namespace ccp_relogin::guard {
namespace {

using platform::FileLock;
using platform::UniqueFd;

constexpr std::string_view kDirName = "the state directory";

// Runs `step`; an OS error or a refused file becomes StateUnavailable with
// the same message.
template <typename F>
auto or_unavailable(F&& step) {
    try {
        return step();
    } catch (const std::system_error& e) {
        throw StateUnavailable(std::string("guard state: ") + e.what());
    } catch (const platform::FileProblem& e) {
        throw StateUnavailable(std::string("guard state: ") + e.what());
    }
}

}  // namespace

void warn_to_stderr(const std::string& text) { std::cerr << "ccp-relogin: " << text << '\n'; }

StateStore::StateStore(std::filesystem::path dir, WarningSink warn)
    : dir_(std::move(dir)), warnSink_(std::move(warn)) {
    or_unavailable([&] { platform::prepare_private_dir(dir_, kDirName); });
}

// The directory is checked again each time: a host runs as long as its port,
// and someone may have opened the directory up meanwhile.
FileLock StateStore::lock(FileLock::Mode mode) const {
    return or_unavailable([&] {
        platform::prepare_private_dir(dir_, kDirName);
        return FileLock(dir_ / kLockFileName, mode);
    });
}

void StateStore::update_locked(const std::function<void(GuardState&)>& change) {
    const auto held = lock(FileLock::Mode::kExclusive);
    GuardState state = load_unlocked();
    change(state);
    or_unavailable([&] { save_unlocked(state); });
}

GuardState StateStore::read() const {
    const auto held = lock(FileLock::Mode::kShared);
    return load_unlocked();
}

// Never throws for bad content: anything unreadable is a fresh start plus a warning.
GuardState StateStore::load_unlocked() const {
    const auto path = state_file();
    UniqueFd fd;
    try {
        fd = platform::open_own_file(path, O_RDONLY);
    } catch (const std::system_error& e) {
        if (e.code() != std::errc::no_such_file_or_directory) warn(e.what());
        return {};
    } catch (const platform::FileProblem& e) {
        warn(e.what());  // the next save replaces it
        return {};
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        warn("cannot inspect " + path.string());
        return {};
    }
    // Checked before reading, so a huge file costs nothing.
    if (static_cast<std::size_t>(info.st_size) > kMaxFileBytes) {
        warn(path.string() + " is larger than " + std::to_string(kMaxFileBytes) + " bytes");
        return {};
    }
    auto state =
        parse_state(platform::read_up_to(fd.get(), static_cast<std::size_t>(info.st_size)));
    if (!state) {
        warn(path.string() + " is corrupt");
        return {};
    }
    return std::move(*state);
}

// Write a temporary file, flush it, rename it over the state file: a reader
// (or a crash) sees the old state or the new one, never half of one. The
// temporary name is fixed because only the lock holder writes it; whatever a
// crash (or anyone) left there is replaced, not followed or waited on.
void StateStore::save_unlocked(const GuardState& state) const {
    const auto path = state_file();
    const auto temp = dir_ / (std::string(kStateFileName) + ".tmp");
    {
        auto fd = platform::create_fresh_file(temp, O_WRONLY, 0600);
        platform::write_all(fd.get(), to_json(state).dump(), temp);
        if (::fsync(fd.get()) != 0)
            throw std::system_error(errno, std::generic_category(),
                                    "cannot flush " + temp.string());
    }
    if (::rename(temp.c_str(), path.c_str()) != 0)
        throw std::system_error(errno, std::generic_category(), "cannot replace " + path.string());
    // Make the rename itself durable; if this fails we lose at most this update.
    if (auto dirFd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

void StateStore::warn(const std::string& text) const {
    lastWarning_ = "guard state: " + text + "; starting fresh";
    if (warnSink_) warnSink_(lastWarning_);
}

}  // namespace ccp_relogin::guard
