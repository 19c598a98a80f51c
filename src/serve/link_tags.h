// GET /card/{id}/meta: the <meta> tags a page needs for its share picture.
// Platforms re-encode the image and drop any alt text inside it; these tags
// carry it (og:image:alt, twitter:image:alt) with the picture's address and
// size.
#pragma once

#include <string>

namespace placard {

struct LinkTags {
  std::string image_url;  // absolute
  int width = 0;
  int height = 0;
  std::string type;  // "image/png", …
  std::string alt;   // as written; escaped here
};

// One <meta> element a line, every value HTML-escaped.
std::string link_tags_html(const LinkTags& tags);

}  // namespace placard
