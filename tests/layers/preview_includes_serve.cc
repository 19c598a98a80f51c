// Must not compile: the preview is a front-end beside the server, not on it.
// Built (and expected to fail) by the ctest layers.preview_includes_serve.
#include "serve/server.h"
