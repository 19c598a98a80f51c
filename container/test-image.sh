#!/usr/bin/env bash
# Runs the image container/build-image.sh made, as the Kubernetes sample in
# docs/serve.md runs it (read-only root, no capabilities, the campaign and
# the key mounted read-only, --cache-dir on a scratch volume), and checks it
# against the placard of BUILD_DIR. On 127.0.0.1 only; stops by itself.
#
#   container/test-image.sh [BUILD_DIR]     (make image-test)
#
# Checks: /healthz; a /card/ answer is byte for byte the file `placard render`
# writes, and a signed /render/ answer the file `placard card` writes (both
# run inside the image, and compared with BUILD_DIR's binary too); it runs
# as 10001 with no shell in the image; SIGTERM ends it with 0; a restart on
# the same cache volume answers from disk. Prints the image's size, the time
# from `podman run` to the first /healthz and to the first card, and the
# server's memory.
#
# PODMAN (default: podman) is the command, e.g. "podman --runtime runc" where
# crun cannot run (a host with cgroup v1 and v2 both mounted).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
binary=$build/placard
version=$("$binary" --version | awk '{print $2}')
image=${IMAGE:-placard:$version}
read -r -a podman <<<"${PODMAN:-podman}"
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-image-test.XXXXXX")
names=()
cleanup() {
  for n in "${names[@]}"; do "${podman[@]}" rm -f "$n" >/dev/null 2>&1 || true; done
  rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "test-image: FAIL: $*" >&2; exit 1; }
ok() { echo "test-image: ok: $*"; }
now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

"${podman[@]}" image exists "$image" || fail "no image $image (make image)"
# A container may not raise its limits above the host's (no CAP_SYS_RESOURCE
# in some sandboxes): ask for less than any host has.
limits=(--ulimit nofile=16384:16384 --ulimit nproc=4096:4096)
run_cli() {  # placard ARGS inside the image, with /work and the examples mounted
  "${podman[@]}" run --rm "${limits[@]}" --network none -v "$T/w:/work" \
    -v "$root/examples:/srv/examples:ro" --entrypoint /usr/bin/placard "$image" "$@"
}

"$binary" keygen > "$T/card.key"
mkdir -p "$T/secrets" "$T/cache" "$T/w"
chmod 0777 "$T/w"  # the image's placard (10001) writes its files here
cp "$T/card.key" "$T/secrets/card.key"
chmod 0644 "$T/secrets/card.key"
chown 10001:10001 "$T/cache" 2>/dev/null || chmod 0777 "$T/cache"
campaign=/srv/examples/transforming-the-system

start() {  # NAME: runs the server as the Kubernetes sample does; sets $url
  local name=$1
  names+=("$name")
  "${podman[@]}" rm -f "$name" >/dev/null 2>&1 || true
  "${podman[@]}" run -d --name "$name" "${limits[@]}" \
    --read-only --cap-drop ALL --security-opt no-new-privileges \
    -p 127.0.0.1::8080 -e XDG_CACHE_HOME=/cache \
    -v "$root/examples:/srv/examples:ro" -v "$T/secrets:/secrets:ro" -v "$T/cache:/cache" \
    "$image" $campaign/campaign.md $campaign/campaign.es.md \
    --key-file /secrets/card.key --listen 0.0.0.0:8080 -j 2 \
    --cache-dir /cache/images --cache-dir-mb 400 >/dev/null
  url=http://127.0.0.1:$("${podman[@]}" port "$name" 8080/tcp | head -1 | sed 's/.*://')
}
healthz_within() {  # URL, tries of 20 ms
  for _ in $(seq 1 "$2"); do
    [[ $(curl -s --max-time 1 "$1/healthz" || true) == ok ]] && return 0
    sleep 0.02
  done
  return 1
}
rss() {  # NAME: resident and peak memory of the server, in MB
  local pid
  pid=$("${podman[@]}" inspect -f '{{.State.Pid}}' "$1")
  awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.0f MB now, %.0f MB peak", r/1024, h/1024}' "/proc/$pid/status"
}

# ---- the image itself ----
size=$("${podman[@]}" image inspect -f '{{.Size}}' "$image")
ok "image $image: $((size / 1000000)) MB"
[[ $("${podman[@]}" image inspect -f '{{.Config.User}}' "$image") == 10001:10001 ]] || fail "the image does not run as 10001"
if "${podman[@]}" run --rm "${limits[@]}" --network none --entrypoint /bin/sh "$image" -c true >/dev/null 2>&1; then
  fail "the image has a shell"
fi
ok "no shell in the image; it runs as 10001:10001"

# ---- cold start ----
t0=$(now)
start placard-test-a
healthz_within "$url" 1500 || { "${podman[@]}" logs placard-test-a >&2; fail "/healthz did not answer within 30 s"; }
t1=$(now)
card=/card/end-287g-agreements/og.png
code=$(curl -s -o "$T/served-og.png" -w '%{http_code}' "$url$card")
t2=$(now)
[[ $code == 200 ]] || fail "$card answered $code"
ok "cold start: /healthz after $(ms "$t0" "$t1") ms, the first card after $(ms "$t0" "$t2") ms (from podman run)"
ok "memory after start and one card: $(rss placard-test-a)"
pid=$("${podman[@]}" inspect -f '{{.State.Pid}}' placard-test-a)
grep -q $'^Uid:\t10001\t' "/proc/$pid/status" || fail "the server does not run as 10001"

# ---- the same bytes as placard render / placard card ----
run_cli render $campaign/campaign.md -o /work/out --sizes og >/dev/null
cmp -s "$T/served-og.png" "$T/w/out/end-287g-agreements/og.png" || fail "$card differs from placard render in the image"
"$binary" render "$root/examples/transforming-the-system/campaign.md" -o "$T/host-out" --sizes og >/dev/null 2>&1
host_same=no
cmp -s "$T/served-og.png" "$T/host-out/end-287g-agreements/og.png" && host_same=yes
ok "$card is byte for byte placard render's file (this machine's build: $host_same)"

text="Cards from the container, byte for byte"
path=$("$binary" sign --key-file "$T/card.key" --layout statement --size og --headline "$text")
code=$(curl -s -o "$T/served-render.png" -w '%{http_code}' "$url$path")
[[ $code == 200 ]] || fail "signed /render/ answered $code"
run_cli card "$text" --layout statement --size og -o /work/card.png >/dev/null
cmp -s "$T/served-render.png" "$T/w/card.png" || fail "/render/ differs from placard card in the image"
"$binary" card "$text" --layout statement --size og -o "$T/host-card.png" >/dev/null
host_same=no
cmp -s "$T/served-render.png" "$T/host-card.png" && host_same=yes
ok "a signed /render/ URL is byte for byte placard card's file (this machine's build: $host_same)"

# ---- some load, memory ----
for s in og x square portrait story pinterest; do
  for ext in png jpg webp; do
    curl -s -o /dev/null -w '%{http_code}\n' "$url/card/end-287g-agreements/$s.$ext"
  done
done | sort | uniq -c | awk '$2 != 200 {bad=1} END {exit bad}' || fail "a card size or format was refused"
ok "memory after 18 more cards (6 sizes x 3 formats): $(rss placard-test-a)"

# ---- SIGTERM, then a restart on the same cache volume ----
"${podman[@]}" stop -t 15 placard-test-a >/dev/null
exit_code=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' placard-test-a)
[[ $exit_code == 0 ]] || fail "SIGTERM: exit code $exit_code"
ok "SIGTERM: the server stopped with 0"
t0=$(now)
start placard-test-b
healthz_within "$url" 1500 || fail "the restart did not answer /healthz"
curl -s -o "$T/again.png" "$url$card"
t1=$(now)
cmp -s "$T/again.png" "$T/served-og.png" || fail "the restart served other bytes"
"${podman[@]}" logs placard-test-b 2>&1 | grep -q "og.png 200 .* disk$" || fail "the restart rendered instead of reading its cache volume"
ok "a restart on the same cache volume answers from disk (first card after $(ms "$t0" "$t1") ms)"
echo "test-image: all checks passed"
