#include "base/bounded_json.h"

#include <cstddef>
#include <string>

namespace ccp_relogin::base {
namespace {

using nlohmann::json;

// A SAX pass that only counts nesting and stops at the first level too deep.
// nlohmann's SAX parser keeps its own state in a heap vector rather than
// recursing, so this pass uses constant stack space whatever the input; only
// after it accepts the text is the tree built by json::parse.
class DepthCheck final : public nlohmann::json_sax<json> {
  public:
    explicit DepthCheck(int max_depth) : max_depth_(max_depth) {}

    bool start_object(std::size_t) override { return enter(); }
    bool end_object() override { return leave(); }
    bool start_array(std::size_t) override { return enter(); }
    bool end_array() override { return leave(); }

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool key(string_t&) override { return true; }

    // `position` counts the bytes read, the offending one included; an
    // overflowing number (out_of_range 406) is reported once it is read whole.
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& error) override {
        number_too_large_ = error.id == kNumberOverflow;
        const std::size_t length = number_too_large_ ? last_token.size() : 1;
        error_offset_ = position >= length ? position - length : 0;
        return false;
    }

    bool too_deep() const { return too_deep_; }
    bool number_too_large() const { return number_too_large_; }
    std::size_t error_offset() const { return error_offset_; }

  private:
    bool enter() {
        if (++depth_ > max_depth_) {
            too_deep_ = true;
            return false;
        }
        return true;
    }
    bool leave() {
        --depth_;
        return true;
    }

    static constexpr int kNumberOverflow = 406;  // nlohmann's out_of_range id

    int max_depth_;
    int depth_ = 0;
    bool too_deep_ = false;
    bool number_too_large_ = false;
    std::size_t error_offset_ = 0;
};

JsonRefusal refusal_of(const DepthCheck& check, int max_depth) {
    if (check.too_deep())
        return {JsonRefusal::Kind::kTooDeep,
                "the message nests deeper than " + std::to_string(max_depth) + " levels", 0};
    // The position only: the parser's own text would echo page content.
    const std::string at = "at byte " + std::to_string(check.error_offset() + 1);
    if (check.number_too_large())
        return {JsonRefusal::Kind::kNumberTooLarge,
                "the message has a number too large for a double (" + at + ")",
                check.error_offset()};
    return {JsonRefusal::Kind::kBadJson, "the message is not valid JSON (error " + at + ")",
            check.error_offset()};
}

}  // namespace

BoundedParse parse_bounded_json(std::string_view text, int max_depth) {
    DepthCheck check(max_depth);
    if (!json::sax_parse(text, &check)) return refusal_of(check, max_depth);
    return json::parse(text);
}

}  // namespace ccp_relogin::base
