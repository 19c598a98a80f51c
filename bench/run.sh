#!/usr/bin/env bash
# `make bench`: every measurement the batch issue asks for, on this machine.
set -euo pipefail
build=${1:-build}
bench="$build/placard_bench"
echo "== ms per card per stage (CPU time), peak memory =="
for size in og story; do
  for n in 1 100 1000; do "$bench" stages "$n" "$size"; done
done
echo
echo "== encoder settings: PNG, then PNG, JPEG and WebP as rendered =="
"$bench" encoder og
"$bench" encoder og 40
"$bench" encoder og photo
# A noisy 2400x1600 stand-in for a phone picture (ImageMagick), under the
# photo layout: the case the JPEG and WebP settings were chosen on.
if command -v convert >/dev/null; then
  photo=$(mktemp --suffix=.jpg)
  convert -size 2400x1600 -seed 7 plasma:fractal -attenuate 0.3 +noise Gaussian "$photo"
  "$bench" encoder og photo "$photo"
  "$bench" encoder story photo "$photo"
  rm -f "$photo"
fi
"$bench" encoder story
echo
echo "== a card with a 12-megapixel photo: whole and reduced decoding =="
"$bench" photo og
"$bench" photo story
echo
echo "== end to end =="
"$bench" run "${BENCH_CARDS:-1000}" "$build/placard"
"$bench" formats 5 "$build/placard"
echo
bash "$(dirname "$0")/serve.sh" "$build"
