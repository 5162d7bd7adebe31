#pragma once
// The CLI's side of the helpdesk socket (helpdesk/wire_protocol.h): send one
// request line to every running host of this user and collect the replies.
// A socket whose connect() is refused belongs to a host that was killed (the
// browser kills the host's process group when the port closes, so no
// destructor ran): its file is removed. On Windows `socket` is the host's
// marker and the pipe is named after the pid (helpdesk/pipe_name.h); a
// killed host leaves neither, so a marker without a pipe is rare (a crash of
// Windows) and is removed the same way (windows_client.cpp).
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {

// A reply line's limit: a status of many profiles with their diagnoses.
inline constexpr std::size_t kMaxReplyBytes = 1024 * 1024;

struct HostAnswer {
    enum class Outcome {
        kReplied,       // `reply` holds the host's reply (ok or not)
        kStaleRemoved,  // nobody listened; the socket file (marker) was removed
        kGone,          // the file (the pipe and marker) went away meanwhile: the host exited
        kFailed,        // `problem` says what went wrong
    };
    long pid = 0;  // from the socket's file name
    std::filesystem::path socket;
    Outcome outcome = Outcome::kFailed;
    nlohmann::json reply;
    std::string problem;
};

// Sends `request` as one line to the host at `socket` and reads one reply
// line, all within `timeout`.
HostAnswer ask_host(const std::filesystem::path& socket, long pid, const nlohmann::json& request,
                    std::chrono::milliseconds timeout = kClientTimeout);

// ask_host for every `host-<pid>.sock` in `dir` (list_host_sockets), in pid
// order. Throws HelpdeskUnavailable if `dir` is unsafe.
std::vector<HostAnswer> ask_every_host(const std::filesystem::path& dir,
                                       const nlohmann::json& request,
                                       std::chrono::milliseconds timeout = kClientTimeout);

}  // namespace ccp_relogin::helpdesk
