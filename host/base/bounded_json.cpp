#include "base/bounded_json.h"

#include <cstddef>
#include <string>

namespace ccp_relogin::base {
namespace {

using nlohmann::json;

// One SAX pass that builds the tree and counts nesting, stopping at the first
// level too deep. nlohmann's SAX parser keeps its state in a heap vector
// rather than recursing, and so does the tree builder it feeds
// (detail::json_sax_dom_parser, the one json::parse uses), so this uses
// constant stack space whatever the input, and no tree deeper than the limit
// is ever built. One pass, not a counting pass and then json::parse: every
// frame and every config file is parsed here, and the second pass was half
// the cost of a host start's parsing (README.md, "Benchmarks").
class BoundedTreeBuilder final : public nlohmann::json_sax<json> {
  public:
    explicit BoundedTreeBuilder(int max_depth) : max_depth_(max_depth) {}

    bool start_object(std::size_t n) override { return enter() && tree_.start_object(n); }
    bool end_object() override { return leave() && tree_.end_object(); }
    bool start_array(std::size_t n) override { return enter() && tree_.start_array(n); }
    bool end_array() override { return leave() && tree_.end_array(); }

    bool null() override { return tree_.null(); }
    bool boolean(bool b) override { return tree_.boolean(b); }
    bool number_integer(number_integer_t n) override { return tree_.number_integer(n); }
    bool number_unsigned(number_unsigned_t n) override { return tree_.number_unsigned(n); }
    bool number_float(number_float_t n, const string_t& s) override {
        return tree_.number_float(n, s);
    }
    bool string(string_t& s) override { return tree_.string(s); }
    bool binary(binary_t& b) override { return tree_.binary(b); }
    bool key(string_t& k) override { return tree_.key(k); }

    // `position` counts the bytes read, the offending one included; an
    // overflowing number (out_of_range 406) is reported once it is read whole.
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& error) override {
        number_too_large_ = error.id == kNumberOverflow;
        const std::size_t length = number_too_large_ ? last_token.size() : 1;
        error_offset_ = position >= length ? position - length : 0;
        return false;
    }

    json take() { return std::move(result_); }
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
    json result_;
    // Errors come to parse_error above, never to the builder: no exceptions.
    nlohmann::detail::json_sax_dom_parser<json> tree_{result_, false};
};

JsonRefusal refusal_of(const BoundedTreeBuilder& check, int max_depth) {
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
    BoundedTreeBuilder builder(max_depth);
    if (!json::sax_parse(text, &builder)) return refusal_of(builder, max_depth);
    return builder.take();
}

}  // namespace ccp_relogin::base
