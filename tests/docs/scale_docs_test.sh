#!/usr/bin/env bash
# docs/scale.md's Kubernetes Jobs: read with python3-yaml and checked, then
# run as their pods would run (the same command and arguments, the same
# JOB_COMPLETION_INDEX, one shared folder for the cards), merged, and compared
# with a single unsharded run byte for byte.
# Needs: PLACARD_BINARY, PLACARD_SOURCE_DIR.
set -euo pipefail
: "${PLACARD_BINARY:?}" "${PLACARD_SOURCE_DIR:?}"
doc=$PLACARD_SOURCE_DIR/docs/scale.md
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-scale-docs.XXXXXX")
trap 'rm -rf "$T"' EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

block() {  # NAME -> the block's text on stdout
  awk -v name="$1" '
    $0 ~ "^```[a-z]+ file=" name "$" {inside = 1; found = 1; next}
    inside && /^```/ {inside = 0}
    inside {print}
    END {if (!found) exit 1}' "$doc" || die "docs/scale.md has no block file=$1"
}
block placard-render-job.yaml > "$T/render.yaml"
block placard-merge-job.yaml > "$T/merge.yaml"

# Checks both Jobs; prints N, then the render pod's argv, then the merge
# pod's argv, one JSON list a line.
python3 - "$T/render.yaml" "$T/merge.yaml" > "$T/plan" <<'PY' || die "the Jobs in docs/scale.md"
import json, sys, yaml
render = yaml.safe_load(open(sys.argv[1]))
merge = yaml.safe_load(open(sys.argv[2]))
def check(ok, what):
    if not ok:
        sys.exit("docs/scale.md: " + what)
for job in (render, merge):
    check(job["apiVersion"] == "batch/v1" and job["kind"] == "Job", "not a batch/v1 Job")
    check(job["spec"]["template"]["spec"]["restartPolicy"] == "Never", "restartPolicy")
spec = render["spec"]
check(spec.get("completionMode") == "Indexed", "the render Job is not Indexed")
n = spec["completions"]
pod = spec["template"]["spec"]["containers"][0]
argv = pod["command"] + pod["args"]
check(argv[:2] == ["/usr/bin/placard", "render"], "the render pod does not run placard render")
shard = argv[argv.index("--shard") + 1]
check(shard == "indexed/%d" % n, "--shard %s but completions: %d" % (shard, n))
mpod = merge["spec"]["template"]["spec"]["containers"][0]
margv = mpod["command"] + mpod["args"]
check(margv[:2] == ["/usr/bin/placard", "merge"], "the merge pod does not run placard merge")
out = argv[argv.index("-o") + 1]
want = ["%s/manifest.shard-%d-of-%d.json" % (out, k, n) for k in range(1, n + 1)]
check(margv[2:2 + n] == want, "the merge does not name every slice's manifest")
check(margv[2 + n:] == ["-o", out + "/manifest.json"], "the merge does not write manifest.json")
def claim(job, mount_path):
    spec = job["spec"]["template"]["spec"]
    mounts = spec["containers"][0]["volumeMounts"]
    name = [m["name"] for m in mounts if m["mountPath"] == mount_path][0]
    return [v for v in spec["volumes"] if v["name"] == name][0]["persistentVolumeClaim"]["claimName"]
check(claim(render, out) == claim(merge, out), "render and merge use different claims for the cards")
print(n)
print(json.dumps(argv))
print(json.dumps(margv))
PY
N=$(sed -n 1p "$T/plan")

# The campaign volume: the example campaign with its brand beside it.
mkdir -p "$T/campaign" "$T/cards" "$T/single"
cp -r "$PLACARD_SOURCE_DIR/examples/brands" "$T/campaign/brands"
sed 's#brand: ../brands/#brand: brands/#' \
  "$PLACARD_SOURCE_DIR/examples/transforming-the-system/campaign.md" > "$T/campaign/campaign.md"

# A pod's argv with the volumes mapped to folders here.
argv() {  # LINE -> NUL-separated words
  sed -n "$1p" "$T/plan" | python3 -c '
import json, sys
t, b = sys.argv[1], sys.argv[2]
words = json.loads(sys.stdin.read())
words[0] = b
for w in words:
    w = w.replace("/campaign/", t + "/campaign/").replace("/cards", t + "/cards")
    sys.stdout.write(w + "\0")' "$T" "$PLACARD_BINARY"
}
mapfile -d '' render < <(argv 2)
mapfile -d '' merge < <(argv 3)

# The pods, at once.
pids=()
for ((i = 0; i < N; i++)); do
  JOB_COMPLETION_INDEX=$i "${render[@]}" > "$T/pod-$i.log" 2>&1 &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { cat "$T/pod-$i.log" >&2; die "pod $i failed"; }
done
echo "ok: $N pods rendered into one folder"
"${merge[@]}" || die "the merge failed"
echo "ok: merged"

# One process, the same arguments without --shard.
single=()
skip=0
for w in "${render[@]}"; do
  if ((skip)); then skip=0; continue; fi
  if [[ $w == --shard ]]; then skip=1; continue; fi
  single+=("${w/$T\/cards/$T/single}")
done
"${single[@]}" 2> "$T/single.log" || { cat "$T/single.log" >&2; die "the single run failed"; }
diff -r -x 'manifest.shard-*' "$T/cards" "$T/single" || die "sharded and single runs differ"
files=$(find "$T/single" -type f | wc -l)
[[ $files -gt 10 ]] || die "only $files files rendered"
echo "ok: $files files identical to a single run, byte for byte"
