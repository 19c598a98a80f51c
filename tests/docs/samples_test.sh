#!/usr/bin/env bash
# Every block of README.md and docs/*.md marked as a file ("```LANG
# file=NAME") is written out and read by Placard as a user would read it, so
# the samples cannot drift from what Placard accepts:
#   content (.md, .csv, a .yaml with cards:)  placard render
#   a layout (.yaml with elements:)           placard card --layout
#   a brand (.yaml with colors:)              placard card --brand
# docs/serve.md's blocks (code, units, configs) are checked by
# serve_docs_test.sh, docs/scale.md's Kubernetes Jobs by scale_docs_test.sh. The blocks of one page are written into one folder, so
# they may name each other; the images and word lists they name are put
# beside them from the repository's examples.
# Needs: PLACARD_BINARY, PLACARD_SOURCE_DIR.
set -euo pipefail
: "${PLACARD_BINARY:?}" "${PLACARD_SOURCE_DIR:?}"
S=$PLACARD_SOURCE_DIR
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-doc-samples.XXXXXX")
trap 'rm -rf "$T"' EXIT
checks=0
die() { echo "FAIL: $*" >&2; exit 1; }

for doc in "$S/README.md" "$S"/docs/*.md; do
  [[ $(basename "$doc") == serve.md || $(basename "$doc") == scale.md ]] && continue
  page=$(basename "$doc" .md)
  # The page's folder sits beside a copy of the example brands, as the
  # example campaign does (brand: ../brands/...).
  dir=$T/$page/campaign
  mkdir -p "$dir/images"
  cp -r "$S/examples/brands" "$T/$page/brands"
  cp "$S/examples/brands/common-ground/logo.png" "$dir/logo.png"
  cp "$S/layouts/images/ridges.png" "$dir/images/ridges.png"
  cp "$S/layouts/images/ridges.png" "$dir/street.png"
  cp "$S"/examples/svg-template/*.svg "$dir/"
  printf 'badword\n' > "$dir/blocked-words.txt"
  names=$(awk '/^```[a-z]+ file=/ {sub(/^```[a-z]+ file=/, ""); print}' "$doc")
  for name in $names; do
    awk -v name="$name" '
      $0 ~ "^```[a-z]+ file=" name "$" {inside = 1; next}
      inside && /^```/ {inside = 0}
      inside {print}' "$doc" > "$dir/$name"
  done
  for name in $names; do
    f=$dir/$name
    what="$(basename "$doc"): $name"
    case $name in
      *.md | *.csv) kind=content ;;
      *.yaml)
        if grep -q '^cards:' "$f"; then kind=content
        elif grep -q '^elements:' "$f"; then kind=layout
        elif grep -q '^colors:' "$f"; then kind=brand
        else die "$what: not content, a layout or a brand"; fi ;;
      *) die "$what: no check for this kind of file" ;;
    esac
    case $kind in
      content) out=$("$PLACARD_BINARY" render "$f" -o "$T/$page/out-$name" 2>&1) ||
                 die "$what does not render: $out" ;;
      layout) out=$("$PLACARD_BINARY" card 'A sample card' --layout "$f" -o "$T/$page/$name.png" 2>&1) ||
                die "$what is not a layout that renders: $out" ;;
      brand) out=$("$PLACARD_BINARY" card 'A sample card' --brand "$f" -o "$T/$page/$name.png" 2>&1) ||
               die "$what is not a brand that renders: $out" ;;
    esac
    # A sample renders without warnings: no text lost, no missing glyph.
    if grep -q 'warning:' <<< "$out"; then die "$what renders with warnings: $out"; fi
    echo "ok: $what ($kind)"
    checks=$((checks + 1))
  done
done
# The pages above hold these samples; a page that loses its marks fails here.
(( checks >= 6 )) || die "only $checks samples found"
echo "$checks samples"
