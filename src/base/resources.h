// Where Placard finds its built-in layouts, brands, fonts and gallery files,
// from any working directory: $PLACARD_DATA_DIR, then ../share/placard next to
// the executable (an installed copy), then the source tree the binary was
// built from.
#pragma once

#include <string>

namespace placard {

std::string data_dir();
std::string layouts_dir();
std::string fonts_dir();
std::string default_brand_path();
std::string gallery_dir();
std::string typesetting_dir();  // line-breaking weights, short words, script metrics  // the
                                // download page's template, styles, script and texts

}  // namespace placard
