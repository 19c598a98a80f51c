#!/usr/bin/env bash
# Checks that the container image holds every library the placard binary
# links: each NEEDED entry of BINARY, as the loader finds it on this
# (Debian 12) machine, must come from a package that
# `scripts/install-deps.sh --image-packages` names. So a library added to
# CMakeLists.txt without its run-time package fails here, not in a pod.
#
#   container/check-packages.sh BINARY
set -euo pipefail
binary=${1:?usage: check-packages.sh BINARY}
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t wanted < <(bash "$here/../scripts/install-deps.sh" --image-packages)

# The package that owns a file, under either spelling of a merged /usr.
owner() {
  local f=$1 p
  for cand in "$f" "${f#/usr}" "/usr$f"; do
    if p=$(dpkg-query -S "$cand" 2>/dev/null); then
      echo "${p%%:*}" | sed 's/,.*//'
      return
    fi
  done
}

missing=0
# One library: NAME as the binary or the code asks for it, PATH where the
# loader finds it, and the package runtime_libraries.h says provides it (none
# for a linked library). Its package must be one the image installs.
check_library() {
  local name=$1 path=$2 expected=${3:-} pkg
  [[ -n "$path" && -e "$path" ]] || { echo "check-packages: $name: not found by the loader" >&2; missing=1; return; }
  pkg=$(owner "$(readlink -f "$path")")
  [[ -n "$pkg" ]] || pkg=$(owner "$path")
  if [[ -z "$pkg" ]]; then
    echo "check-packages: $name ($path) belongs to no Debian package" >&2
    missing=1
  elif [[ -n "$expected" && "$pkg" != "$expected" ]]; then
    echo "check-packages: $name comes from '$pkg', not '$expected' as runtime_libraries.h says" >&2
    missing=1
  elif ! printf '%s\n' "${wanted[@]}" | grep -qx "$pkg"; then
    echo "check-packages: $name comes from '$pkg', which install-deps.sh --image-packages does not name" >&2
    missing=1
  fi
}

checked=0
while read -r lib; do
  check_library "$lib" "$(ldd "$binary" | awk -v l="$lib" '$1 == l {print $3}')"
  checked=$((checked + 1))
done < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')

# The libraries loaded at run time: each line `... {"SONAME", "PACKAGE"};`.
header="$here/../src/base/runtime_libraries.h"
loaded=0
while read -r soname package; do
  check_library "$soname (loaded at run time)" \
    "$(ldconfig -p | awk -v l="$soname" '$1 == l && !found {print $NF; found = 1}')" "$package"
  loaded=$((loaded + 1))
done < <(sed -n 's/^inline constexpr RuntimeLibrary k[A-Za-z]*{"\([^"]*\)", "\([^"]*\)"};$/\1 \2/p' "$header")
((loaded > 0)) || { echo "check-packages: no library found in $header" >&2; exit 1; }
((checked > 0)) || { echo "check-packages: $binary links no shared library?" >&2; exit 1; }
((missing == 0)) || exit 1
echo "check-packages: the $checked libraries $binary links and the $loaded it loads when needed are in the image's packages"
