#!/usr/bin/env bash
# What the README states about Placard itself, checked against the program,
# so the prose cannot drift the way it did (a layout missing from the list,
# "17 cards" where the example has 18, a command that no longer exists):
#   - the built-in layouts the README lists are exactly those `placard layouts` prints;
#   - "the example's N cards" is the number of cards the example renders;
#   - every command a README line starts with `placard X` is one `placard --help` lists,
#     and every command `placard --help` lists is named in the README.
# Needs: PLACARD_BINARY, PLACARD_SOURCE_DIR.
set -euo pipefail
: "${PLACARD_BINARY:?}" "${PLACARD_SOURCE_DIR:?}"
S=$PLACARD_SOURCE_DIR
README=$S/README.md
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-readme-facts.XXXXXX")
trap 'rm -rf "$T"' EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

# The layouts.
listed=$(grep -m1 -E '^placard layouts +# the built-in layouts: ' "$README" |
  sed 's/.*the built-in layouts: //' | tr ',' '\n' | tr -d ' ' | sort)
[[ -n $listed ]] || die "README has no 'placard layouts  # the built-in layouts: …' line"
built_in=$("$PLACARD_BINARY" layouts | awk '{print $1}' | sort)
[[ $listed == "$built_in" ]] ||
  die "README lists the layouts $(echo $listed) but placard has $(echo $built_in)"

# The example's number of cards.
E=$S/examples/transforming-the-system
said=$(grep -oE "the example's [0-9]+ cards" "$README" | grep -oE '[0-9]+' | sort -u)
[[ -n $said ]] || die "README no longer says how many cards the example has"
cards=$("$PLACARD_BINARY" render "$E/campaign.md" "$E/campaign.es.md" "$E/campaign.ar.md" \
  -o "$T/out" --sizes og --check --json 2>/dev/null |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["cards"])') || true
[[ $said == "$cards" ]] || die "README says the example has $said cards; it has $cards"

# The commands.
commands=$("$PLACARD_BINARY" --help | awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}' | sort)
[[ -n $commands ]] || die "placard --help lists no subcommands"
used=$(grep -oE '^(\$ )?placard [a-z]+' "$README" | awk '{print $NF}' | sort -u)
for c in $used; do
  grep -qx "$c" <<<"$commands" || die "README runs 'placard $c', which placard --help does not list"
done
for c in $commands; do
  grep -qE "placard $c\b" "$README" || die "placard $c is in --help but the README never names it"
done
echo "readme facts: $(wc -w <<<"$built_in") layouts, $cards cards, $(wc -w <<<"$commands") commands"
