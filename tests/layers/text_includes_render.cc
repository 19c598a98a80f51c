// Must not compile: text/ sits below render/ and cannot see its headers.
// Built (and expected to fail) by the ctest layers.text_includes_render.
#include "render/draw.h"
