// The host's side of the native-messaging contract: the golden frames in
// tests/contract/ (README there), which tests/extension/contract.test.js
// checks against the extension.
//  - extension → host: every frame is accepted, and read as its `reads` says,
//    or refused with exactly its `answers`, by the host's real parsing and
//    validation (answer_frame, as the host session calls it);
//  - host → extension: every conversation runs through answer_frame and a real
//    Dispatcher (temporary state directory, fake clock set to each step's
//    atMs, correlation IDs corr-1, corr-2, …) and each reply must equal the
//    golden one; the few frames no conversation can provoke come from the
//    host's own builders (replies.h, error_reply, the session, encode_frame).
// hostVersion is the build's version: any non-empty string matches it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "protocol/caller_origin.h"
#include "protocol/dispatcher.h"
#include "protocol/host_session.h"
#include "protocol/messages.h"
#include "protocol/protocol_error.h"
#include "protocol/replies.h"
#include "protocol/validate_message.h"
#include "protocol_test_support.h"
#include "support/repo_files.h"

namespace ccp_relogin::protocol {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path contract_dir() { return ccp_relogin::testing::repo_root() / "tests" / "contract"; }

json read_json(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return json::parse(in);
}

struct ContractFile {
    std::string name;  // e.g. "extension-to-host/expired.json"
    json doc;
};

std::vector<ContractFile> load(const std::string& folder) {
    std::vector<ContractFile> files;
    for (const auto& entry : fs::directory_iterator(contract_dir() / folder))
        if (entry.path().extension() == ".json")
            files.push_back(
                {folder + "/" + entry.path().filename().string(), read_json(entry.path())});
    std::sort(files.begin(), files.end(),
              [](const ContractFile& a, const ContractFile& b) { return a.name < b.name; });
    return files;
}

json host_config() { return read_json(contract_dir() / "host-config.json"); }

// {"$text": {"prefix", "fill", "length"}}: a string of exactly `length` bytes,
// the prefix then the one-character fill.
json expand(const json& value) {
    if (value.is_array()) {
        json out = json::array();
        for (const auto& v : value) out.push_back(expand(v));
        return out;
    }
    if (value.is_object()) {
        if (value.size() == 1 && value.contains("$text")) {
            const json& t = value["$text"];
            std::string text = t.value("prefix", std::string());
            const auto length = t.at("length").get<std::size_t>();
            text.resize(std::max(length, text.size()), t.at("fill").get<std::string>().at(0));
            text.resize(length);
            return text;
        }
        json out = json::object();
        for (const auto& [key, v] : value.items()) out[key] = expand(v);
        return out;
    }
    return value;
}

// A `raw` frame body: the text itself, or {"$deep": N}, a status message
// nested N levels deep (the object itself is level 1).
std::string raw_text(const json& raw) {
    if (raw.is_string()) return raw.get<std::string>();
    const auto arrays = static_cast<std::size_t>(raw.at("$deep").get<int>() - 1);
    return R"({"type":"status","x":)" + std::string(arrays, '[') + std::string(arrays, ']') + "}";
}

std::string body_of(const json& golden_case) {
    return golden_case.contains("raw") ? raw_text(golden_case["raw"])
                                       : expand(golden_case.at("frame")).dump();
}

// Every extension → host frame by "<type>/<name>", for the conversations.
using Library = std::map<std::string, json>;

Library frame_library() {
    Library library;
    for (const auto& file : load("extension-to-host"))
        for (const auto& c : file.doc.at("frames"))
            library[file.doc.at("type").get<std::string>() + "/" +
                    c.at("name").get<std::string>()] = c;
    return library;
}

// The frame a conversation step sends: the referenced golden frame with the
// step's `with` fields replaced.
json frame_of(const Library& library, const json& reference, const json& with = json::object()) {
    const auto it = library.find(reference.get<std::string>());
    if (it == library.end()) throw std::runtime_error("no frame " + reference.dump());
    json frame = it->second.at("frame");
    for (const auto& [key, v] : with.items()) frame[key] = v;
    return expand(frame);
}

// The typed message as JSON, field names as in the protocol.
json request_json(const Request& request) {
    json out = std::visit(
        [](const auto& body) -> json {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, Hello>) {
                return {{"type", "hello"},
                        {"v", body.v},
                        {"browser", body.browser},
                        {"extensionVersion", body.extensionVersion},
                        {"policy", body.policy ? *body.policy : json(nullptr)}};
            } else if constexpr (std::is_same_v<T, Expired>) {
                return {{"type", "expired"},
                        {"tabUrl", body.tabUrl},
                        {"frameUrl", body.frameUrl},
                        {"signal", std::string(to_string(body.signal))},
                        {"evidence", body.evidence},
                        {"profile", body.profile ? json(*body.profile) : json(nullptr)}};
            } else if constexpr (std::is_same_v<T, Landed>) {
                return {
                    {"type", "landed"}, {"correlationId", body.correlationId}, {"url", body.url}};
            } else if constexpr (std::is_same_v<T, Failed>) {
                return {{"type", "failed"},
                        {"correlationId", body.correlationId},
                        {"stage", body.stage},
                        {"url", body.url},
                        {"evidence", body.evidence}};
            } else if constexpr (std::is_same_v<T, CookieRule>) {
                return {{"type", "cookie-rule"},
                        {"action", std::string(to_string(body.action))},
                        {"profile", body.profile},
                        {"primaryPattern", body.primaryPattern},
                        {"secondaryPattern", body.secondaryPattern},
                        {"reason", body.reason}};
            } else if constexpr (std::is_same_v<T, SignInStalled>) {
                return {{"type", "sign-in-stalled"},
                        {"correlationId", body.correlationId},
                        {"url", body.url},
                        {"renavigation", body.renavigation},
                        {"quietMs", body.quietMs}};
            } else if constexpr (std::is_same_v<T, SessionReport>) {
                json read = {{"type", "session"},
                             {"event", body.event},
                             {"outcome", body.outcome},
                             {"profile", body.profile},
                             {"reason", body.reason}};
                if (body.correlationId) read["correlationId"] = *body.correlationId;
                if (body.stuckMs) read["stuckMs"] = *body.stuckMs;
                if (body.signInMs) read["signInMs"] = *body.signInMs;
                return read;
            } else {
                static_assert(std::is_same_v<T, StatusQuery>);
                return {{"type", "status"}};
            }
        },
        request.body);
    if (request.id) out["id"] = *request.id;
    return out;
}

// hostVersion comes from the build; the golden value stands for any version.
json with_golden_host_version(json actual, const json& expected) {
    if (actual.is_object() && expected.is_object() && actual.contains("hostVersion") &&
        expected.contains("hostVersion")) {
        const json& version = actual["hostVersion"];
        EXPECT_TRUE(version.is_string() && !version.get<std::string>().empty()) << version;
        actual["hostVersion"] = expected["hostVersion"];
    }
    return actual;
}

// The frames in what the host wrote: native-endian 4-byte length, then JSON.
std::vector<json> decode_frames(const std::string& bytes) {
    std::vector<json> frames;
    std::size_t at = 0;
    while (at + sizeof(std::uint32_t) <= bytes.size()) {
        std::uint32_t length = 0;
        std::memcpy(&length, bytes.data() + at, sizeof length);
        at += sizeof length;
        frames.push_back(json::parse(bytes.substr(at, length)));
        at += length;
    }
    EXPECT_EQ(at, bytes.size()) << "a partial frame";
    return frames;
}

// A host process and the state directory it shares with the user's other
// host processes. restart(): the next process (a new port: the browser starts
// one per port), on the same state directory or, losing the state, on an
// empty one. Correlation IDs keep counting across processes.
class Host {
  public:
    explicit Host(json config) : config_(std::move(config)) { start(); }

    void restart(bool keep_state) {
        if (!keep_state) ++state_dirs_;
        start();
    }

    json answer(const std::string& body, std::int64_t at_ms) {
        rig_->clock.set(at_ms);
        return answer_frame(body, rig_->dispatcher());
    }

    Dispatcher& dispatcher() { return rig_->dispatcher(); }

  private:
    void start() {
        const int issued = rig_ ? rig_->issued_ids : 0;
        rig_.reset();  // one process at a time
        rig_ = std::make_unique<test::DispatcherRig>(
            temp_.path() / ("state-" + std::to_string(state_dirs_)), config_);
        rig_->issued_ids = issued;
    }

    json config_;
    test::TempDir temp_;
    int state_dirs_ = 0;
    std::unique_ptr<test::DispatcherRig> rig_;
};

// What the session writes for a frame announced longer than 1 MiB.
json session_reply_to_announced_length(std::uint32_t length) {
    char prefix[sizeof length];
    std::memcpy(prefix, &length, sizeof length);
    messaging::MemoryByteSource source(std::span<const char>(prefix, sizeof prefix));
    messaging::FrameReader reader(source);
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    messaging::FrameWriter writer(fds[1]);
    Host host(host_config());
    std::ostringstream diagnostics;
    const int exit_code = run_host_session(reader, writer, host.dispatcher(), diagnostics);
    ::close(fds[1]);
    std::string bytes;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        bytes.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    EXPECT_EQ(exit_code, 1) << "the stream can't be resynchronised: the host exits";
    const auto frames = decode_frames(bytes);
    if (frames.size() != 1) {
        ADD_FAILURE() << "expected one frame, got " << frames.size();
        return json();
    }
    return frames.front();
}

// What goes out on the port for `reply` (frame_writer substitutes replies over 1 MiB).
json written_reply(const json& reply) {
    const auto frames = decode_frames(messaging::encode_frame(reply));
    if (frames.size() != 1) {
        ADD_FAILURE() << "expected one frame, got " << frames.size();
        return json();
    }
    return frames.front();
}

std::string text_of(const json& args, const char* key) {
    return args.contains(key) ? args[key].get<std::string>() : std::string();
}

// A host → extension frame from the host's builders, as a `built` case states.
json built_frame(const json& golden_case, const Library& library) {
    const json& built = golden_case.at("built");
    const std::string by = built.at("by");
    const json args = expand(built.value("args", json::object()));
    json frame;
    if (by == "force_relogin_message") {
        frame = force_relogin_message(text_of(args, "profile"), text_of(args, "reason"));
    } else if (by == "stop_reply") {
        frame = stop_reply(text_of(args, "reason"), text_of(args, "diagnosis"),
                           text_of(args, "profile"), args.value("untilMs", std::int64_t{0}));
    } else if (by == "error_reply") {
        if (args.contains("origin")) {
            EXPECT_FALSE(is_allowed_origin(text_of(args, "origin"), {}, /*trust_development=*/true))
                << "the host must refuse " << args["origin"];
        }
        frame =
            error_reply({text_of(args, "code"), text_of(args, "message"), text_of(args, "field")},
                        std::nullopt);
    } else if (by == "host-session") {
        frame = session_reply_to_announced_length(args.at("announcedLength").get<std::uint32_t>());
    } else if (by == "frame-writer") {
        frame = written_reply(args.at("reply"));
    } else {
        ADD_FAILURE() << "no builder " << by;
    }
    // A reply to a request carries its id, as Dispatcher::handle adds it.
    if (built.contains("answers")) frame["re"] = frame_of(library, built["answers"]).at("id");
    return frame;
}

std::string name_of(const json& golden_case) { return golden_case.at("name").get<std::string>(); }

void check_to_host_frame(const json& golden_case, const json& config) {
    const std::string body = body_of(golden_case);
    Host host(config);
    const json reply = host.answer(body, 0);
    const json& expectation = golden_case.at("host");
    if (expectation.contains("answers")) {
        EXPECT_EQ(reply, expand(expectation["answers"])) << "the host answered " << reply.dump();
        return;
    }
    // Accepted: validation yields the typed message `reads` states (whatever
    // the session then answers: a landed for an unknown sign-in is an error).
    const std::string code = reply.value("code", std::string());
    EXPECT_TRUE(code != "bad-json" && code != "too-deep") << reply.dump();
    const Validated validated = validate_message(json::parse(body));
    const auto* request = std::get_if<Request>(&validated);
    ASSERT_NE(request, nullptr) << "refused: " << reply.dump();
    EXPECT_EQ(request_json(*request), expand(expectation.at("reads")));
}

void check_conversation(const json& golden_case, const std::string& type, const json& config,
                        const Library& library) {
    const int timeout_ms =
        config.value("relogin", json::object()).value("timeoutSeconds", 300) * 1000;
    Host host(config);
    bool shows_type = false;
    int index = 0;
    for (const auto& step : golden_case.at("conversation")) {
        SCOPED_TRACE("step " + std::to_string(++index));
        if (step.value("hostLosesState", false))
            host.restart(false);
        else if (step.value("hostRestarts", false))
            host.restart(true);
        const json frame = frame_of(library, step.at("send"), step.value("with", json::object()));
        const auto at_ms = step.at("atMs").get<std::int64_t>();
        const json expected = expand(step.at("reply"));
        const json reply = with_golden_host_version(host.answer(frame.dump(), at_ms), expected);
        EXPECT_EQ(reply, expected) << "the host answered " << reply.dump();
        // deadlineMs has one meaning: absolute, now + relogin.timeoutSeconds.
        if (reply.value("type", std::string()) == "relogin") {
            EXPECT_EQ(reply.at("deadlineMs"), at_ms + timeout_ms);
        }
        shows_type = shows_type || expected.value("type", std::string()) == type;
    }
    EXPECT_TRUE(shows_type) << "the conversation shows no " << type;
}

TEST(ProtocolContract, EveryMessageTypeHasItsGoldenFile) {
    std::set<std::string> to_host;
    for (const auto& file : load("extension-to-host")) {
        EXPECT_EQ(file.doc.at("direction"), "extension-to-host") << file.name;
        to_host.insert(file.doc.at("type").get<std::string>());
    }
    EXPECT_EQ(to_host,
              (std::set<std::string>{"hello", "expired", "landed", "failed", "status",
                                     "cookie-rule", "sign-in-stalled", "session", "invalid"}));
    std::set<std::string> to_extension;
    for (const auto& file : load("host-to-extension")) {
        EXPECT_EQ(file.doc.at("direction"), "host-to-extension") << file.name;
        to_extension.insert(file.doc.at("type").get<std::string>());
    }
    EXPECT_EQ(to_extension,
              (std::set<std::string>{"welcome", "relogin", "wait", "stop", "return", "status",
                                     "force-relogin", "recorded", "error"}));
}

TEST(ProtocolContract, ExtensionToHostFramesAreAcceptedOrRefusedAsGolden) {
    const json config = host_config();
    std::size_t checked = 0;
    for (const auto& file : load("extension-to-host")) {
        for (const auto& golden_case : file.doc.at("frames")) {
            SCOPED_TRACE(file.name + " " + name_of(golden_case));
            check_to_host_frame(golden_case, config);
            ++checked;
        }
    }
    EXPECT_GE(checked, 60u);
}

TEST(ProtocolContract, HostToExtensionFramesAreWhatTheHostProduces) {
    const json config = host_config();
    const Library library = frame_library();
    std::size_t checked = 0;
    for (const auto& file : load("host-to-extension")) {
        const std::string type = file.doc.at("type");
        for (const auto& golden_case : file.doc.at("cases")) {
            SCOPED_TRACE(file.name + " " + name_of(golden_case));
            if (golden_case.contains("conversation")) {
                check_conversation(golden_case, type, config, library);
            } else {
                const json expected = expand(golden_case.at("frame"));
                const json frame = built_frame(golden_case, library);
                EXPECT_EQ(frame, expected) << "the host built " << frame.dump();
                EXPECT_EQ(expected.value("type", std::string()), type);
            }
            ++checked;
        }
    }
    EXPECT_GE(checked, 30u);
}

}  // namespace
}  // namespace ccp_relogin::protocol
