#pragma once
// The Windows registry as the browsers' policy is kept in it, read for
// doctor (doctor/probe_browser_cookies.h): the values of one key, bounded,
// never written. windows_policy_registry.cpp reads
// with RegOpenKeyExW and RegEnumValueW; posix_policy_registry.cpp has no
// registry and finds no key (docs/architecture.md, "Platform seams").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ccp_relogin::platform {

enum class RegistryHive { kLocalMachine, kCurrentUser };

// "HKLM" | "HKCU", as reg.exe and the browsers' documentation write them.
std::string_view to_string(RegistryHive hive);

// At most this many values are read from one key: a policy list is a few
// dozen entries; more is not a policy anyone wrote by hand.
inline constexpr std::size_t kMaxRegistryValues = 1000;
// A REG_SZ whose data (UTF-16, with its NUL) is longer than this many bytes
// is not read: a URL pattern is short, and a whole list as JSON
// (docs/facts.md, "Policies") fits too.
inline constexpr std::size_t kMaxRegistryStringBytes = 64 * 1024;

// One value as read.
struct RegistryValue {
    enum class Type { kDword, kString, kOther };
    std::string name;
    Type type = Type::kOther;
    std::uint32_t number = 0;  // kDword
    std::string text;          // kString (REG_SZ or REG_EXPAND_SZ, not expanded), as UTF-8
};

// What one key holds.
struct RegistryKey {
    std::string path;  // "HKCU\SOFTWARE\Policies\Google\Chrome", for messages
    bool exists = false;
    std::vector<RegistryValue> values;  // in the order the registry gives them
    // "<path>\<name>: why" for each value not read (too long, not valid
    // UTF-16, beyond kMaxRegistryValues), and "<path>: why" when the key is
    // there but can't be opened.
    std::vector<std::string> problems;
};

// The values of `hive`\`key` (a key is absent: `exists` false, no problem);
// with `names`, only the values of those names. Never throws for what it
// finds there.
RegistryKey read_registry_key(RegistryHive hive, const std::string& key,
                              const std::vector<std::string>& names = {});

}  // namespace ccp_relogin::platform
