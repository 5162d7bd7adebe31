#include <gtest/gtest.h>

#include <string>

#include "base/text.h"
#include "helpdesk/reason.h"
#include "helpdesk/wire_protocol.h"

namespace ccp_relogin::helpdesk {
namespace {

TEST(HelpdeskReason, PlainTextIsKept) {
    EXPECT_EQ(sanitise_reason("ticket 4711: password reset"), "ticket 4711: password reset");
    EXPECT_EQ(sanitise_reason("Sitzung abgelaufen – bitte neu anmelden"),
              "Sitzung abgelaufen – bitte neu anmelden");
}

TEST(HelpdeskReason, ControlCharactersBecomeOneSpaceAndEndsAreTrimmed) {
    EXPECT_EQ(sanitise_reason("  line one\r\nline\ttwo\x1b[31m  "), "line one line two [31m");
    EXPECT_EQ(sanitise_reason(std::string("a\0b", 3)), "a b");
    EXPECT_EQ(sanitise_reason("a\x7f"
                              "b"),
              "a b");
    EXPECT_EQ(sanitise_reason("a\u0085b"), "a b");  // C1 "next line"
}

TEST(HelpdeskReason, BidirectionalControlsAndLineSeparatorsAreRemoved) {
    EXPECT_EQ(sanitise_reason("user\u202Egnp.exe"), "user gnp.exe");
    EXPECT_EQ(sanitise_reason("a\u2066b\u2069c\u2028d"), "a b c d");
}

TEST(HelpdeskReason, NothingLeftMeansTheDefault) {
    EXPECT_EQ(sanitise_reason(""), kDefaultReason);
    EXPECT_EQ(sanitise_reason(" \n\t\x01 "), kDefaultReason);
}

TEST(HelpdeskReason, LongReasonIsCutOnACharacterBoundary) {
    const std::string ascii(kMaxReasonBytes + 50, 'x');
    EXPECT_EQ(sanitise_reason(ascii), std::string(kMaxReasonBytes, 'x'));
    // "é" is two bytes: 199 bytes of "x" leave room for no whole "é".
    const std::string mixed = std::string(kMaxReasonBytes - 1, 'x') + "é" + "tail";
    EXPECT_EQ(sanitise_reason(mixed), std::string(kMaxReasonBytes - 1, 'x'));
}

TEST(HelpdeskReason, StrayBytesAreReplacedNotPassedOn) {
    EXPECT_EQ(sanitise_reason("a\xff"
                              "b"),
              "a b");
    EXPECT_EQ(sanitise_reason("a\xc3"), "a");  // a sequence cut short
}

TEST(HelpdeskReason, PrintableTextMayBeEmptyAndHonoursItsLimit) {
    EXPECT_EQ(base::printable_utf8("\n", 10), "");
    EXPECT_EQ(base::printable_utf8("abcdef", 3), "abc");
}

}  // namespace
}  // namespace ccp_relogin::helpdesk
