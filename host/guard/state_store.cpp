#include "guard/state_store.h"

#include <iostream>
#include <string_view>
#include <system_error>

#include "platform/files.h"
#include "platform/private_dir.h"

namespace ccp_relogin::guard {
namespace {

using platform::FileLock;

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

// A change that changes nothing (most `wait` answers) writes nothing; a
// file that was unreadable is replaced even then.
void StateStore::update_locked(const std::function<void(GuardState&)>& change) {
    const auto held = lock(FileLock::Mode::kExclusive);
    Loaded loaded = load_unlocked();
    const GuardState before = loaded.state;
    change(loaded.state);
    if (loaded.asOnDisk && loaded.state == before) return;
    or_unavailable([&] { save_unlocked(loaded.state); });
}

// Without the lock: writers replace the file by rename, so what is at the
// name is always one whole state. This is what `status` costs, so it is
// also the cheapest path (README.md, "Benchmarks").
// Without the lock, the directory is not checked either: a file that can't
// be opened for another reason than being absent (the directory gone bad)
// makes the state unavailable, as the lock would have.
GuardState StateStore::read() const {
    return or_unavailable([&] { return load_unlocked(OpenFailure::kThrow).state; });
}

// Never throws for bad content: anything unreadable is a fresh start plus a warning.
StateStore::Loaded StateStore::load_unlocked(OpenFailure on_open_failure) const {
    const auto path = state_file();
    platform::OpenFile file;
    try {
        auto present = platform::open_own_file_if_present(path, platform::FileAccess::kRead);
        if (!present) return {{}, true};
        file = std::move(*present);
    } catch (const std::system_error& e) {
        if (on_open_failure == OpenFailure::kThrow) throw;
        warn(e.what());
        return {{}, false};
    } catch (const platform::FileProblem& e) {
        warn(e.what());  // the next save replaces it
        return {{}, false};
    }
    std::string bytes;
    try {
        bytes = file.read_all(kMaxFileBytes);  // checks the size first: a huge file costs nothing
    } catch (const std::exception& e) {
        warn(e.what());
        return {{}, false};
    }
    if (bytes == lastBytes_) return {lastState_, true};  // unchanged since we last parsed it
    auto state = parse_state(bytes);
    if (!state) {
        warn(path.string() + " is corrupt");
        return {{}, false};
    }
    lastBytes_ = std::move(bytes);
    lastState_ = *state;
    return {std::move(*state), true};
}

// Write a temporary file, rename it over the state file: a reader (or a
// crashed process) sees the old state or the new one, never half of one. The
// temporary name is fixed because only the lock holder writes it; whatever a
// crash (or anyone) left there is replaced, not followed or waited on.
//
// No fsync: what the guard guarantees is between processes (the lock, the
// atomic rename), and both hold without it. What fsync adds is surviving a
// power cut with the last few decisions; losing them only forgets a recent
// attempt, which the back-off and the loop rule recover from. It was what
// limited `expired` to about 1,400 decisions a second (README.md,
// "Benchmarks").
void StateStore::save_unlocked(const GuardState& state) const {
    const auto path = state_file();
    const auto temp = dir_ / (std::string(kStateFileName) + ".tmp");
    std::string bytes = to_json(state).dump();
    {
        auto file = platform::create_fresh_file(temp);
        file.write_all(bytes);
    }
    platform::replace_file(temp, path);
    lastBytes_ = std::move(bytes);
    lastState_ = state;
}

void StateStore::warn(const std::string& text) const {
    lastWarning_ = "guard state: " + text + "; starting fresh";
    if (warnSink_) warnSink_(lastWarning_);
}

}  // namespace ccp_relogin::guard
