#!/usr/bin/env bash
# The README's shell blocks run as a reader would run them: from a copy of the
# example campaign's folder, with placard on the PATH, one command at a time
# and in order, so a command or option the README shows cannot stop working
# unnoticed (samples_test.sh covers the blocks marked file=).
#   - "## Commands": every command; `--check` may exit 1 (it reports stale
#     outputs), `watch` must still be watching after a few seconds;
#   - the `placard serve` block: the server on a free port instead of 8080,
#     the curl and `placard sign` lines against it;
#   - the `placard preview` block: it must say where the page is.
# "Building by hand" installs and builds, which make test has just done.
# Needs: PLACARD_BINARY, PLACARD_SOURCE_DIR.
set -euo pipefail
: "${PLACARD_BINARY:?}" "${PLACARD_SOURCE_DIR:?}"
S=$PLACARD_SOURCE_DIR
README=$S/README.md
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-readme-commands.XXXXXX")
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

# The checkout as a reader has it: the examples, and the layouts the README's
# --photo names (../../layouts/images/ridges.png); placard on the PATH.
cp -r "$S/examples" "$T/examples"
cp -r "$S/layouts" "$T/layouts"
mkdir -p "$T/bin"
ln -s "$PLACARD_BINARY" "$T/bin/placard"
export PATH=$T/bin:$PATH
cd "$T/examples/transforming-the-system"

# The Nth ```sh block after a heading, as commands: comment lines dropped,
# backslash continuations joined, one command per line.
block() {  # heading n
  awk -v heading="$1" -v n="$2" '
    index($0, heading) == 1 {under = 1; next}
    under && /^## / {exit}
    under && /^```sh/ {if (++seen == n) {inside = 1; next}}
    inside && /^```/ {exit}
    inside' "$README" |
    sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' |
    awk '{ if (sub(/\\[[:space:]]*$/, "")) {line = line $0; next} print line $0; line = "" }'
}

# Runs one README line; prints its output if it fails.
run() {  # allowed-exit-codes command
  local allowed=$1 cmd=$2 code=0
  bash -c "$cmd" > "$T/out.txt" 2>&1 || code=$?
  [[ " $allowed " == *" $code "* ]] ||
    { cat "$T/out.txt" >&2; die "README: '$cmd' exited $code"; }
  ran=$((ran + 1))
}

ran=0
commands=$(block "## Commands" 2)
[[ $(grep -c '^placard ' <<< "$commands") -ge 15 ]] || die "the Commands block lost its commands"
while IFS= read -r cmd; do
  case $cmd in
    *" --check"*) run "0 1" "$cmd" ;;
    "placard watch "*)
      run "124" "timeout 4 $cmd"
      grep -q "watching" "$T/out.txt" || die "README: '$cmd' did not start watching" ;;
    *) run "0" "$cmd" ;;
  esac
done <<< "$commands"
# What the block promises is there.
[[ -f out/index.html && -f card.png && -f ar.png && -f ana.jpg && -f card.jpg && -f photo-proof.png ]] ||
  die "the Commands block did not leave the files it names: $(ls)"
ls out/end-287g-agreements/story.png > /dev/null

# The server block: its own port, then the lines that talk to it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
serve_block=$(block "## Cards on request" 1 | sed "s/127\.0\.0\.1:8080/127.0.0.1:$port/g")
grep -q "^placard serve " <<< "$serve_block" || die "the serve block has no placard serve line"
while IFS= read -r cmd; do
  case $cmd in
    "placard serve "*)
      bash -c "$cmd" > "$T/serve.out" 2> "$T/serve.log" &
      server=$!
      for _ in $(seq 300); do grep -q "listening" "$T/serve.out" 2>/dev/null && break; sleep 0.05; done
      grep -q "listening on http://127.0.0.1:$port" "$T/serve.out" ||
        { cat "$T/serve.log" >&2; die "README: '$cmd' is not listening"; } ;;
    curl*) run "0" "${cmd/curl /curl -fsS }" ;;
    *) run "0" "$cmd" ;;
  esac
done <<< "$serve_block"
[[ $(head -c 4 card.png | tail -c 3) == PNG ]] || die "the served card is not a PNG"
sign_path=$(bash -c "$(grep '^placard sign ' <<< "$serve_block")")
[[ $sign_path == /render/statement/og.png\?* ]] || die "placard sign printed '$sign_path'"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$sign_path")
[[ $code == 200 ]] || die "the signed URL the README makes answers $code"
kill "$server"
wait "$server" || die "placard serve did not exit 0 on SIGTERM"
server=""

# The preview block: it says where its page is.
preview=$(block "## Live preview for designers" 1)
grep -q "^placard preview " <<< "$preview" || die "the preview block has no placard preview line"
code=0
timeout 8 bash -c "$preview" > "$T/preview.out" 2>&1 || code=$?
[[ $code == 124 ]] || { cat "$T/preview.out" >&2; die "README: placard preview exited $code"; }
grep -qE "preview on http://127\.0\.0\.1:[0-9]+" "$T/preview.out" ||
  { cat "$T/preview.out" >&2; die "placard preview did not say where its page is"; }

echo "README: $ran commands ran as written, the server and the preview started"
