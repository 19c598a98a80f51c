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
echo "== PNG encoder settings =="
"$bench" encoder og
"$bench" encoder og 40
"$bench" encoder og photo
"$bench" encoder story
echo
echo "== end to end =="
"$bench" run "${BENCH_CARDS:-1000}" "$build/placard"
echo
bash "$(dirname "$0")/serve.sh" "$build"
