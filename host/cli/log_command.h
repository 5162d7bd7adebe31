#pragma once
// `ccp-relogin log [--since T] [--json] [--verify]` (synopsis:
// cli/commands.cpp): the audit log of this user's state directory, every
// file kept (audit.jsonl.5 … audit.jsonl), oldest first.
//   default   one readable line per event (audit/log_view.h)
//   --json    the lines as written, one JSON object per line
//   --since   only events at or after T (audit/log_view.h, since_timestamp)
//   --verify  checks the hash chain (audit/log_chain.h) and says which line
//             breaks it; exit 1 if one does, 0 if the log is intact
// Lines that are not JSON (cut short by a crash) are skipped when shown.
// Exit 1 when the log can't be read, 2 for a bad command line.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace ccp_relogin::cli {

int run_log(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same for the log in `state_dir` (tests).
int run_log(const std::vector<std::string>& args, const std::filesystem::path& state_dir,
            std::ostream& out, std::ostream& err);

}  // namespace ccp_relogin::cli
