#include "audit/forward_process.h"

#include <system_error>
#include <utility>

#include "platform/files.h"

namespace ccp_relogin::audit {

ForwarderProcess::ForwarderProcess(std::filesystem::path program, std::filesystem::path stateDir,
                                   std::string hostVersion, const base::Clock& clock,
                                   StatusSink status)
    : program_(std::move(program)),
      stateDir_(std::move(stateDir)),
      hostVersion_(std::move(hostVersion)),
      clock_(clock),
      status_(std::move(status)) {}

bool ForwarderProcess::set_destination(const std::optional<std::string>& url, WireFormat format,
                                       std::vector<std::string> pinnedKeys,
                                       std::optional<std::string> tokenFile) {
    const std::lock_guard lock(mutex_);
    if (url == url_ && format == format_ && pinnedKeys == pinnedKeys_ && tokenFile == tokenFile_)
        return true;
    format_ = format;
    pinnedKeys_ = std::move(pinnedKeys);
    tokenFile_ = std::move(tokenFile);
    lastCheckMs_.reset();
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

bool ForwarderProcess::someone_forwards() const {
    try {
        // Held for no longer than this look: free means no forwarder runs.
        const platform::FileLock probe(stateDir_ / kForwardLockFileName,
                                       platform::FileLock::Mode::kExclusive,
                                       std::chrono::milliseconds(0));
        return false;
    } catch (const std::exception&) {
        return true;  // held (or unusable: then starting one would not help either)
    }
}

void ForwarderProcess::start_forwarder() {
    std::vector<std::string> args{
        "forward",    "--state-dir", stateDir_.string(),
        "--url",      *url_,         "--host-version",
        hostVersion_, "--format",    std::string(wire_format_name(format_))};
    for (const auto& key : pinnedKeys_) args.insert(args.end(), {"--pin", key});
    if (tokenFile_) args.insert(args.end(), {"--token-file", *tokenFile_});
    try {
        child_.emplace(program_, args);
        ++started_;
    } catch (const std::system_error& e) {
        child_.reset();
        if (status_) status_("audit forwarding can't start: " + std::string(e.what()));
    }
}

void ForwarderProcess::enqueue(nlohmann::json) {
    const std::lock_guard lock(mutex_);
    if (!url_ || stateDir_.empty()) return;
    const int64_t now = clock_.now_ms();
    if (lastCheckMs_ && now - *lastCheckMs_ < kForwarderCheckInterval.count()) return;
    lastCheckMs_ = now;
    if (child_) child_->running();  // collect one that ended
    if (!someone_forwards()) start_forwarder();
}

int ForwarderProcess::started() const {
    const std::lock_guard lock(mutex_);
    return started_;
}

}  // namespace ccp_relogin::audit
