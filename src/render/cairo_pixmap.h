// Cairo drawing straight into a Pixmap's bytes (the card, the proof sheet):
// how a context is opened on one and closed again, with Cairo's status
// checked once at the end.
#pragma once

#include <cairo.h>

#include <string>

#include "image/pixmap.h"

namespace placard {

// A context drawing into `pix` (ARGB32, its width, height and stride; the
// pixmap must outlive the context). Close it with finish_drawing().
cairo_t* draw_into(Pixmap& pix);

// Frees the context and its surface, the pixels flushed to the pixmap. Fails
// (io) with "drawing WHAT failed: <Cairo's status>" when a drawing call failed.
void finish_drawing(cairo_t* cr, const std::string& what);

}  // namespace placard
