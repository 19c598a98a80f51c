// XMP metadata for a card: its title and its alt text, the way DAM tools and
// platforms read them (IPTC Photo Metadata 2021.1, "Alt Text (Accessibility)").
// The packet is a small fixed template, so the same card always gets the same
// bytes; every encoder embeds it (PNG iTXt, JPEG APP1, WebP "XMP " chunk).
#pragma once

#include <string>
#include <string_view>

namespace placard {

// An XMP packet holding dc:title and Iptc4xmpCore:AltTextAccessibility, each
// as a language alternative with one "x-default" entry. Empty fields are left
// out; with both empty the result is empty (nothing to embed). The text is
// escaped for XML, and characters XML 1.0 cannot hold are dropped.
std::string xmp_packet(std::string_view title, std::string_view alt_text);

}  // namespace placard
