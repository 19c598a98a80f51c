// Must not compile: diff/ sees the manifests and images, not the server.
// Built (and expected to fail) by the ctest layers.diff_includes_serve.
#include "serve/server.h"
