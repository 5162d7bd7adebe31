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

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception&) override {
        error_position_ = position;
        return false;
    }

    bool too_deep() const { return too_deep_; }
    std::size_t error_position() const { return error_position_; }

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

    int max_depth_;
    int depth_ = 0;
    bool too_deep_ = false;
    std::size_t error_position_ = 0;
};

}  // namespace

BoundedParse parse_bounded_json(std::string_view text, int max_depth) {
    DepthCheck check(max_depth);
    if (!json::sax_parse(text, &check)) {
        if (check.too_deep()) {
            return JsonRefusal{
                JsonRefusal::Kind::kTooDeep,
                "the message nests deeper than " + std::to_string(max_depth) + " levels"};
        }
        // The position only: the parser's own text would echo page content.
        return JsonRefusal{JsonRefusal::Kind::kBadJson,
                           "the message is not valid JSON (error at byte " +
                               std::to_string(check.error_position()) + ")"};
    }
    return json::parse(text);
}

}  // namespace ccp_relogin::base
