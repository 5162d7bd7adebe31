#include "helpdesk/running_hosts.h"

#include "base/text.h"
#include "helpdesk/reason.h"
#include "helpdesk/socket_dir.h"
#include "platform/paths.h"

namespace ccp_relogin::helpdesk {
namespace {

// Long enough for a loop diagnosis; short enough to stay a paragraph.
constexpr std::size_t kMaxShownBytes = 2000;

}  // namespace

std::filesystem::path default_ipc_dir() { return helpdesk::ipc_dir_of(platform::state_dir()); }

std::vector<helpdesk::HostAnswer> ask_running_hosts(std::string_view command,
                                                    const std::filesystem::path& ipc_dir,
                                                    const nlohmann::json& request,
                                                    std::ostream& err,
                                                    std::chrono::milliseconds timeout) {
    std::vector<helpdesk::HostAnswer> replied;
    for (auto& answer : helpdesk::ask_every_host(ipc_dir, request, timeout)) {
        using Outcome = helpdesk::HostAnswer::Outcome;
        const std::string prefix =
            "ccp-relogin " + std::string(command) + ": pid " + std::to_string(answer.pid);
        switch (answer.outcome) {
            case Outcome::kReplied:
                replied.push_back(std::move(answer));
                break;
            case Outcome::kStaleRemoved:
                err << prefix << " is not running any more; removed its stale socket "
                    << answer.socket.string() << ".\n";
                break;
            case Outcome::kGone:
                break;  // it exited while we looked: not a host any more
            case Outcome::kFailed:
                err << prefix << ": " << answer.problem << ".\n";
                break;
        }
    }
    return replied;
}

std::string terminal_text(const nlohmann::json& value) {
    if (!value.is_string()) return value.is_null() ? "" : terminal_text(value.dump());
    return base::printable_utf8(value.get_ref<const std::string&>(), kMaxShownBytes);
}

}  // namespace ccp_relogin::helpdesk
