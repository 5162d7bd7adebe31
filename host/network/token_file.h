#pragma once
// The Splunk HEC token, read by the forwarder from audit.forwardTokenFile.
// The file is the administrator's (often root's, readable by the agents'
// group), so it need not be the user's own; it must be a regular file
// reached without a symlink, and short. The token is one line of visible
// ASCII without spaces (Splunk issues GUIDs); a final newline is dropped.
// Errors name the file and the problem, never its content.
#include <filesystem>
#include <string>

namespace ccp_relogin::network {

inline constexpr std::size_t kMaxTokenFileBytes = 512;

// Throws std::runtime_error when the file can't be used.
std::string read_token_file(const std::filesystem::path& path);

}  // namespace ccp_relogin::network
