#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS (default 60) each and prints
# executions and executions per second per target. Usage:
#   scripts/fuzz.sh BUILD_DIR [target...]
# Seeds: fuzz/seeds/<target>/, fuzz/regressions/<target>/ and, by file type,
# the examples, layouts, brands and tests. The working corpus grows in
# BUILD_DIR/fuzz-corpus/<target>; crashes land in BUILD_DIR/fuzz-crashes/.
# A crash fails the run: turn it into a regression case under
# fuzz/regressions/<target>/ (tests/golden/fuzz_regression_test.cc feeds those).
# FUZZ_SEED pins libFuzzer's random seed, so that a gate (CI) replays the same
# mutations every time; without it each run explores anew.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR [target...]}
shift
seconds=${FUZZ_SECONDS:-60}
seed_flag=()
[[ -n "${FUZZ_SEED:-}" ]] && seed_flag=(-seed="$FUZZ_SEED")
targets=("$@")
((${#targets[@]})) || targets=(markdown deck_yaml deck_json deck_csv layout brand svg_template text_fit image jpeg png webp palette serve_request personal_form font_file)

seed_files() {
  case $1 in
    markdown) find examples tests -name '*.md' ;;
    deck_yaml|layout|brand) find examples layouts brands tests -name '*.yaml' ;;
    deck_json) find tests -name '*.json' ;;
    deck_csv) find tests -name '*.csv' ;;
    text_fit|serve_request) ;;
    # personal_form: its first byte picks a sized or a chunked body, so
    # seeds come only from fuzz/seeds/.
    personal_form) ;;
    svg_template) find examples tests -type f -name '*.svg' -size -64k ;;
    image) find examples tests -type f \( -name '*.svg' -o -name '*.png' \) -size -64k ;;
    # jpeg, png, webp: their first byte picks the decode scale and budget,
    # so seeds come only from fuzz/seeds/ (files with that byte in front).
    jpeg|png|webp) ;;
    # palette: bytes that make a flat card (fuzz/palette_harness.h), not a file.
    palette) ;;
    # font_file: one seed of each format (TrueType, CFF OpenType, WOFF,
    # WOFF2 TrueType and variable; install-deps.sh installs them). Debian's
    # TTCs (19 MB and more) are over the fuzzer's input size: the TTC seed in
    # fuzz/seeds/font_file/ joins the bundled Noto Sans Hebrew Regular and
    # Bold (48 kB), made with Debian's python3-fonttools (TTCollection).
    font_file)
      ls fonts/NotoSansHebrew-Regular.ttf fonts/InterDisplay-Black.ttf \
        /usr/share/fonts/opentype/cantarell/Cantarell-Thin.otf \
        node_modules/@fontsource/cantarell/files/cantarell-latin-ext-400-normal.woff \
        node_modules/@fontsource-variable/inter/files/inter-latin-ext-wght-normal.woff2 \
        node_modules/@fontsource-variable/noto-sans-arabic/files/noto-sans-arabic-latin-ext-wdth-normal.woff2 \
        2>/dev/null || true ;;
  esac
  find "fuzz/seeds/$1" "fuzz/regressions/$1" -type f 2>/dev/null || true
}

status=0
summary=()
for t in "${targets[@]}"; do
  bin="$build/${t}_fuzz"
  [[ -x "$bin" ]] || { echo "fuzz: $bin not built (configure with -DPLACARD_FUZZ=ON)" >&2; exit 2; }
  corpus="$build/fuzz-corpus/$t"
  crashes="$build/fuzz-crashes/$t"
  mkdir -p "$corpus" "$crashes"
  while read -r f; do [[ -n "$f" ]] && cp "$f" "$corpus/seed-$(basename "$f")"; done < <(seed_files "$t")
  log="$build/fuzz-$t.log"
  # Fonts are larger than any other input: whole seeds, and room to grow.
  max_len=8192
  [[ $t == font_file ]] && max_len=262144
  echo "fuzz: $t for ${seconds}s"
  if "$bin" "$corpus" "${seed_flag[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
       -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1; then
    result=ok
  else
    result="CRASH (see $log and $crashes)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  summary+=("$(printf '%-10s %9s runs %7s/s  %-9s %s' "$t" "$runs" "$rate" "$cov" "$result")")
done
printf '%s\n' "fuzz: summary (${seconds}s each)" "${summary[@]}"
exit $status
