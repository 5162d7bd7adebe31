#include "config/config_file.h"

#include <fstream>
#include <string>
#include <system_error>
#include <variant>

#include "base/bounded_json.h"

namespace ccp_relogin::config {
namespace fs = std::filesystem;

namespace {

ConfigFileRead file_problem(const fs::path& path, std::string reason) {
    ConfigFileRead read;
    read.problems.push_back(Problem{path.string(), "", std::move(reason)});
    return read;
}

// The parser reports a byte offset; editors show lines and columns, so
// convert (1-based, counting bytes like the parser does).
std::string line_and_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    const std::size_t end = std::min(offset, text.size());
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

// Only the position: the parser's own message quotes the text it read, and a
// problem line must not echo file contents.
std::string refusal_reason(const base::JsonRefusal& refusal, std::string_view text) {
    const std::string at = line_and_column(text, refusal.offset);
    switch (refusal.kind) {
        case base::JsonRefusal::Kind::kTooDeep:
            return "nested deeper than " + std::to_string(kMaxConfigDepth) + " levels";
        case base::JsonRefusal::Kind::kNumberTooLarge:
            return "not valid JSON (a number too large for a double at " + at + ")";
        case base::JsonRefusal::Kind::kBadJson:
            break;
    }
    return "not valid JSON (error at " + at + ")";
}

}  // namespace

// The bounded parser, as for frames: it never throws for what a file holds
// (nlohmann's tree parser throws out_of_range, not parse_error, for 1e999),
// and the depth limit keeps the recursive validator and merge safe.
ConfigFileRead parse_config_text(std::string_view text, const std::string& source) {
    ConfigFileRead read;
    base::BoundedParse parsed = base::parse_bounded_json(text, kMaxConfigDepth);
    if (const auto* refusal = std::get_if<base::JsonRefusal>(&parsed))
        read.problems.push_back(Problem{source, "", refusal_reason(*refusal, text)});
    else
        read.document = std::move(std::get<nlohmann::json>(parsed));
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
    // Read at most one byte past the cap: the file may have grown since
    // file_size. The buffer is the size seen plus that byte, not the cap: a
    // zeroed MiB was a quarter of every host start's page faults.
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return file_problem(path, "cannot read: I/O error");
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > size) return file_problem(path, "changed while it was read; try again");
    if (text.size() > kMaxConfigFileBytes) return file_problem(path, too_large);
    return parse_config_text(text, path.string());
}

}  // namespace ccp_relogin::config
