#include "image/xmp.h"

#include "base/xml_escape.h"

namespace placard {

namespace {

void add_alt(std::string& out, const char* property, std::string_view value) {
  if (value.empty()) return;
  out += "<";
  out += property;
  out += "><rdf:Alt><rdf:li xml:lang=\"x-default\">";
  out += xml_escape(value);
  out += "</rdf:li></rdf:Alt></";
  out += property;
  out += ">\n";
}

}  // namespace

std::string xmp_packet(std::string_view title, std::string_view alt_text) {
  if (title.empty() && alt_text.empty()) return {};
  // No padding after the packet: nothing edits a card in place, and every
  // byte here is in every card.
  std::string out =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "<rdf:Description rdf:about=\"\"\n"
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      " xmlns:Iptc4xmpCore=\"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/\">\n";
  add_alt(out, "dc:title", title);
  add_alt(out, "Iptc4xmpCore:AltTextAccessibility", alt_text);
  out +=
      "</rdf:Description>\n"
      "</rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end=\"r\"?>";
  return out;
}

}  // namespace placard
