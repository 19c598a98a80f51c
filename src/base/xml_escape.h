// Text escaped for XML 1.0, for the XML Placard writes itself: XMP packets
// and the fontconfig configuration of the private font set.
#pragma once

#include <string>
#include <string_view>

namespace placard {

// The text escaped for an XML element or attribute value: &, <, > and " as
// entities; C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF, which
// XML 1.0 cannot hold, dropped. Everything else is passed through unchanged
// (the text is expected to be valid UTF-8).
std::string xml_escape(std::string_view text);

}  // namespace placard
