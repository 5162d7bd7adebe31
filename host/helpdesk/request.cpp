#include "helpdesk/request.h"

#include <nlohmann/json.hpp>

#include "base/bounded_json.h"
#include "config/validate.h"
#include "helpdesk/reason.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {
namespace {

using nlohmann::json;

// A request is flat; anything deeper than this is not one of ours.
constexpr int kMaxRequestDepth = 8;

// The reason is cut after sanitising; this only bounds what is looked at.
constexpr std::size_t kMaxRawReasonBytes = 4 * 1024;

RequestError error(const char* code, std::string message) { return {code, std::move(message)}; }

// The optional string field `name`: nullopt if absent, else the string, or
// an error for another type or over `max_bytes`.
std::variant<std::optional<std::string>, RequestError> optional_string(const json& request,
                                                                       const char* name,
                                                                       std::size_t max_bytes) {
    const auto it = request.find(name);
    if (it == request.end() || it->is_null()) return std::optional<std::string>{};
    if (!it->is_string())
        return error(helpdesk_error::kWrongType, std::string(name) + " must be a string");
    const auto& text = it->get_ref<const std::string&>();
    if (text.size() > max_bytes)
        return error(helpdesk_error::kTooLong,
                     std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes");
    return std::optional<std::string>{text};
}

HelpdeskRequest read_relogin(const json& request) {
    auto profile = optional_string(request, "profile", config::limits::kMaxProfileNameLength);
    if (auto* e = std::get_if<RequestError>(&profile)) return *e;
    auto reason = optional_string(request, "reason", kMaxRawReasonBytes);
    if (auto* e = std::get_if<RequestError>(&reason)) return *e;
    auto& name = std::get<std::optional<std::string>>(profile);
    if (name && name->empty())
        return error(helpdesk_error::kWrongType,
                     "profile must not be empty; leave it out for "
                     "every profile");
    const auto& text = std::get<std::optional<std::string>>(reason);
    const auto wait = request.find("wait");
    if (wait != request.end() && !wait->is_null() && !wait->is_boolean())
        return error(helpdesk_error::kWrongType, "wait must be true or false");
    const bool waits = wait != request.end() && wait->is_boolean() && wait->get<bool>();
    return ReloginRequest{std::move(name), sanitise_reason(text.value_or("")), waits};
}

}  // namespace

HelpdeskRequest parse_helpdesk_request(std::string_view line) {
    if (line.size() > kMaxRequestBytes)
        return error(helpdesk_error::kTooLong,
                     "the request is longer than " + std::to_string(kMaxRequestBytes) + " bytes");
    auto parsed = base::parse_bounded_json(line, kMaxRequestDepth);
    if (const auto* e = std::get_if<base::JsonRefusal>(&parsed))
        return error(helpdesk_error::kBadJson, "the request is not JSON: " + e->message);
    const json& request = std::get<json>(parsed);
    if (!request.is_object())
        return error(helpdesk_error::kNotObject, "the request must be a JSON object");
    const auto type = request.find("type");
    if (type == request.end()) return error(helpdesk_error::kMissingField, "type is missing");
    if (!type->is_string()) return error(helpdesk_error::kWrongType, "type must be a string");
    const auto& name = type->get_ref<const std::string&>();
    if (name == "status") return StatusRequest{};
    if (name == "relogin") return read_relogin(request);
    return error(helpdesk_error::kUnknownType, "type must be status or relogin");
}

}  // namespace ccp_relogin::helpdesk
