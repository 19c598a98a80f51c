// Must not compile: the card model sits below layout/ and cannot see its headers.
// Built (and expected to fail) by the ctest layers.model_includes_layout.
#include "layout/layout_file.h"
