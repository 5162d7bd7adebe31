#include "config/config_file.h"

#include <fstream>
#include <string>
#include <system_error>

namespace ccp_relogin::config {
namespace fs = std::filesystem;

namespace {

ConfigFileRead file_problem(const fs::path& path, std::string reason) {
    ConfigFileRead read;
    read.problems.push_back(Problem{path.string(), "", std::move(reason)});
    return read;
}

// nlohmann reports the byte offset of a syntax error; editors show lines and
// columns, so convert (1-based, counting bytes like nlohmann does).
std::string line_and_column(std::string_view text, std::size_t byte) {
    std::size_t line = 1;
    std::size_t column = 1;
    const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

ConfigFileRead parse_config_text(std::string_view text, const std::string& source) {
    ConfigFileRead read;
    try {
        read.document = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // Only the position: nlohmann's message quotes the text it read, and a
        // problem line must not echo file contents.
        read.problems.push_back(
            Problem{source, "", "not valid JSON (error at " + line_and_column(text, e.byte) + ")"});
    }
    return read;
}

ConfigFileRead read_config_file(const fs::path& path, FileRequirement requirement) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        if (requirement == FileRequirement::kOptional) return {};
        return file_problem(path, "file not found");
    }
    if (ec) return file_problem(path, "cannot read: " + ec.message());
    if (!fs::is_regular_file(status)) return file_problem(path, "not a regular file");

    const std::string too_large = "larger than " + std::to_string(kMaxConfigFileBytes) + " bytes";
    const auto size = fs::file_size(path, ec);
    if (ec) return file_problem(path, "cannot read: " + ec.message());
    if (size > kMaxConfigFileBytes) return file_problem(path, too_large);

    std::ifstream in(path, std::ios::binary);
    if (!in) return file_problem(path, "cannot read: permission denied or I/O error");
    // Read at most one byte past the cap: the file may have grown since file_size.
    std::string text(kMaxConfigFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return file_problem(path, "cannot read: I/O error");
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxConfigFileBytes) return file_problem(path, too_large);
    return parse_config_text(text, path.string());
}

}  // namespace ccp_relogin::config
