// Must not compile: render/ sits below batch/ and cannot see its headers.
// Built (and expected to fail) by the ctest layers.render_includes_batch.
#include "batch/manifest.h"
