// libFuzzer target: the audit log as its readers read it (`ccp-relogin log`,
// `--verify`, the forwarder, the journal copy): the files are the user's and
// may be cut short, edited or planted, so every reader must take any bytes.
// The input is one or two files (split at the first NUL: a rotated file and
// the current one, so that the chain is followed across rotation).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/forward_wire.h"
#include "audit/journal_log.h"
#include "audit/log_chain.h"
#include "audit/log_view.h"
#include "platform/system_log.h"

using namespace ccp_relogin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto nul = input.find('\0');
    std::vector<audit::LogFile> files;
    if (nul != std::string_view::npos)
        files.push_back({"audit.jsonl.1", std::string(input.substr(0, nul))});
    files.push_back({"audit.jsonl", std::string(input.substr(nul == input.npos ? 0 : nul + 1))});
    for (const auto& finding : audit::verify_chain(files)) (void)audit::is_tampering(finding);
    std::vector<nlohmann::json> events;
    for (const auto& file : files)
        for (const auto& line : audit::split_log(file.text).lines) {
            if (!line.event) continue;
            (void)audit::readable_line(*line.event);
            const auto entry = audit::system_log_entry(*line.event);
            (void)platform::journal_fields(entry);
            (void)platform::event_log_text(entry);
            events.push_back(*line.event);
        }
    for (const auto format :
         {audit::WireFormat::kJsonArray, audit::WireFormat::kOtlp, audit::WireFormat::kSplunkHec})
        (void)audit::request_body(events, "0.0.0", format);
    return 0;
}
