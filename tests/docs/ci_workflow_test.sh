#!/usr/bin/env bash
# docs/ci.md's GitHub Actions workflows, run here as a runner would run them.
#
# workflow_steps (yaml-cpp) turns each ```yaml block of the page into plain
# files; this script runs their `run:` steps in order, with bash -e as the
# runner does, in a workspace that belongs to another user (as in a
# container job) and with a fresh HOME. A local bare repository stands in
# for GitHub. The `uses:` steps are simulated:
#   actions/checkout          fetch the event's commit (push: branch main
#                             tracking origin/main; pull_request: detached)
#   actions/upload-artifact   copy the path (a file, or a folder's contents)
#   actions/download-artifact copy matching artifacts, merged or one folder each
# The install and build steps cannot run offline. The test checks what they
# name instead: the install-deps.sh mode, the cmake options and the target.
# A step's /tmp/placard-build/placard is this build's binary.
#
# Needs: PLACARD_BINARY, WORKFLOW_STEPS (the yaml-cpp reader), PLACARD_SOURCE_DIR.
set -euo pipefail

: "${PLACARD_BINARY:?}" "${WORKFLOW_STEPS:?}" "${PLACARD_SOURCE_DIR:?}"
src=$PLACARD_SOURCE_DIR
PLACARD_BINARY=$(realpath "$PLACARD_BINARY")
T=$(mktemp -d "${TMPDIR:-/tmp}/placard-ci-workflow.XXXXXX")
trap 'rm -rf "$T"' EXIT

checks=0
die() { echo "FAIL: $*" >&2; echo "$checks passed, 1 failed"; exit 1; }
ok() { echo "ok: $*"; checks=$((checks + 1)); }
show() { sed 's/^/    | /' "$1" >&2; }

# The developer's git, for the commits a scenario makes; the steps get none of it.
export GIT_CONFIG_NOSYSTEM=1 HOME=$T/dev-home
export GIT_AUTHOR_NAME=dev GIT_AUTHOR_EMAIL=dev@example.org
export GIT_COMMITTER_NAME=dev GIT_COMMITTER_EMAIL=dev@example.org
mkdir -p "$HOME"
git config --global init.defaultBranch main

mkdir -p "$T/placard-build"
ln -s "$PLACARD_BINARY" "$T/placard-build/placard"

# ---- the workflows, read -------------------------------------------------

plan=$T/plan
"$WORKFLOW_STEPS" "$src/docs/ci.md" "$plan" || die "docs/ci.md: a workflow block does not parse"
[[ $(<"$plan/blocks") == 2 ]] || die "docs/ci.md has $(<"$plan/blocks") yaml blocks, expected 2"
simple="" sharded=""
for b in 1 2; do
  if compgen -G "$plan/$b/*/matrix/shard" >/dev/null; then sharded=$b; else simple=$b; fi
done
[[ -n $simple && -n $sharded ]] || die "expected one plain and one sharded workflow"
ok "both workflow blocks parse as YAML workflows (lines $(<"$plan/$simple/line"), $(<"$plan/$sharded/line"))"

# ---- expressions and conditions ------------------------------------------

declare -A matrix=()
event=""

# ${{ ... }} in a value, into $expanded: the matrix and env contexts,
# nothing else. Not runner.temp: in a container job it names the host's
# folder. (No $(...) around it or die: a subshell's exit would not end the test.)
expand() {
  local s=$1 out="" expr whole
  while [[ $s =~ \$\{\{[[:space:]]*([^}[:space:]]*)[[:space:]]*\}\} ]]; do
    whole=${BASH_REMATCH[0]}
    expr=${BASH_REMATCH[1]}
    out+=${s%%"$whole"*}
    s=${s#*"$whole"}
    case $expr in
      matrix.*) [[ -v matrix[${expr#matrix.}] ]] || die "no matrix value for '$expr'"
                out+=${matrix[${expr#matrix.}]} ;;
      env.*) [[ -n ${step_env[${expr#env.}]+set} ]] || die "no env value for '$expr'"
             out+=${step_env[${expr#env.}]} ;;
      *) die "unsupported expression '\${{ $expr }}'" ;;
    esac
  done
  expanded=$out$s
}

# An if: of the form github.event_name == 'NAME', bare or in ${{ }}.
condition_holds() {
  local re="^(\\$\\{\\{)?[[:space:]]*github\\.event_name[[:space:]]*==[[:space:]]*'([a-z_]+)'[[:space:]]*(\\}\\})?$"
  [[ $1 =~ $re ]] || die "unsupported condition '$1'"
  [[ $event == "${BASH_REMATCH[2]}" ]]
}

# ---- the uses: steps -------------------------------------------------------

# The workspace belongs to the runner's user, not to root in the container:
# git then refuses it until the steps add it to safe.directory.
checkout() {  # SHA
  mkdir -p "$ws"
  if [[ $(id -u) == 0 ]]; then chown 1001:1001 "$ws"; fi
  local g=(git -c "safe.directory=$ws" -C "$ws") ref=refs/remotes/pull/1/merge
  [[ $event == push ]] && ref=refs/remotes/origin/main
  "${g[@]}" init -q && "${g[@]}" remote add origin "file://$T/remote.git" &&
    "${g[@]}" fetch -q --depth=1 origin "+$1:$ref" || die "checkout: cannot fetch $1"
  if [[ $event == push ]]; then
    "${g[@]}" checkout -q -B main "$ref" || die "checkout: cannot check out main"
  else
    "${g[@]}" checkout -q --detach "$ref" || die "checkout: cannot check out $1"
  fi
}

with() { expand "$(<"$1/with/$2")"; }  # STEP_DIR KEY, into $expanded

# upload-artifact@v4: a file goes in as itself, a folder as its contents;
# hidden files are left out; a name is used once per run.
upload() {  # STEP_DIR
  local name path
  with "$1" name; name=$expanded
  with "$1" path; path=$expanded
  [[ $path == /* ]] || path=$ws/$path
  [[ ! -e $T/artifacts/$name ]] || die "artifact '$name' uploaded twice"
  [[ -e $path ]] || { echo "upload-artifact: no files at $path" >>"$log"; return 0; }
  mkdir -p "$T/artifacts/$name"
  if [[ -d $path ]]; then
    (cd "$path" && find . \( -name '.*' ! -name . \) -prune -o -type f -exec cp --parents -t "$T/artifacts/$name" {} +)
  else
    cp "$path" "$T/artifacts/$name/" || die "upload-artifact: cannot copy $path"
  fi
}

# download-artifact@v4 with a pattern: merge-multiple puts every artifact's
# files in one folder, otherwise each in a folder of its name. The order is
# not promised; newest name first here.
download() {  # STEP_DIR
  local pattern path merge=false a
  with "$1" pattern; pattern=$expanded
  with "$1" path; path=$expanded
  if [[ -f $1/with/merge-multiple ]]; then with "$1" merge-multiple; merge=$expanded; fi
  [[ $path == /* ]] || path=$ws/$path
  for a in $(ls -r "$T/artifacts"); do
    [[ $a == $pattern ]] || continue
    local to=$path
    [[ $merge == true ]] || to=$path/$a
    mkdir -p "$to"
    cp -a "$T/artifacts/$a/." "$to/" || die "download-artifact: cannot copy $a"
  done
}

# ---- the steps that cannot run here --------------------------------------

# The build step, read instead of run: the install mode must leave out the
# test and browser packages, and cmake must know every option and target.
check_build_step() {  # SCRIPT
  local script=$1 line word
  grep -q 'bash placard/scripts/install-deps.sh' <<<"$script" || die "build step does not run placard/scripts/install-deps.sh"
  line=$(grep -o 'install-deps.sh.*' <<<"$script")
  local args=(${line#install-deps.sh})
  local pkgs
  pkgs=$(bash "$src/scripts/install-deps.sh" "${args[@]}" --list) || die "install-deps.sh ${args[*]} is refused"
  for heavy in libgtest-dev clang tesseract-ocr chromium nodejs npm; do
    ! grep -qx "$heavy" <<<"$pkgs" || die "install-deps.sh ${args[*]} installs $heavy"
  done
  grep -q -- '-S placard -B /tmp/placard-build' <<<"$script" || die "build step does not build placard/ into /tmp/placard-build"
  for word in $(grep -o -- '-D[A-Za-z_]*=' <<<"$script" | sort -u); do
    word=${word#-D}; word=${word%=}
    [[ $word == CMAKE_* ]] || grep -q "option($word " "$src/CMakeLists.txt" || die "CMakeLists.txt has no option $word"
  done
  for word in $(grep -o -- '--target [A-Za-z_]*' <<<"$script" | cut -d' ' -f2); do
    grep -q "add_executable($word " "$src/CMakeLists.txt" || die "CMakeLists.txt has no target $word"
  done
}

# ---- a job ----------------------------------------------------------------

declare -A step_env=()

# Loads env files (workflow, job, step) over step_env.
load_env() {
  local f
  [[ -d $1/env ]] || return 0
  for f in "$1"/env/*; do expand "$(<"$f")"; step_env[$(basename "$f")]=$expanded; done
}

# run_job BLOCK JOB EVENT SHA [KEY=VALUE of the matrix]...: runs the job in
# a fresh workspace; its output goes to $log and the workspace stays in $ws.
# Returns the exit code of the step that failed, else 0.
run_job() {
  local block=$1 job=$2 sha=$4 jd=$plan/$1/$2 s sd script rc k
  event=$3
  shift 4
  matrix=()
  for kv; do matrix[${kv%%=*}]=${kv#*=}; done
  ws=$T/runner/workspace log=$T/runner/log
  rm -rf "$T/runner"
  mkdir -p "$T/runner/home" "$T/runner/temp"
  : >"$log"
  if [[ -f $jd/if ]] && ! condition_holds "$(<"$jd/if")"; then return 0; fi
  for ((s = 1; s <= $(<"$jd/steps"); s++)); do
    sd=$jd/$s
    step_env=()
    load_env "$plan/$block"; load_env "$jd"; load_env "$sd"
    if [[ -f $sd/if ]] && ! condition_holds "$(<"$sd/if")"; then
      echo "[$job $s] skipped" >>"$log"; continue
    fi
    if [[ -f $sd/uses ]]; then
      case $(<"$sd/uses") in
        actions/checkout@v4) checkout "$sha" ;;
        actions/upload-artifact@v4) upload "$sd" ;;
        actions/download-artifact@v4) download "$sd" ;;
        *) die "no stand-in for uses: $(<"$sd/uses")" ;;
      esac
      continue
    fi
    expand "$(<"$sd/run")"; script=$expanded
    if grep -q 'apt-get' <<<"$script"; then continue; fi
    if grep -q 'cmake' <<<"$script"; then check_build_step "$script"; continue; fi
    printf '%s\n' "${script//\/tmp\/placard-build/$T/placard-build}" >"$T/runner/step.sh"
    echo "[$job $s] $(head -1 "$sd/run")" >>"$log"
    local envs=()
    for k in "${!step_env[@]}"; do envs+=("$k=${step_env[$k]}"); done
    rc=0
    (cd "$ws" && env -i PATH="$PATH" HOME="$T/runner/home" GIT_CONFIG_NOSYSTEM=1 CI=true \
       GITHUB_ACTIONS=true GITHUB_WORKSPACE="$ws" GITHUB_EVENT_NAME="$event" GITHUB_SHA="$sha" \
       RUNNER_TEMP="$T/runner/temp" "${envs[@]}" bash -e "$T/runner/step.sh") >>"$log" 2>&1 || rc=$?
    if ((rc != 0)); then echo "[$job $s] exit $rc" >>"$log"; return "$rc"; fi
  done
  return 0
}

# ---- the repository the page assumes ------------------------------------

content="campaign/campaign.md campaign/campaign.es.md"
[[ $(<"$plan/$simple/env/CONTENT") == "$content" && $(<"$plan/$simple/env/CARDS") == cards ]] ||
  die "the plain workflow's env changed; update this test's repository"
[[ $(<"$plan/$sharded/env/CONTENT") == "$content" && $(<"$plan/$sharded/env/CARDS") == cards ]] ||
  die "the sharded workflow's env changed; update this test's repository"

git init -q --bare "$T/remote.git"
git -C "$T/remote.git" config uploadpack.allowAnySHA1InWant true  # as GitHub allows
dev=$T/dev
git clone -q "$T/remote.git" "$dev" 2>/dev/null
mkdir -p "$dev/campaign"
card() { printf -- '\n- **%s** %s {#%s}\n' "$@"; }  # HEADLINE BODY ID
write_campaign() {  # FILE NAME LANG TITLE; the cards on stdin
  { printf -- '---\nname: %s\nlang: %s\n---\n\n# %s\n\n' "$2" "$3" "$4"; cat; } >"$dev/campaign/$1"
}
write_campaign campaign.md "Clean Air" en "Clean air for every school" <<'EOF'
- **Filter the air** in every classroom by next winter. {#filters}
- **Measure carbon dioxide** in each room and publish it. {#measure}
- **Open the windows** when the numbers climb. {#windows}

> Children breathe what we build. {#breathe}
EOF
write_campaign campaign.es.md "Aire limpio" es "Aire limpio en cada escuela" <<'EOF'
- **Filtrar el aire** en cada aula antes del invierno. {#filters}
- **Medir el dióxido de carbono** en cada aula y publicarlo. {#measure}
- **Abrir las ventanas** cuando suban las cifras. {#windows}

> Los niños respiran lo que construimos. {#breathe}
EOF
(cd "$dev" && "$PLACARD_BINARY" render $content -o cards 2>/dev/null)
git -C "$dev" add -A && git -C "$dev" commit -q -m "Campaign and its cards"
git -C "$dev" push -q origin main
base=$(git -C "$dev" rev-parse HEAD)

tip() { git -C "$T/remote.git" rev-parse "refs/heads/${1:-main}"; }
on_branch() {  # BRANCH MESSAGE: commits the developer's tree to BRANCH and pushes it
  git -C "$dev" add -A && git -C "$dev" commit -q -m "$2" && git -C "$dev" push -q origin "HEAD:refs/heads/$1"
  git -C "$dev" rev-parse HEAD
}
job=$(head -1 "$plan/$simple/jobs")

# ---- (a) a pull request whose cards are fresh ----------------------------

git -C "$dev" checkout -q -b readme "$base"
echo "Campaign notes" >"$dev/NOTES.md"
pr=$(on_branch readme "Notes")
run_job "$simple" "$job" pull_request "$pr" || { show "$log"; die "(a) a pull request with fresh cards fails the check"; }
grep -q "up to date in cards" "$log" || { show "$log"; die "(a) the check step did not run"; }
git -c safe.directory="$ws" -C "$ws" diff --quiet HEAD && [[ -z $(git -c safe.directory="$ws" -C "$ws" status --porcelain) ]] ||
  die "(a) the check wrote into the workspace"
[[ $(tip) == "$base" ]] || die "(a) a pull request pushed to main"
ok "(a) pull request, fresh cards: check step exits 0, writes and pushes nothing"

# ---- (b) a pull request that edits a card's text -------------------------

git -C "$dev" checkout -q -b edit "$base"
sed -i 's/by next winter/before the first frost/' "$dev/campaign/campaign.md"
pr=$(on_branch edit "Sharper filter card")
rc=0; run_job "$simple" "$job" pull_request "$pr" || rc=$?
[[ $rc == 1 ]] || { show "$log"; die "(b) the check step exited $rc, expected 1"; }
grep -q "placard: stale: cards/filters/og.png" "$log" || { show "$log"; die "(b) the stale output is not named"; }
[[ $(grep -cE "^placard: (stale|missing|to remove)" "$log") == 1 ]] || { show "$log"; die "(b) more than the edited card reported"; }
ok "(b) pull request, edited text: check step exits 1 naming cards/filters/og.png only"

# ---- (c) the push to main regenerates, once --------------------------------

git -C "$dev" checkout -q main
git -C "$dev" merge -q --ff-only edit
git -C "$dev" push -q origin main
pushed=$(tip)
run_job "$simple" "$job" push "$pushed" || { show "$log"; die "(c) the regenerating job failed"; }
regen=$(tip)
[[ $regen != "$pushed" && $(git -C "$T/remote.git" rev-parse "$regen^") == "$pushed" ]] ||
  die "(c) no regenerating commit on top of the push"
changed=$(git -C "$T/remote.git" diff --name-only "$pushed" "$regen" | tr '\n' ' ')
[[ $changed == "cards/filters/og.png cards/manifest.json " ]] || die "(c) the commit changed: $changed"
[[ $(git -C "$T/remote.git" log -1 --format=%an "$regen") == placard ]] || die "(c) the commit is not by 'placard'"
grep -q '"rendered": 1,' "$T/runner/temp/report.json" || { cat "$T/runner/temp/report.json" >&2; die "(c) the report does not say one PNG rendered"; }
run_job "$simple" "$job" push "$regen" || { show "$log"; die "(c) the second run failed"; }
[[ $(tip) == "$regen" ]] || die "(c) the second run committed again"
grep -q '"rendered": 0,' "$T/runner/temp/report.json" || die "(c) the second run rendered something"
ok "(c) push: one card rendered, committed and pushed by 'placard'; a second run renders and commits nothing"

# The cards on main now pass the pull-request check.
run_job "$simple" "$job" pull_request "$regen" || { show "$log"; die "(c) the regenerated main fails the check"; }

# ---- (c') main moves on while the job runs -------------------------------

git -C "$dev" pull -q --ff-only origin main
sed -i 's/publish it/publish the numbers/' "$dev/campaign/campaign.md"
first=$(on_branch main "Measure card")
sed -i 's/when the numbers climb/when the air goes stale/' "$dev/campaign/campaign.md"
second=$(on_branch main "Windows card")
rc=0; run_job "$simple" "$job" push "$first" || rc=$?
[[ $rc != 0 && $(tip) == "$second" ]] || { show "$log"; die "(c') a run for an older commit pushed over a newer one"; }
run_job "$simple" "$job" push "$second" || { show "$log"; die "(c') the run for the newer commit failed"; }
run_job "$simple" "$job" pull_request "$(tip)" || { show "$log"; die "(c') main's cards are stale after the newer run"; }
ok "(c') main moved on: the older run's push is refused, the newer run brings the cards up to date"

# ---- (d) the sharded workflow ----------------------------------------------

# One commit that edits a card in one shard, another in a second shard,
# removes a card and adds one.
git -C "$dev" pull -q --ff-only origin main
sed -i 's/before the first frost/before the frost/' "$dev/campaign/campaign.md"
sed -i 's/y publicarlo/y publicar las cifras/' "$dev/campaign/campaign.es.md"
sed -i '/{#windows}/d' "$dev/campaign/campaign.es.md"
card "Fix the vents" "before they clog." vents >>"$dev/campaign/campaign.md"
pushed=$(on_branch main "Two edits, one card gone, one new")

# What one unsharded run makes of that commit.
whole=$T/whole
git clone -q "$T/remote.git" "$whole"
(cd "$whole" && "$PLACARD_BINARY" render $content -o cards 2>/dev/null)

shards=$(<"$plan/$sharded/$(head -1 "$plan/$sharded/jobs")/matrix/shard")
rm -rf "$T/artifacts"
for j in $(<"$plan/$sharded/jobs"); do
  if [[ -f $plan/$sharded/$j/needs ]]; then
    for need in $(<"$plan/$sharded/$j/needs"); do
      grep -qx "$need" <(sed "/^$j\$/,\$d" "$plan/$sharded/jobs") || die "(d) job $j needs $need, which does not run before it"
    done
  fi
  if [[ -f $plan/$sharded/$j/matrix/shard ]]; then
    for k in $shards; do
      run_job "$sharded" "$j" push "$pushed" "shard=$k" || { show "$log"; die "(d) shard $k failed"; }
      [[ $(tip) == "$pushed" ]] || die "(d) shard $k pushed"
    done
  else
    run_job "$sharded" "$j" push "$pushed" || { show "$log"; die "(d) job $j failed"; }
  fi
done
merged=$(tip)
[[ $merged != "$pushed" ]] || die "(d) the merge job committed nothing"
check=$T/check
git clone -q "$T/remote.git" "$check"
cmp "$check/cards/manifest.json" "$whole/cards/manifest.json" ||
  die "(d) the merged manifest differs from an unsharded run's"
diff -r -x .git "$check/cards" "$whole/cards" >/dev/null || die "(d) the merged cards differ from an unsharded run's"
[[ ! -e $check/cards/windows-es && -e $check/cards/vents/og.png ]] || die "(d) a removed card stayed or a new one is missing"
! compgen -G "$check/cards/manifest.shard-*" >/dev/null || die "(d) shard manifests were committed"
[[ -z $(git -C "$check" ls-files shards 'cards-*.patch') ]] || die "(d) patches were committed"
ok "(d) $(wc -w <<<"$shards") shards and the merge job: manifest byte-identical to an unsharded run, same PNGs, removed card gone"

# A push with nothing to do: every shard's patch holds only its manifest, no commit.
rm -rf "$T/artifacts"
for j in $(<"$plan/$sharded/jobs"); do
  if [[ -f $plan/$sharded/$j/matrix/shard ]]; then
    for k in $shards; do run_job "$sharded" "$j" push "$merged" "shard=$k" || { show "$log"; die "(d) idle shard $k failed"; }; done
  else
    run_job "$sharded" "$j" push "$merged" || { show "$log"; die "(d) idle merge failed"; }
  fi
done
[[ $(tip) == "$merged" ]] || die "(d) a push with nothing to render committed"
ok "(d) a sharded run with nothing to render commits nothing"

echo "$checks passed, 0 failed"
