#include "serve/link_tags.h"

#include <kainjow/mustache.hpp>

namespace placard {

std::string link_tags_html(const LinkTags& t) {
  // {{…}} escapes &, <, >, " and ' (as the gallery page's template does).
  static const char* kTemplate =
      "<meta property=\"og:image\" content=\"{{url}}\">\n"
      "<meta property=\"og:image:width\" content=\"{{width}}\">\n"
      "<meta property=\"og:image:height\" content=\"{{height}}\">\n"
      "<meta property=\"og:image:type\" content=\"{{type}}\">\n"
      "<meta property=\"og:image:alt\" content=\"{{alt}}\">\n"
      "<meta name=\"twitter:card\" content=\"summary_large_image\">\n"
      "<meta name=\"twitter:image\" content=\"{{url}}\">\n"
      "<meta name=\"twitter:image:alt\" content=\"{{alt}}\">\n";
  kainjow::mustache::mustache page{std::string(kTemplate)};
  kainjow::mustache::data d;
  d.set("url", t.image_url);
  d.set("width", std::to_string(t.width));
  d.set("height", std::to_string(t.height));
  d.set("type", t.type);
  d.set("alt", t.alt);
  return page.render(d);
}

}  // namespace placard
