// libFuzzer target: a configuration the host reads, both ways it arrives: as
// the text of a configuration file (parse, validate, build) and as the
// browser policy layered over the file configuration (the hello path, where
// the document comes from the extension), then the view sent in welcome.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bounded_json.h"
#include "config/config_file.h"
#include "config/layers.h"
#include "fuzz_support.h"
#include "protocol/protocol_error.h"
#include "protocol/welcome_config.h"

using namespace ccp_relogin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const config::ConfigFileRead file = config::parse_config_text(text, "fuzz.json");
    if (file.document) {
        const auto loaded = config::assemble_config({{"fuzz.json", *file.document}});
        (void)protocol::welcome_config_json(loaded.config).dump();
    }

    // As hello.policy: a frame body's JSON, bounded as the protocol bounds it.
    auto policy = base::parse_bounded_json(text, protocol::kMaxJsonDepth);
    if (const auto* document = std::get_if<nlohmann::json>(&policy)) {
        const auto loaded = config::assemble_config(
            {{"policy", *document}, {"fuzz.json", fuzz::fuzz_config_document()}});
        (void)protocol::welcome_config_json(loaded.config).dump();
    }
    return 0;
}
