#!/usr/bin/env bash
# docs/ci.md's GitHub Actions workflows, run here as a runner would run them.
#
# workflow_steps (yaml-cpp) turns each ```yaml block of the page into plain
# files; this script runs their `run:` steps in order, with bash -e (or,
# for shell: bash, -eo pipefail) as the runner does, in a workspace that
# belongs to another user (as in a container job) and with a fresh HOME.
# A local bare repository stands in for GitHub. The `uses:` steps are
# simulated:
#   actions/checkout          fetch the event's commit (push: branch main
#                             tracking origin/main; pull_request: the merge
#                             commit GitHub makes of the pull request and main,
#                             detached), fetch-depth deep (default 1)
#   actions/upload-artifact   copy the path (a file, or a folder's contents)
#   actions/download-artifact copy matching artifacts, merged or one folder each
#   actions/cache             restore the path when the key was saved; save it
#                             when the job ends well after a miss
#   OWNER/placard@REF         Placard's action.yml (this source tree): its
#                             composite steps, run like a job's, with its inputs
# Each run step gets the runner's GITHUB_OUTPUT (read back as the step's
# outputs) and GITHUB_STEP_SUMMARY (gathered into the job's summary). ${{ }}
# is expanded for the contexts the page and the action use, nothing else.
# The install and build steps cannot run offline. The test checks what they
# name instead: the install-deps.sh mode, the cmake options and the target;
# a build "makes" /tmp/placard-build/placard by linking this build's binary
# into the job's build folder (fresh for each job, like a runner).
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

# ---- the workflows, read -------------------------------------------------

plan=$T/plan
"$WORKFLOW_STEPS" "$src/docs/ci.md" "$plan" || die "docs/ci.md: a workflow block does not parse"
[[ $(<"$plan/blocks") == 4 ]] || die "docs/ci.md has $(<"$plan/blocks") yaml blocks, expected 4"
# The plain one, the sharded one, the pull request's report, the action's.
simple="" sharded="" review="" with_action=""
for ((b = 1; b <= 4; b++)); do
  if compgen -G "$plan/$b/*/matrix/shard" >/dev/null; then sharded=$b
  elif grep -qx '[A-Za-z0-9_-]*/placard@[A-Za-z0-9._/-]*' "$plan"/$b/*/*/uses 2>/dev/null; then with_action=$b
  elif grep -q 'placard diff' "$plan"/$b/*/*/run 2>/dev/null; then review=$b
  else simple=$b; fi
done
[[ -n $simple && -n $sharded && -n $review && -n $with_action ]] ||
  die "expected a plain workflow, a sharded one, one with placard diff and one with the action"
ok "the 4 workflow blocks parse as YAML workflows (lines $(<"$plan/$simple/line"), $(<"$plan/$sharded/line"), $(<"$plan/$review/line"), $(<"$plan/$with_action/line"))"

# The action, as a runner downloads it for uses: OWNER/placard@REF: the
# repository's files at that ref (here this tree's, tracked or new).
action_dir=$T/actions/placard
mkdir -p "$action_dir"
(cd "$src" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$action_dir" 2>/dev/null) ||
  die "cannot copy the source tree for the action"
[[ -f $action_dir/action.yml ]] || die "no action.yml at the repository's root"
action=$T/action-plan
"$WORKFLOW_STEPS" --action "$action_dir/action.yml" "$action" || die "action.yml is not a composite action"
for input in content output sizes check diff-base; do
  [[ -f $action/inputs/$input/description ]] || die "action.yml has no input '$input'"
done
ok "action.yml parses as a composite action with inputs $(ls "$action/inputs" | tr '\n' ' ')"

# ---- expressions and conditions ------------------------------------------

declare -A matrix=() inputs=() outputs=()
declare -A step_env=()
event="" pr_base="" in_action=false

# The value of one context expression, into $value: matrix, env, inputs
# (inside the action), steps.ID.outputs.NAME, github.event_name and the
# pull request's base SHA. Not runner.temp or github.action_path: in a
# container job they name the host's folders. (No $(...) around this or
# die: a subshell's exit would not end the test.)
context_value() {
  case $1 in
    matrix.*) [[ -v matrix[${1#matrix.}] ]] || die "no matrix value for '$1'"
              value=${matrix[${1#matrix.}]} ;;
    env.*) [[ -n ${step_env[${1#env.}]+set} ]] || die "no env value for '$1'"
           value=${step_env[${1#env.}]} ;;
    inputs.*) $in_action || die "'$1' outside an action"
              [[ -n ${inputs[${1#inputs.}]+set} ]] || die "the action has no input '${1#inputs.}'"
              value=${inputs[${1#inputs.}]} ;;
    steps.*.outputs.*) local id=${1#steps.}; id=${id%%.*}
              [[ -n ${outputs[$id.]+set} ]] || die "no step '$id' before '$1'"
              value=${outputs[$id.${1#steps.*.outputs.}]-} ;;
    github.event_name) value=$event ;;
    github.event.pull_request.base.sha) value=$pr_base ;;  # empty on a push, as on GitHub
    *) die "unsupported expression '\${{ $1 }}'" ;;
  esac
}

# ${{ CONTEXT }} in a value, into $expanded; any other ${{ }} is refused.
expand() {
  local s=$1 out="" whole
  while [[ $s =~ \$\{\{[[:space:]]*([^}[:space:]]*)[[:space:]]*\}\} ]]; do
    whole=${BASH_REMATCH[0]}
    context_value "${BASH_REMATCH[1]}"
    out+=${s%%"$whole"*}$value
    s=${s#*"$whole"}
  done
  [[ $s != *'${{'* ]] || die "unsupported expression in '$1'"
  expanded=$out$s
}

# An if: of the form CONTEXT == 'VALUE' or CONTEXT != 'VALUE', bare or in ${{ }}.
condition_holds() {
  local re="^(\\$\\{\\{)?[[:space:]]*([A-Za-z0-9_.-]+)[[:space:]]*(==|!=)[[:space:]]*'([^']*)'[[:space:]]*(\\}\\})?$"
  [[ $1 =~ $re ]] || die "unsupported condition '$1'"
  local op=${BASH_REMATCH[3]} want=${BASH_REMATCH[4]}
  context_value "${BASH_REMATCH[2]}"
  if [[ $op == "==" ]]; then [[ $value == "$want" ]]; else [[ $value != "$want" ]]; fi
}

# ---- the uses: steps -------------------------------------------------------

with() { expand "$(<"$1/with/$2")"; }  # STEP_DIR KEY, into $expanded
with_or() {  # STEP_DIR KEY DEFAULT, into $expanded
  if [[ -f $1/with/$2 ]]; then with "$1" "$2"; else expanded=$3; fi
}

# A step's absolute path as this machine has it: the job's build folder
# stands in for /tmp/placard-build.
local_path() {
  mapped=${1//\/tmp\/placard-build/$build}
  [[ $mapped == /* ]] || mapped=$ws/$mapped
}

# For a pull request, GitHub checks out refs/pull/N/merge: a merge commit of
# the pull request's head into its base branch, whose first parent is the
# base's tip (github.event.pull_request.base.sha). Made here as GitHub does.
pr_merge() {  # HEAD_SHA, into $merge (and $pr_base)
  local m=$T/merger
  rm -rf "$m"
  git clone -q "$T/remote.git" "$m" 2>/dev/null || die "pr_merge: cannot clone"
  pr_base=$(git -C "$m" rev-parse origin/main)
  git -C "$m" checkout -q --detach "$pr_base"
  git -C "$m" merge -q --no-ff --no-edit "$1" >/dev/null || die "pr_merge: $1 does not merge into main"
  git -C "$m" push -q -f origin HEAD:refs/pull/1/merge || die "pr_merge: cannot push the merge ref"
  merge=$(git -C "$m" rev-parse HEAD)
}

# The workspace belongs to the runner's user, not to root in the container:
# git then refuses it until the steps add it to safe.directory.
checkout() {  # STEP_DIR SHA
  local depth
  with_or "$1" fetch-depth 1; depth=$expanded
  mkdir -p "$ws"
  if [[ $(id -u) == 0 ]]; then chown 1001:1001 "$ws"; fi
  local g=(git -c "safe.directory=$ws" -C "$ws") ref=refs/remotes/pull/1/merge sha=$2 deep=()
  [[ $event == push ]] && ref=refs/remotes/origin/main
  [[ $event == pull_request ]] && sha=$merge
  [[ $depth == 0 ]] || deep=(--depth="$depth")
  "${g[@]}" init -q && "${g[@]}" remote add origin "file://$T/remote.git" &&
    "${g[@]}" fetch -q "${deep[@]}" origin "+$sha:$ref" || die "checkout: cannot fetch $sha"
  if [[ $event == push ]]; then
    "${g[@]}" checkout -q -B main "$ref" || die "checkout: cannot check out main"
  else
    "${g[@]}" checkout -q --detach "$ref" || die "checkout: cannot check out $sha"
  fi
}

# upload-artifact@v4: a file goes in as itself, a folder as its contents;
# hidden files are left out; a name is used once per run.
upload() {  # STEP_DIR
  local name path
  with "$1" name; name=$expanded
  with "$1" path; local_path "$expanded"; path=$mapped
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
  with "$1" path; local_path "$expanded"; path=$mapped
  if [[ -f $1/with/merge-multiple ]]; then with "$1" merge-multiple; merge=$expanded; fi
  for a in $(ls -r "$T/artifacts"); do
    [[ $a == $pattern ]] || continue
    local to=$path
    [[ $merge == true ]] || to=$path/$a
    mkdir -p "$to"
    cp -a "$T/artifacts/$a/." "$to/" || die "download-artifact: cannot copy $a"
  done
}

# cache@v4: an exact key restores the path (output cache-hit 'true');
# after a miss, the path is saved when the job ends well (its post step).
# The store outlives jobs, as GitHub's cache does.
declare -a cache_saves=()
cache() {  # STEP_DIR ID
  local key path
  with "$1" key; key=$expanded
  with "$1" path; local_path "$expanded"; path=$mapped
  [[ -n $key ]] || die "actions/cache: the key is empty"
  [[ $key != */* ]] || die "actions/cache: key '$key' has a slash"
  if [[ -e $T/cache/$key/item ]]; then
    mkdir -p "$(dirname "$path")"
    cp -a "$T/cache/$key/item" "$path"
    [[ -z $2 ]] || outputs[$2.cache-hit]=true
    echo "cache: restored $key" >>"$log"
  else
    cache_saves+=("$key=$path")
    echo "cache: no entry for $key" >>"$log"
  fi
}
save_caches() {
  local kv key path
  for kv in "${cache_saves[@]}"; do
    key=${kv%%=*} path=${kv#*=}
    [[ -e $path ]] || { echo "cache: nothing at $path to save" >>"$log"; continue; }
    mkdir -p "$T/cache/$key" && cp -a "$path" "$T/cache/$key/item"
  done
}

# ---- the steps that cannot run here --------------------------------------

# The install step, read instead of run: its mode must leave out the test
# and browser packages.
check_install_step() {  # SCRIPT
  local script=$1 line
  line=$(grep -o 'install-deps.sh.*' <<<"$script")
  line=${line//\"/}
  local args=(${line#install-deps.sh})
  local pkgs
  pkgs=$(bash "$src/scripts/install-deps.sh" "${args[@]}" --list) || die "install-deps.sh ${args[*]} is refused"
  for heavy in libgtest-dev clang tesseract-ocr chromium nodejs npm; do
    ! grep -qx "$heavy" <<<"$pkgs" || die "install-deps.sh ${args[*]} installs $heavy"
  done
}

# The build step, read instead of run: cmake must know every option and
# target. What it makes, this build's binary, is linked into the job's
# build folder (and counted).
check_build_step() {  # SCRIPT SOURCE_DIR (as the script names it)
  local script=$1 word
  grep -qF -- "cmake -S $2 -B /tmp/placard-build" <<<"$script" || die "build step does not build $2 into /tmp/placard-build"
  for word in $(grep -o -- '-D[A-Za-z_]*=' <<<"$script" | sort -u); do
    word=${word#-D}; word=${word%=}
    [[ $word == CMAKE_* ]] || grep -q "option($word " "$src/CMakeLists.txt" || die "CMakeLists.txt has no option $word"
  done
  for word in $(grep -o -- '--target [A-Za-z_]*' <<<"$script" | cut -d' ' -f2); do
    grep -q "add_executable($word " "$src/CMakeLists.txt" || die "CMakeLists.txt has no target $word"
  done
  mkdir -p "$build" && ln -sfn "$PLACARD_BINARY" "$build/placard"
  echo "[build] placard built" >>"$log"
}

# ---- a job ----------------------------------------------------------------

# Loads env files (workflow, job, step) over step_env.
load_env() {
  local f
  [[ -d $1/env ]] || return 0
  for f in "$1"/env/*; do expand "$(<"$f")"; step_env[$(basename "$f")]=$expanded; done
}

# One run step, as the runner runs it: with bash -e, or with shell: bash
# as bash --noprofile --norc -eo pipefail; in the workspace, with the job's
# environment; its outputs and summary are read back. Returns the script's
# exit code.
run_script() {  # LABEL SCRIPT ID SHELL [VAR=VALUE]...
  local label=$1 script=$2 id=$3 k rc=0 line shell=(bash -e)
  [[ $4 != bash ]] || shell=(bash --noprofile --norc -eo pipefail)
  shift 4
  printf '%s\n' "${script//\/tmp\/placard-build/$build}" >"$T/runner/step.sh"
  echo "[$label] $(head -1 <<<"$script")" >>"$log"
  : >"$T/runner/output" ; : >"$T/runner/step-summary"
  local envs=()
  for k in "${!step_env[@]}"; do envs+=("$k=${step_env[$k]}"); done
  (cd "$ws" && env -i PATH="$PATH" HOME="$T/runner/home" GIT_CONFIG_NOSYSTEM=1 CI=true \
     GITHUB_ACTIONS=true GITHUB_WORKSPACE="$ws" GITHUB_EVENT_NAME="$event" GITHUB_SHA="$sha" \
     GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=example/campaign GITHUB_RUN_ID="$run_id" \
     GITHUB_OUTPUT="$T/runner/output" GITHUB_STEP_SUMMARY="$T/runner/step-summary" \
     RUNNER_TEMP="$T/runner/temp" "$@" "${envs[@]}" "${shell[@]}" "$T/runner/step.sh") >>"$log" 2>&1 || rc=$?
  cat "$T/runner/step-summary" >>"$summary"
  while IFS= read -r line; do
    [[ $line == *=* && $line != *'<<'* ]] || die "[$label] GITHUB_OUTPUT line '$line' is not NAME=VALUE"
    [[ -z $id ]] || outputs[$id.${line%%=*}]=${line#*=}
  done <"$T/runner/output"
  return "$rc"
}

# A step of a job or of the action: its env, condition, and what it does.
# Returns the exit code of a run step that failed, else 0.
run_step() {  # LABEL STEP_DIR ENV_DIR...
  local label=$1 sd=$2 script id="" rc=0 d
  shift 2
  step_env=()
  for d; do load_env "$d"; done
  load_env "$sd"
  if [[ -f $sd/id ]]; then id=$(<"$sd/id"); outputs[$id.]=""; fi
  if [[ -f $sd/if ]] && ! condition_holds "$(<"$sd/if")"; then
    echo "[$label] skipped" >>"$log"; return 0
  fi
  if [[ -f $sd/uses ]]; then
    case $(<"$sd/uses") in
      actions/checkout@v4) checkout "$sd" "$sha" ;;
      actions/upload-artifact@v4) upload "$sd" ;;
      actions/download-artifact@v4) download "$sd" ;;
      actions/cache@v4) cache "$sd" "$id" ;;
      */placard@*) $in_action && die "the action uses itself"
                   run_action "$label" "$sd" || return $? ;;
      *) die "no stand-in for uses: $(<"$sd/uses")" ;;
    esac
    return 0
  fi
  if $in_action; then
    [[ -f $sd/shell && $(<"$sd/shell") == bash ]] || die "[$label] an action's run step without shell: bash"
  fi
  expand "$(<"$sd/run")"; script=$expanded
  # Placard's source: placard/ in the repository, or the action's own folder.
  local source_dir=placard install='bash placard/scripts/install-deps.sh'
  if $in_action; then
    source_dir='"$GITHUB_ACTION_PATH"' install='bash "$GITHUB_ACTION_PATH/scripts/install-deps.sh"'
  fi
  if grep -q 'apt-get' <<<"$script"; then return 0; fi
  local installs=false
  if grep -qF "$install" <<<"$script"; then check_install_step "$script"; installs=true; fi
  if grep -q 'cmake ' <<<"$script"; then check_build_step "$script" "$source_dir"; return 0; fi
  if $installs; then return 0; fi
  local extra=()
  $in_action && extra=(GITHUB_ACTION_PATH="$action_dir")
  local shell=""
  [[ ! -f $sd/shell ]] || shell=$(<"$sd/shell")
  [[ -z $shell || $shell == bash ]] || die "[$label] no stand-in for shell: $shell"
  run_script "$label" "$script" "$id" "$shell" "${extra[@]}" || rc=$?
  if ((rc != 0)); then echo "[$label] exit $rc" >>"$log"; fi
  return "$rc"
}

# uses: OWNER/placard@REF: the inputs from with: (expanded by the caller)
# over action.yml's defaults, then its steps, with the caller's env.
run_action() {  # LABEL STEP_DIR
  local label=$1 sd=$2 f name s rc=0
  inputs=()
  if [[ -d $sd/with ]]; then
    for f in "$sd"/with/*; do
      name=$(basename "$f")
      [[ -d $action/inputs/$name ]] || die "[$label] the action has no input '$name'"
      expand "$(<"$f")"; inputs[$name]=$expanded
    done
  fi
  for f in "$action"/inputs/*; do
    name=$(basename "$f")
    [[ -n ${inputs[$name]+set} ]] && continue
    if [[ -f $f/required && $(<"$f/required") == true ]]; then die "[$label] the action needs input '$name'"; fi
    inputs[$name]=$(cat "$f/default" 2>/dev/null || true)
  done
  in_action=true
  for ((s = 1; s <= $(<"$action/steps"); s++)); do
    run_step "$label.$s" "$action/$s" "$plan/$block" "$jd" || { rc=$?; break; }
  done
  in_action=false
  return "$rc"
}

# run_job BLOCK JOB EVENT SHA [KEY=VALUE of the matrix]...: runs the job in
# a fresh workspace; its output goes to $log, its summary to $summary, and
# the workspace stays in $ws. For a pull request, SHA is its head.
# Returns the exit code of the step that failed, else 0.
run_id=0
run_job() {
  local block=$1 job=$2 jd=$plan/$1/$2 s rc=0
  sha=$4 event=$3
  shift 4
  matrix=() outputs=() cache_saves=()
  for kv; do matrix[${kv%%=*}]=${kv#*=}; done
  ws=$T/runner/workspace log=$T/runner/log summary=$T/runner/summary build=$T/runner/placard-build
  rm -rf "$T/runner"
  mkdir -p "$T/runner/home" "$T/runner/temp"
  : >"$log"; : >"$summary"
  run_id=$((run_id + 1)) pr_base=""
  [[ $event != pull_request ]] || pr_merge "$sha"
  if [[ -f $jd/if ]] && ! condition_holds "$(<"$jd/if")"; then return 0; fi
  for ((s = 1; s <= $(<"$jd/steps"); s++)); do
    run_step "$job $s" "$jd/$s" "$plan/$block" "$jd" || { rc=$?; break; }
  done
  ((rc != 0)) || save_caches
  return "$rc"
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

# ---- (e) the pull request's report -----------------------------------------

review_job=$(head -1 "$plan/$review/jobs")
review_steps=$(<"$plan/$review/$review_job/steps")
# The report a run uploaded: index.html and every image it shows.
check_report() {  # SCENARIO
  local r=$T/artifacts/placard-report img
  [[ -f $r/index.html ]] || die "$1 the artifact placard-report has no index.html"
  for img in $(grep -o 'src="img/[^"]*"' "$r/index.html" | cut -d'"' -f2); do
    [[ -f $r/$img ]] || die "$1 the report's $img is not in the artifact"
  done
}
# The job summary names exactly one card, CARD, and the word WORD.
check_summary() {  # SCENARIO CARD WORD
  grep -qF "| \`$2\` |" "$summary" || { show "$summary"; die "$1 the job summary does not name card '$2'"; }
  grep -qF "$3" "$summary" || { show "$summary"; die "$1 the job summary does not show the word '$3'"; }
  [[ $(grep -c '^| `' "$summary") == 1 ]] || { show "$summary"; die "$1 the job summary names more than card '$2'"; }
}

git -C "$dev" checkout -q main
git -C "$dev" pull -q --ff-only origin main
main_before=$(tip)
git -C "$dev" checkout -q -b one-word
sed -i 's/when the air goes stale/when the air turns stale/' "$dev/campaign/campaign.md"
pr=$(on_branch one-word "One word")
rm -rf "$T/artifacts"
rc=0; run_job "$review" "$review_job" pull_request "$pr" || rc=$?
[[ $rc == 1 ]] || { show "$log"; die "(e) a pull request with stale cards: the job exited $rc, expected 1"; }
[[ $(grep -c '\] exit ' "$log") == 1 ]] && grep -q "^\[$review_job $review_steps\] exit 1" "$log" ||
  { show "$log"; die "(e) a step other than the last (--check) failed"; }
grep -q "placard: stale: cards/windows/og.png" "$log" || { show "$log"; die "(e) the check does not name the stale card"; }
check_summary "(e)" windows turns
check_report "(e)"
grep -qE "^placard: [0-9]+ cards: 0 images rendered, [0-9]+ up to date[^(]* in cards \(" "$log" ||
  { show "$log"; die "(e) the base's cards were rendered again"; }
grep -qE "^placard: [0-9]+ cards: 1 image rendered, [0-9]+ up to date[^(]* in [^ ]*/new \(" "$log" ||
  { show "$log"; die "(e) the pull request's side did not render exactly the changed card"; }
[[ -z $(git -c safe.directory="$ws" -C "$ws" status --porcelain -- cards) ]] || die "(e) the job wrote into the committed cards"
[[ $(tip) == "$main_before" ]] || die "(e) the report job pushed"
ok "(e) report, stale cards: summary names 'windows' and 'turns', report uploaded, base renders nothing, only --check fails"

# The author commits the new cards: the same report, a passing job, nothing rendered.
(cd "$dev" && "$PLACARD_BINARY" render $content -o cards 2>/dev/null)
pr=$(on_branch one-word "Its cards")
rm -rf "$T/artifacts"
run_job "$review" "$review_job" pull_request "$pr" || { show "$log"; die "(e) a pull request with fresh cards fails"; }
check_summary "(e)" windows turns
check_report "(e)"
[[ $(grep -cE "^placard: [0-9]+ cards: 0 images rendered" "$log") == 2 ]] ||
  { show "$log"; die "(e) a side rendered something although both were up to date"; }
ok "(e) report, fresh cards: the same summary and report, the job passes, neither side renders"

# ---- (f) the workflow with the action ----------------------------------------

action_job=$(head -1 "$plan/$with_action/jobs")
builds() { grep -c '^\[build\] placard built' "$log" || true; }
rm -rf "$T/cache"
git -C "$dev" checkout -q main
git -C "$dev" checkout -q -b one-more-word
sed -i 's/before the frost/before the snow/' "$dev/campaign/campaign.md"
pr=$(on_branch one-more-word "Snow")
rm -rf "$T/artifacts"
rc=0; run_job "$with_action" "$action_job" pull_request "$pr" || rc=$?
[[ $rc == 1 ]] || { show "$log"; die "(f) the action on a pull request with stale cards exited $rc, expected 1"; }
grep -q "placard: stale: cards/filters/og.png" "$log" || { show "$log"; die "(f) the action's check does not name the stale card"; }
check_summary "(f)" filters snow
check_report "(f)"
[[ $(builds) == 1 ]] || { show "$log"; die "(f) the first run did not build Placard once"; }
[[ ! -e $T/cache ]] || die "(f) a failed job saved its build in the cache"
[[ -z $(git -c safe.directory="$ws" -C "$ws" status --porcelain) ]] || die "(f) check: true wrote into the workspace"
ok "(f) action, pull request with stale cards: fails on the check, summary names 'filters' and 'snow', report uploaded, workspace untouched"

(cd "$dev" && "$PLACARD_BINARY" render $content -o cards 2>/dev/null)
pr=$(on_branch one-more-word "Its cards")
rm -rf "$T/artifacts"
run_job "$with_action" "$action_job" pull_request "$pr" || { show "$log"; die "(f) the action fails a pull request with fresh cards"; }
check_summary "(f)" filters snow
[[ $(builds) == 1 && $(ls "$T/cache" | wc -l) == 1 ]] || { show "$log"; die "(f) the build was not made and cached"; }
ok "(f) action, pull request with fresh cards: passes with the same summary; its build is cached"

# A push of text without cards: the action renders, the workflow commits, the cached build is used.
git -C "$dev" checkout -q main
sed -i 's/publish the numbers/publish the readings/' "$dev/campaign/campaign.md"
pushed=$(on_branch main "Readings")
rm -rf "$T/artifacts"
run_job "$with_action" "$action_job" push "$pushed" || { show "$log"; die "(f) the action's push job failed"; }
regen=$(tip)
[[ $regen != "$pushed" ]] || die "(f) the push job committed nothing"
changed=$(git -C "$T/remote.git" diff --name-only "$pushed" "$regen" | tr '\n' ' ')
[[ $changed == "cards/manifest.json cards/measure/og.png " ]] || die "(f) the push job's commit changed: $changed"
check_summary "(f)" measure readings
[[ $(builds) == 0 ]] && grep -q '^cache: restored ' "$log" || { show "$log"; die "(f) the push job did not use the cached build"; }
rm -rf "$T/artifacts"
run_job "$with_action" "$action_job" pull_request "$regen" || { show "$log"; die "(f) the regenerated main fails the action's check"; }
ok "(f) action, push: renders and commits the one stale card, with the cached build; main then passes the check"

# A change to Placard's sources is a new build.
echo "// a change" >>"$action_dir/src/main.cc"
rm -rf "$T/artifacts"
run_job "$with_action" "$action_job" push "$regen" || { show "$log"; die "(f) the push job failed after a source change"; }
[[ $(builds) == 1 && $(ls "$T/cache" | wc -l) == 2 ]] || { show "$log"; die "(f) a changed source did not make a new build"; }
[[ $(tip) == "$regen" ]] || die "(f) a push with nothing to render committed"
ok "(f) action: a changed source file misses the cache and builds again"

# ---- (g) the action's output and sizes inputs ----------------------------------

# A workflow of the test's own: another folder, two sizes, nothing committed yet.
cat >"$T/own.md" <<'EOF'
```yaml
name: sizes
on:
  push:
jobs:
  cards:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: OWNER/placard@main
        with:
          content: campaign/campaign.md
          output: social
          sizes: og,square
```
EOF
doc_plan=$plan plan=$T/own-plan
"$WORKFLOW_STEPS" "$T/own.md" "$plan" || die "(g) the test's own workflow does not parse"
rm -rf "$T/artifacts"
run_job 1 cards push "$(tip)" || { plan=$doc_plan; show "$log"; die "(g) the action with output and sizes failed"; }
plan=$doc_plan
[[ -f $ws/social/manifest.json && -f $ws/social/filters/og.png && -f $ws/social/filters/square.png &&
   ! -e $ws/social/filters/story.png ]] || die "(g) the action did not render og and square into 'social'"
grep -q "no earlier cards to compare with" "$summary" || { show "$summary"; die "(g) the summary does not say there was nothing to compare with"; }
ok "(g) action: output 'social' and sizes og,square render those sizes there; a first run says it had nothing to compare"

echo "$checks passed, 0 failed"
