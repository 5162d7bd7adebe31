// policy_registry.h on Windows: RegOpenKeyExW (query rights only),
// RegQueryInfoKeyW for the bounds, RegEnumValueW and RegQueryValueExW. Each
// value's size is asked first and checked against the bound before its data
// is read, so a huge value costs nothing.
#include <windows.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "platform/policy_registry.h"
#include "platform/windows_handle.h"
#include "platform/windows_security.h"

namespace ccp_relogin::platform {
namespace {

// An open key, closed when it goes.
class OpenKey {
  public:
    OpenKey() = default;
    OpenKey(const OpenKey&) = delete;
    OpenKey& operator=(const OpenKey&) = delete;
    ~OpenKey() {
        if (key_ != nullptr) ::RegCloseKey(key_);
    }
    HKEY* out() { return &key_; }
    HKEY get() const { return key_; }

  private:
    HKEY key_ = nullptr;
};

HKEY root_of(RegistryHive hive) {
    return hive == RegistryHive::kLocalMachine ? HKEY_LOCAL_MACHINE : HKEY_CURRENT_USER;
}

std::string message_of(LONG rc) { return windows::win32_error(static_cast<DWORD>(rc)).message(); }

// UTF-16 to UTF-8; nullopt for text that is not valid UTF-16 (a lone surrogate).
std::optional<std::string> narrow(std::wstring_view wide) {
    if (wide.empty()) return std::string();
    const int size = static_cast<int>(wide.size());
    const int bytes = ::WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide.data(), size,
                                            nullptr, 0, nullptr, nullptr);
    if (bytes <= 0) return std::nullopt;
    std::string text(static_cast<std::size_t>(bytes), '\0');
    ::WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide.data(), size, text.data(), bytes,
                          nullptr, nullptr);
    return text;
}

// The data of a string value: `size` bytes of UTF-16 as the registry keeps
// them, whose NULs at the end (one, or none when the writer left it out) are
// no part of the text.
std::optional<std::string> string_data(HKEY key, const std::wstring& name, DWORD size,
                                       std::string& why) {
    std::wstring data(size / sizeof(wchar_t) + 1, L'\0');
    DWORD type = 0;
    DWORD got = size;
    const LONG rc = ::RegQueryValueExW(key, name.c_str(), nullptr, &type,
                                       reinterpret_cast<BYTE*>(data.data()), &got);
    if (rc != ERROR_SUCCESS) {
        why = rc == ERROR_MORE_DATA ? "it changed while it was read" : message_of(rc);
        return std::nullopt;
    }
    data.resize(got / sizeof(wchar_t));
    while (!data.empty() && data.back() == L'\0') data.pop_back();
    auto text = narrow(data);
    if (!text) why = "it is not valid UTF-16";
    return text;
}

// Reads the value `name` into `out`; false (with `why`) when it can't be read,
// nullopt when there is no such value.
std::optional<bool> read_value(HKEY key, const std::wstring& name, RegistryValue& out,
                               std::string& why) {
    DWORD type = 0;
    DWORD size = 0;
    const LONG rc = ::RegQueryValueExW(key, name.c_str(), nullptr, &type, nullptr, &size);
    if (rc == ERROR_FILE_NOT_FOUND) return std::nullopt;
    if (rc != ERROR_SUCCESS) {
        why = message_of(rc);
        return false;
    }
    if (type == REG_DWORD) {
        DWORD number = 0;
        DWORD got = sizeof number;
        const LONG read = ::RegQueryValueExW(key, name.c_str(), nullptr, &type,
                                             reinterpret_cast<BYTE*>(&number), &got);
        if (read != ERROR_SUCCESS || type != REG_DWORD || got != sizeof number) {
            why = read != ERROR_SUCCESS ? message_of(read) : "it changed while it was read";
            return false;
        }
        out.type = RegistryValue::Type::kDword;
        out.number = number;
        return true;
    }
    if (type == REG_SZ || type == REG_EXPAND_SZ) {
        if (size > kMaxRegistryStringBytes) {
            why = "it is longer than " + std::to_string(kMaxRegistryStringBytes) + " bytes";
            return false;
        }
        auto text = string_data(key, name, size, why);
        if (!text) return false;
        out.type = RegistryValue::Type::kString;
        out.text = std::move(*text);
        return true;
    }
    out.type = RegistryValue::Type::kOther;  // the caller says what it wanted instead
    return true;
}

// Adds the value `name` to `read`, or a problem; nothing when it is absent.
void add_value(HKEY key, const std::wstring& name, const std::string& utf8_name,
               RegistryKey& read) {
    RegistryValue value;
    value.name = utf8_name;
    std::string why;
    const auto found = read_value(key, name, value, why);
    if (!found) return;
    if (*found)
        read.values.push_back(std::move(value));
    else
        read.problems.push_back(read.path + "\\" + utf8_name + ": " + why);
}

void add_named(HKEY key, const std::vector<std::string>& names, RegistryKey& read) {
    for (const auto& name : names) {
        try {
            add_value(key, widen(name), name, read);
        } catch (const std::invalid_argument&) {
            read.problems.push_back(read.path + "\\" + name + ": the name is not UTF-8");
        }
    }
}

void add_all(HKEY key, RegistryKey& read) {
    DWORD count = 0;
    DWORD longest_name = 0;
    const LONG rc = ::RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                       &count, &longest_name, nullptr, nullptr, nullptr);
    if (rc != ERROR_SUCCESS) {
        read.problems.push_back(read.path + ": " + message_of(rc));
        return;
    }
    if (count > kMaxRegistryValues)
        read.problems.push_back(read.path + ": only the first " +
                                std::to_string(kMaxRegistryValues) + " of its " +
                                std::to_string(count) + " values were read");
    // The limit of a value name is 16,383 characters.
    std::wstring name(std::min<DWORD>(longest_name, 16383) + 1, L'\0');
    const DWORD wanted = std::min<DWORD>(count, kMaxRegistryValues);
    for (DWORD i = 0; i < wanted; ++i) {
        DWORD length = static_cast<DWORD>(name.size());
        const LONG got =
            ::RegEnumValueW(key, i, name.data(), &length, nullptr, nullptr, nullptr, nullptr);
        if (got == ERROR_NO_MORE_ITEMS) break;  // values went while we read
        if (got != ERROR_SUCCESS) {
            read.problems.push_back(read.path + ": value " + std::to_string(i) + ": " +
                                    message_of(got));
            continue;
        }
        const std::wstring wide_name(name.data(), length);
        const auto utf8_name = narrow(wide_name);
        if (!utf8_name) {
            read.problems.push_back(read.path + ": a value whose name is not valid UTF-16");
            continue;
        }
        add_value(key, wide_name, *utf8_name, read);
    }
}

}  // namespace

RegistryKey read_registry_key(RegistryHive hive, const std::string& key,
                              const std::vector<std::string>& names) {
    RegistryKey read;
    read.path = std::string(to_string(hive)) + "\\" + key;
    OpenKey open;
    std::wstring wide_key;
    try {
        wide_key = widen(key);
    } catch (const std::invalid_argument&) {
        read.problems.push_back(read.path + ": the key's name is not UTF-8");
        return read;
    }
    const LONG rc =
        ::RegOpenKeyExW(root_of(hive), wide_key.c_str(), 0, KEY_QUERY_VALUE, open.out());
    if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND) return read;
    if (rc != ERROR_SUCCESS) {
        read.problems.push_back(read.path + ": " + message_of(rc));
        return read;
    }
    read.exists = true;
    if (names.empty())
        add_all(open.get(), read);
    else
        add_named(open.get(), names, read);
    return read;
}

}  // namespace ccp_relogin::platform
