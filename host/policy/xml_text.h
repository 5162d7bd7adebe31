#pragma once
// Text and attribute values for the XML this layer writes (ADMX, ADML, the
// property list of a configuration profile). Written by hand: the host
// links no XML library, and escaping five characters and refusing what XML
// 1.0 can't hold is all writing needs; tests check the output with xmllint
// and Python's plistlib. Pure.
#include <string>
#include <string_view>

namespace ccp_relogin::policy {

// `text` with &, <, >, " and ' escaped, for element text and attribute
// values alike. Throws std::invalid_argument for a control character XML 1.0
// does not allow (all below 0x20 but tab, newline and carriage return) or
// for text that is not UTF-8.
std::string xml_escape(std::string_view text);

}  // namespace ccp_relogin::policy
