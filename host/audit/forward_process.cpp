#include "audit/forward_process.h"

#include <system_error>
#include <utility>

#include "audit/forward_wire.h"

namespace ccp_relogin::audit {

ForwarderProcess::ForwarderProcess(std::filesystem::path program, std::string hostVersion,
                                   const base::Clock& clock, StatusSink status)
    : program_(std::move(program)),
      hostVersion_(std::move(hostVersion)),
      clock_(clock),
      status_(std::move(status)) {}

bool ForwarderProcess::set_destination(const std::optional<std::string>& url, WireFormat format,
                                       std::vector<std::string> pinnedKeys) {
    const std::lock_guard lock(mutex_);
    if (url == url_ && format == format_ && pinnedKeys == pinnedKeys_) return true;
    format_ = format;
    pinnedKeys_ = std::move(pinnedKeys);
    helper_.reset();  // it sends what it has to the old destination, then ends
    lastStartMs_.reset();
    url_.reset();
    if (!url) return true;
    if (const auto problem = forward_url_problem(*url)) {
        // Every hello loads the configuration again: say it once per URL.
        if (status_ && *url != refusedUrl_) status_(forwarding_off_line(*url, *problem));
        refusedUrl_ = *url;
        return false;
    }
    url_ = url;
    return true;
}

bool ForwarderProcess::ensure_helper() {
    if (helper_ && helper_->alive()) return true;
    const int64_t now = clock_.now_ms();
    if (lastStartMs_ && now - *lastStartMs_ < kForwarderRestartDelay.count()) return false;
    lastStartMs_ = now;
    try {
        std::vector<std::string> args{"forward",
                                      "--url",
                                      *url_,
                                      "--host-version",
                                      hostVersion_,
                                      "--format",
                                      std::string(wire_format_name(format_))};
        for (const auto& key : pinnedKeys_) args.insert(args.end(), {"--pin", key});
        helper_.emplace(program_, args);
        return true;
    } catch (const std::system_error& e) {
        helper_.reset();
        if (status_) status_("audit forwarding can't start: " + std::string(e.what()));
        return false;
    }
}

void ForwarderProcess::enqueue(nlohmann::json line) {
    const std::lock_guard lock(mutex_);
    if (!url_) return;
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (ensure_helper() && helper_->write_without_waiting(text)) {
        reportedDrop_ = false;
        return;
    }
    note_dropped(helper_ && helper_->alive() ? "it is not keeping up"
                                             : program_.filename().string() + " is not running");
}

void ForwarderProcess::note_dropped(const std::string& why) {
    ++dropped_;
    if (reportedDrop_ || !status_) return;
    reportedDrop_ = true;
    status_("audit forwarding is behind (" + why +
            "): lines are not being forwarded, the local audit log still has them");
}

uint64_t ForwarderProcess::dropped() const {
    const std::lock_guard lock(mutex_);
    return dropped_;
}

}  // namespace ccp_relogin::audit
