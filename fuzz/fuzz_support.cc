#include "fuzz_support.h"

#include <cstdlib>

namespace placard::fuzz {

void init() {
  // Fontconfig would otherwise write a cache under $HOME on every start.
  setenv("FONTCONFIG_NO_CACHE_WRITE", "1", 0);
}

}  // namespace placard::fuzz
