#!/usr/bin/env bash
# docs/serve.md's samples, each read by the tool that reads it:
#   sign.js, sign.py      run with node and python3; the paths they print must
#                         match `placard sign` byte for byte
#   placard.service       systemd-analyze verify
#   placard-nginx.conf    nginx -t, inside a minimal nginx.conf
#   placard-k8s.yaml      parsed as YAML (python3-yaml); the probes, ports and
#                         serve arguments checked (Debian 12 has no kubectl
#                         that validates offline)
# A block is the fenced code after "```LANG file=NAME" in the page.
# Needs: PLACARD_BINARY, PLACARD_SOURCE_DIR.
set -euo pipefail
: "${PLACARD_BINARY:?}" "${PLACARD_SOURCE_DIR:?}"
doc=$PLACARD_SOURCE_DIR/docs/serve.md
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-serve-docs.XXXXXX")
trap 'rm -rf "$T"' EXIT
checks=0
die() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; checks=$((checks + 1)); }

block() {  # NAME -> the block's text on stdout
  awk -v name="$1" '
    $0 ~ "^```[a-z]+ file=" name "$" {inside = 1; found = 1; next}
    inside && /^```/ {inside = 0}
    inside {print}
    END {if (!found) exit 1}' "$doc" || die "docs/serve.md has no block file=$1"
}

# ---- signing: JavaScript and Python agree with placard sign ----
"$PLACARD_BINARY" keygen > "$T/card.key"
block sign.js > "$T/sign.js"
block sign.py > "$T/sign.py"
cases=(  # layout|size|extension|field=value…
  "statement|og|png|headline=End 287(g) agreements."
  "quote|story|jpg|headline=Immigration enforcement is a civil process.|kicker=Quote|footer=#TransformingTheSystem"
  "standard|1500x500|webp|headline=إنهاء اتفاقيات 287(g).|lang=ar"
  "statement|square|png|headline=Families 👨‍👩‍👧 belong together & free!|body=*Stars* ~tildes~ 'quotes' (parens) 100% + plus/slash?|brand=default"
)
for c in "${cases[@]}"; do
  IFS='|' read -r -a f <<< "$c"
  layout=${f[0]} size=${f[1]} ext=${f[2]}
  args=(--key-file "$T/card.key" --layout "$layout" --size "$size" --format "$ext")
  json="{"
  for kv in "${f[@]:3}"; do
    k=${kv%%=*} v=${kv#*=}
    args+=("--$k" "$v")
    json+=$(K="$k" V="$v" python3 -c 'import json, os; print(json.dumps(os.environ["K"]) + ":" + json.dumps(os.environ["V"]) + ",", end="")')
  done
  json="${json%,}}"
  want=$("$PLACARD_BINARY" sign "${args[@]}")
  key=$(cat "$T/card.key")
  js=$(node -e "$(cat "$T/sign.js")
console.log(signCardPath(process.argv[1], process.argv[2], process.argv[3], JSON.parse(process.argv[4]), process.argv[5]));" \
        "$key" "$layout" "$size" "$json" "$ext")
  py=$(python3 -c "$(cat "$T/sign.py")
import json, sys
print(sign_card_path(sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]))" \
        "$key" "$layout" "$size" "$json" "$ext")
  [[ "$js" == "$want" ]] || die "JavaScript signed '$c' as $js, placard sign as $want"
  [[ "$py" == "$want" ]] || die "Python signed '$c' as $py, placard sign as $want"
  [[ "$want" == "/render/"*".$ext?"* ]] || die "placard sign --format $ext made $want"
  ok "JavaScript, Python and placard sign agree: $layout/$size.$ext ${f[*]:3}"
done

# ---- systemd ----
if command -v systemd-analyze >/dev/null; then
  block placard.service | sed "s#/usr/local/bin/placard#$(realpath "$PLACARD_BINARY")#" > "$T/placard.service"
  if ! systemd-analyze verify --man=no "$T/placard.service" > "$T/verify.log" 2>&1; then
    cat "$T/verify.log" >&2
    die "systemd-analyze verify rejects the unit"
  fi
  # A warning (an unknown key, a misspelt option) is a mistake in the sample
  # too; systemd-analyze reports those without failing.
  if grep -q . "$T/verify.log"; then cat "$T/verify.log" >&2; die "systemd-analyze verify warns"; fi
  for opt in DynamicUser=yes ProtectSystem=strict NoNewPrivileges=yes LoadCredential=; do
    grep -q "^$opt" "$T/placard.service" || die "the unit lacks $opt"
  done
  ok "systemd-analyze verify accepts placard.service"
else
  echo "skip: systemd-analyze is not installed"
fi

# ---- nginx ----
if command -v nginx >/dev/null; then
  mkdir -p "$T/nginx/cache" "$T/nginx/logs"
  block placard-nginx.conf | sed "s#/var/cache/nginx/placard#$T/nginx/cache#; s#listen 80;#listen 127.0.0.1:18080;#" > "$T/nginx/placard.conf"
  cat > "$T/nginx/nginx.conf" <<CONF
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log;
events {}
http {
    access_log off;
    include $T/nginx/placard.conf;
}
CONF
  nginx -t -q -p "$T/nginx" -c "$T/nginx/nginx.conf" || die "nginx -t rejects the nginx sample"
  ok "nginx -t accepts the proxy_cache sample"

  # The sample in front of a real server: every answer says nosniff once,
  # the server's own and nginx's refusals of the requests libmicrohttpd
  # would answer with its bare page (docs/serve.md, "Limits and errors").
  free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
  up=$(free_port)
  front=$(free_port)
  "$PLACARD_BINARY" serve "$PLACARD_SOURCE_DIR/examples/transforming-the-system/campaign.md" \
    --listen "127.0.0.1:$up" -j 1 > "$T/serve.log" 2>&1 &
  serve_pid=$!
  block placard-nginx.conf |
    sed "s#/var/cache/nginx/placard#$T/nginx/cache#; s#listen 80;#listen 127.0.0.1:$front;#; s#server 127.0.0.1:8080;#server 127.0.0.1:$up;#" \
    > "$T/nginx/placard.conf"
  chmod 0755 "$T" "$T/nginx"
  chmod 0777 "$T/nginx/cache"
  nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" -g 'daemon off;' 2> "$T/nginx/stderr" &
  nginx_pid=$!
  trap 'kill $serve_pid $nginx_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
  for _ in $(seq 100); do
    grep -q "listening on" "$T/serve.log" && break
    sleep 0.1
  done
  grep -q "listening on" "$T/serve.log" || die "placard serve did not start: $(cat "$T/serve.log")"
  python3 - "$front" <<'PY' || die "an answer through the nginx sample lacks nosniff, or has it twice (above)"
import socket, sys, time
port = int(sys.argv[1])
def ask(raw):
    for _ in range(50):  # nginx may still be starting
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except ConnectionRefusedError:
            time.sleep(0.1)
    s.sendall(raw)
    got = b""
    try:
        while b"\r\n\r\n" not in got:
            piece = s.recv(65536)
            if not piece:
                break
            got += piece
    except socket.timeout:
        pass
    s.close()
    head = got.split(b"\r\n\r\n")[0].decode("latin1").split("\r\n")
    nosniff = [h for h in head[1:] if h.lower().startswith("x-content-type-options:")]
    return head[0], nosniff
host = b"Host: cards.example.org\r\n"
cases = {
    "a card": (b"GET /card/end-287g-agreements/og.png HTTP/1.1\r\n" + host + b"Connection: close\r\n\r\n", "200"),
    "Placard's 404": (b"GET /card/nope/og.png HTTP/1.1\r\n" + host + b"Connection: close\r\n\r\n", "404"),
    "no Host": (b"GET /healthz HTTP/1.1\r\n\r\n", "400"),
    "a 40 KB header": (b"GET /healthz HTTP/1.1\r\n" + host + b"X-Big: " + b"b" * 40000 + b"\r\n\r\n", "4"),
    "a 40 KB target": (b"GET /" + b"a" * 40000 + b" HTTP/1.1\r\n" + host + b"\r\n", "4"),
    "3000 small headers": (b"GET /healthz HTTP/1.1\r\n" + host + b"".join(b"X-%d: 1\r\n" % i for i in range(3000)) + b"\r\n", "4"),
    "HTTP/2.0 as text": (b"GET /healthz HTTP/2.0\r\n" + host + b"\r\n", ""),
}
bad = []
for name, (raw, status) in cases.items():
    line, nosniff = ask(raw)
    print(f"  {name}: {line} {nosniff}")
    if not line.split(" ")[1:2] or not line.split(" ")[1].startswith(status):
        bad.append(f"{name}: {line!r}, expected {status or 'an answer'}")
    if nosniff != ["X-Content-Type-Options: nosniff"]:
        bad.append(f"{name}: {nosniff}")
for b in bad:
    print("  FAIL " + b)
sys.exit(1 if bad else 0)
PY
  ok "through the nginx sample, every answer (the server's, and nginx's refusals of what libmicrohttpd would answer bare) says nosniff once"
else
  echo "skip: nginx is not installed"
fi

# ---- Kubernetes ----
block placard-k8s.yaml > "$T/k8s.yaml"
version=$("$PLACARD_BINARY" --version | awk '{print $2}')
image_uid=$(sed -n 's/.*--user \([0-9]*\):.*/\1/p' "$PLACARD_SOURCE_DIR/container/build-image.sh")
[[ -n "$image_uid" ]] || die "container/build-image.sh sets no --user"
python3 - "$T/k8s.yaml" "$version" "$image_uid" <<'PY' || die "the Kubernetes sample is wrong (above)"
import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
kinds = {d["kind"]: d for d in docs}
assert set(kinds) == {"Deployment", "Service"}, kinds.keys()
pod = kinds["Deployment"]["spec"]["template"]["spec"]
c = pod["containers"][0]
args = c["args"]
# The image's entry point is `placard serve` (container/build-image.sh): the
# arguments start with the content files, and the user is the image's own.
assert args[0].endswith(".md"), args
assert c["image"].endswith("/placard:" + sys.argv[2]), c["image"]
assert pod["securityContext"]["runAsUser"] == int(sys.argv[3]), pod["securityContext"]
listen = args[args.index("--listen") + 1]
port = int(listen.rsplit(":", 1)[1])
assert c["ports"][0]["containerPort"] == port
assert c["readinessProbe"]["httpGet"]["path"] == "/healthz"
grace = float(args[args.index("--grace") + 1])
assert pod["terminationGracePeriodSeconds"] > grace
labels = kinds["Deployment"]["spec"]["template"]["metadata"]["labels"]
assert kinds["Service"]["spec"]["selector"] == labels
assert kinds["Service"]["spec"]["ports"][0]["targetPort"] == c["ports"][0]["name"]
key = args[args.index("--key-file") + 1]
assert any(key.startswith(m["mountPath"] + "/") for m in c["volumeMounts"])
cache = args[args.index("--cache-dir") + 1]
mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
cache_volume = [n for p, n in mounts.items() if cache.startswith(p + "/")]
assert cache_volume, "--cache-dir is not on a mounted volume"
volumes = {v["name"]: v for v in pod["volumes"]}
assert "emptyDir" in volumes[cache_volume[0]], "--cache-dir is not on an emptyDir"
assert int(args[args.index("--max-connections-per-ip") + 1]) >= 128
PY
ok "the Kubernetes Deployment and Service fit together (probe /healthz, ports, grace, the image's entry point and user)"

echo "$checks checks passed"
