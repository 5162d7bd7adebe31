// libFuzzer target: everything a browser (or anything that starts the host)
// controls: the frame stream, the JSON parse with its depth limit, message
// validation, and the dispatcher's decisions (profile matching, the guard
// with its state on disk, replies), as host mode runs them. The input is used
// twice: as a stream of frames, and as one frame body, so the fuzzer need not
// discover the length prefix to reach the validator and the dispatcher.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "fuzz_support.h"
#include "guard/state_store.h"
#include "messaging/byte_source.h"
#include "messaging/frame_reader.h"
#include "messaging/frame_writer.h"
#include "protocol/dispatcher.h"
#include "protocol/host_session.h"

namespace {

using namespace ccp_relogin;

// One state directory for the whole run: a fresh one per input would cost
// more than the input. Inputs may leave guard state behind; that is state a
// real host also meets.
// Removed when the fuzzer exits.
struct ScratchDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("ccp-relogin-fuzz-" + std::to_string(::getpid()));
    ScratchDir() { std::filesystem::create_directories(path); }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

const std::filesystem::path& state_dir() {
    static const ScratchDir dir;
    return dir.path;
}

protocol::Dispatcher& dispatcher() {
    static base::FakeClock clock{1'700'000'000'000};
    static guard::StateStore store(state_dir(), [](const std::string&) {});
    static int ids = 0;
    static protocol::Dispatcher instance(
        protocol::Collaborators{
            .load_config =
                [](const nlohmann::json* policy) {
                    std::vector<config::ConfigLayer> layers;
                    if (policy) layers.push_back({"policy", *policy});
                    layers.push_back({"fuzz.json", fuzz::fuzz_config_document()});
                    return config::assemble_config(layers);
                },
            .state = store,
            .clock = clock,
            .audit = [](const nlohmann::json& event) { (void)event.dump(); },
            .new_correlation_id = [] { return "corr-" + std::to_string(++ids); },
            .jitter = [] { return 0.5; },
        },
        fuzz::fuzz_config());
    clock.advance(1000);  // time moves between inputs, as it does between frames
    return instance;
}

void answer(std::string_view body) {
    messaging::encode_frame(protocol::answer_frame(body, dispatcher()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    messaging::MemoryByteSource source(bytes);
    messaging::FrameReader reader(source);
    for (;;) {
        const messaging::ReadResult result = reader.read();
        const auto* frame = std::get_if<messaging::Frame>(&result);
        if (!frame) break;  // EOF, truncation or too-large end the stream, as in the host
        answer(frame->bytes);
    }
    answer(bytes);
    return 0;
}
