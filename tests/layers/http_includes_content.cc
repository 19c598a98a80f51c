// Must not compile: http/ knows no cards; it sees only base/.
// Built (and expected to fail) by the ctest layers.http_includes_content.
#include "content/content.h"
