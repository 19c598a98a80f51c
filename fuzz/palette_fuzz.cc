// libFuzzer target: the PNG encoder's palette (issue 25): its run and colour
// lookups, the merge of colours within the tolerance over cells of 16
// levels, and the area colours that keep their shade. A made-up flat card
// (fuzz/palette_harness.h) is encoded and decoded; a pixel moved further
// than the rule allows is a bug, reported as a crash.
#include <cstdio>
#include <cstdlib>

#include "palette_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const placard::fuzz::palette::Outcome o = placard::fuzz::palette::round_trip(data, size);
  if (!o.holds()) {
    std::fprintf(stderr, "palette rule broken: a channel moved %d levels (%s allows %d)\n", o.worst,
                 o.palette ? "a palette" : "RGB", o.allowed);
    std::abort();
  }
  return 0;
}
