#include "platform/child_process.h"

#include "platform/paths.h"

namespace ccp_relogin::platform {

std::string helper_file_name(std::string_view name, System system) {
    // CreateProcessW, unlike a shell, adds no extension to a program path.
    return std::string(name) + (system == System::kWindows ? ".exe" : "");
}

std::filesystem::path helper_program(std::string_view name) {
    // current_executable(): /proc/self/exe, or GetModuleFileNameW on Windows.
    return current_executable().parent_path() / helper_file_name(name, kThisSystem);
}

}  // namespace ccp_relogin::platform
