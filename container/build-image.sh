#!/usr/bin/env bash
# The container image of `placard serve`, from Debian 12 packages only:
#
#   1. mmdebstrap extracts the run-time packages that
#      `scripts/install-deps.sh --image-packages` names, with their
#      dependencies, from Debian's archive into a root file system (variant
#      `extract`: no maintainer script runs, and no shell, apt or init comes
#      along);
#   2. placard and its data folder are installed into it from BUILD_DIR
#      (`cmake --install --strip`, prefix /usr), with the example campaign,
#      a user `placard` (10001:10001) and the few caches a maintainer script
#      would have made (the loader's, gdk-pixbuf's loaders). PLACARD_DATA_DIR
#      names the data folder, so that it is found without /proc too (chroot);
#   3. buildah makes the image FROM scratch: no base image is pulled from any
#      registry. Its entry point is `placard serve`, run as 10001.
#
#   container/build-image.sh [BUILD_DIR]     (make image)
#
# BUILD_DIR (default: build) is a built tree of this checkout. IMAGE (default
# placard:VERSION) names the image; OUT (default BUILD_DIR/image) receives
# rootfs.tar and placard-VERSION.oci.tar (an OCI archive to copy or push:
# `podman load`, `podman push`). Needs root, or user namespaces for
# mmdebstrap's unshare mode and rootless buildah.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
binary=$build/placard
[[ -x "$binary" ]] || { echo "build-image: no $binary: build placard first (make build)" >&2; exit 1; }
version=$("$binary" --version | awk '{print $2}')
image=${IMAGE:-placard:$version}
out=${OUT:-$build/image}
mkdir -p "$out"

bash "$root/container/check-packages.sh" "$binary"

# What goes into /usr: the binary, stripped, and its data folder; the example
# campaign (the image's default command serves it) and its brand.
stage=$(mktemp -d "${TMPDIR:-/tmp}/placard-image.XXXXXX")
trap 'rm -rf "$stage"' EXIT
DESTDIR=$stage/root cmake --install "$build" --prefix /usr --strip >/dev/null
examples=$stage/root/usr/share/placard/examples
mkdir -p "$examples/brands"
cp -r "$root/examples/transforming-the-system" "$examples/"
cp -r "$root/examples/brands/transforming" "$examples/brands/"

# Reproducible: the tar's times (and apt's snapshot of the archive, when
# given) follow the commit, not the clock.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
mode=unshare
[[ $(id -u) -eq 0 ]] && mode=root
packages=$(bash "$root/scripts/install-deps.sh" --image-packages | paste -sd, -)
mmdebstrap --variant=extract --mode="$mode" --quiet \
  --include="$packages" \
  --extract-hook="sync-in '$stage/root' /" \
  --extract-hook="bash '$root/container/customize.sh' \"\$1\"" \
  bookworm "$out/rootfs.tar"

ctr=$(buildah from scratch)
trap 'rm -rf "$stage"; buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah add --quiet "$ctr" "$out/rootfs.tar" / >/dev/null
example=/usr/share/placard/examples/transforming-the-system
buildah config \
  --entrypoint '["/usr/bin/placard", "serve"]' \
  --cmd "[\"$example/campaign.md\", \"$example/campaign.es.md\", \"$example/campaign.ar.md\", \"--listen\", \"0.0.0.0:8080\"]" \
  --user 10001:10001 \
  --workingdir /var/lib/placard \
  --env XDG_CACHE_HOME=/var/cache/placard \
  --env PLACARD_DATA_DIR=/usr/share/placard \
  --port 8080/tcp \
  --stop-signal SIGTERM \
  --label org.opencontainers.image.title=placard \
  --label org.opencontainers.image.version="$version" \
  --label org.opencontainers.image.description="placard serve: share cards on request" \
  "$ctr"
buildah commit --quiet --rm --timestamp "$SOURCE_DATE_EPOCH" "$ctr" "$image" >/dev/null
trap 'rm -rf "$stage"' EXIT
rm -f "$out/placard-$version.oci.tar"
buildah push --quiet "$image" "oci-archive:$out/placard-$version.oci.tar:$image" >/dev/null
echo "build-image: $image ($(du -m "$out/rootfs.tar" | cut -f1) MB unpacked, $(du -m "$out/placard-$version.oci.tar" | cut -f1) MB as an OCI archive: $out/placard-$version.oci.tar)"
