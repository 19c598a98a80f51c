// Must not compile: image/ needs only base/ and cannot see text/ (its sibling).
// Built (and expected to fail) by the ctest layers.image_includes_text.
#include "text/fonts.h"
