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
checked=0
while read -r lib; do
  path=$(ldd "$binary" | awk -v l="$lib" '$1 == l {print $3}')
  [[ -n "$path" && -e "$path" ]] || { echo "check-packages: $lib: not found by the loader" >&2; missing=1; continue; }
  pkg=$(owner "$(readlink -f "$path")")
  [[ -n "$pkg" ]] || pkg=$(owner "$path")
  if [[ -z "$pkg" ]]; then
    echo "check-packages: $lib ($path) belongs to no Debian package" >&2
    missing=1
  elif ! printf '%s\n' "${wanted[@]}" | grep -qx "$pkg"; then
    echo "check-packages: $lib comes from '$pkg', which install-deps.sh --image-packages does not name" >&2
    missing=1
  fi
  checked=$((checked + 1))
done < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
((checked > 0)) || { echo "check-packages: $binary links no shared library?" >&2; exit 1; }
((missing == 0)) || exit 1
echo "check-packages: the $checked libraries $binary links are in the image's packages"
