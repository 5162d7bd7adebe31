#include "platform/process_identity.h"

#include <algorithm>

#include "base/text.h"

namespace ccp_relogin::platform {
namespace {

constexpr std::size_t kMaxNameLength = 64;

}  // namespace

bool is_account_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return base::is_ascii_alnum(c) || c == '_' || c == '-' || c == '.' || c == '@' ||
                      c == '\\';
           });
}

}  // namespace ccp_relogin::platform
