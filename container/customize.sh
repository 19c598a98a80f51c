#!/usr/bin/env bash
# mmdebstrap's extract hook for container/build-image.sh: what the
# maintainer scripts of an `extract` root file system did not do, and what
# an image to serve cards does not need. $1 is the root file system.
set -euo pipefail
rootfs=${1:?}
cd "$rootfs"

# The user the server runs as (the Kubernetes sample's runAsUser), and a
# home for what it may write when the root is writable: fontconfig's cache
# of Placard's fonts (XDG_CACHE_HOME). With a read-only root the server
# loads its fonts without a cache, a little slower to start.
cat > etc/passwd <<'P'
root:x:0:0:root:/root:/usr/sbin/nologin
placard:x:10001:10001:placard serve:/var/lib/placard:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
P
cat > etc/group <<'G'
root:x:0:
placard:x:10001:
nogroup:x:65534:
G
mkdir -p var/lib/placard var/cache/placard tmp
chown 10001:10001 var/lib/placard var/cache/placard
chmod 1777 tmp

# Which packages are here, for image scanners (as distroless images do: one
# control file a package in /var/lib/dpkg/status.d). Extraction wrote no
# dpkg status.
mkdir -p var/lib/dpkg/status.d
for deb in var/cache/apt/archives/*.deb; do
  name=$(dpkg-deb -f "$deb" Package)
  dpkg-deb -f "$deb" > "var/lib/dpkg/status.d/$name"
done

# What maintainer scripts would have made: the loader's cache, gdk-pixbuf's
# list of image loaders (librsvg reads pictures inside SVGs through it).
ldconfig -r "$rootfs"
loaders=usr/lib/x86_64-linux-gnu/gdk-pixbuf-2.0
if [[ -x "$loaders/gdk-pixbuf-query-loaders" ]]; then
  chroot "$rootfs" "/$loaders/gdk-pixbuf-query-loaders" --update-cache
fi

# Not needed to serve cards: documentation (the copyright files stay),
# translations, and the CJK serif faces (fonts/fonts.yaml names only the
# sans ones, and the system's fonts are never read otherwise).
find usr/share/doc -mindepth 1 ! -name copyright ! -type d -delete
find usr/share/doc -mindepth 1 -type d -empty -delete
rm -rf usr/share/man usr/share/info usr/share/locale usr/share/lintian
rm -f usr/share/fonts/opentype/noto/NotoSerifCJK-*.ttc

# No shell is needed to run the server, and none came with the packages;
# keep it so (a dependency that brings one fails the build here).
for sh in bin/sh bin/bash bin/dash usr/bin/sh usr/bin/bash usr/bin/dash; do
  if [[ -e "$sh" ]]; then echo "customize: the image has a shell ($sh)" >&2; exit 1; fi
done
# The binary starts in it, as the user it runs as, with its libraries.
chroot --userspec=10001:10001 "$rootfs" /usr/bin/placard --version >/dev/null
