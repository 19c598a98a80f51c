#!/usr/bin/env bash
# `placard diff` on a deck of N cards (default 1000) at the sizes given
# (default og): two identical folders (every output skipped by its digest),
# then the same deck with the brand's accent colour changed (every output
# read, decoded, compared and its difference image written).
# Usage: bench/diff.sh [build] [cards] [sizes]
set -euo pipefail
build=${1:-build}
n=${2:-1000}
sizes=${3:-og}
placard="$build/placard"
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "headline,body"
  for i in $(seq 1 "$n"); do
    echo "\"Card $i: end unworkable collaborations now\",\"Local police should not do the work of ICE, number $i.\""
  done
} >"$work/deck.csv"
cp "$src/brands/default.yaml" "$work/brand.yaml"
sed 's/^\(  *accent: \).*/\1"#3DDCFF"/' "$src/brands/default.yaml" >"$work/brand2.yaml"
secs() { date +%s.%N; }
t0=$(secs); "$placard" render "$work/deck.csv" --sizes "$sizes" --brand "$work/brand.yaml" -o "$work/a" 2>/dev/null; t1=$(secs)
echo "render a: $(echo "$t1 - $t0" | bc) s"
cp -r "$work/a" "$work/b"
t0=$(secs); code=0; "$placard" diff "$work/a" "$work/b" -o "$work/r1" 2>&1 | tail -1 || code=$?; t1=$(secs)
echo "diff identical ($n cards, $sizes): $(echo "$t1 - $t0" | bc) s"
"$placard" render "$work/deck.csv" --sizes "$sizes" --brand "$work/brand2.yaml" -o "$work/c" 2>/dev/null
t0=$(secs); "$placard" diff "$work/a" "$work/c" -o "$work/r2" 2>&1 | tail -1 || true; t1=$(secs)
echo "diff all changed ($n cards, $sizes): $(echo "$t1 - $t0" | bc) s"
