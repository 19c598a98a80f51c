#!/usr/bin/env bash
# Installs the Debian 12 packages Placard needs, and only those that are
# missing. Safe to run again: it does nothing then.
#
#   install-deps.sh            build, test, fuzz and render (a developer, .ci/run)
#   install-deps.sh --runtime  build and run the placard binary only
#                              (cmake -DPLACARD_TESTS=OFF): a CI job that
#                              regenerates cards needs no compiler for
#                              sanitizers, no OCR, browser or npm
#   install-deps.sh --image    --runtime, and the tools that build and run the
#                              container image (make image, make image-test)
#   --list                     print the packages of that mode and exit
#   --image-packages           print the packages inside the container image
#                              (container/build-image.sh): the libraries and
#                              data placard reads at run time, no compiler
set -euo pipefail

runtime=0
image=0
list=0
for arg in "$@"; do
  case "$arg" in
    --runtime) runtime=1 ;;
    --image) runtime=1 image=1 ;;
    --list) list=1 ;;
    --image-packages)
      # One a line. container/check-packages.sh checks that every library the
      # binary links comes from one of these; apt adds their dependencies.
      printf '%s\n' \
        libc6 libgcc-s1 libstdc++6 \
        libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0 libglib2.0-0 \
        libfontconfig1 libfreetype6 libpng16-16 zlib1g librsvg2-2 libxml2 \
        libcmark0.30.2 libyaml-cpp0.7 libyaml-0-2 libxxhash0 libcsv3 libdeflate0 libicu72 \
        libhyphen0 hyphen-en-us hyphen-es hyphen-de hyphen-fr hyphen-pt-pt hyphen-it \
        fonts-noto-cjk fonts-noto-color-emoji \
        libzip4 libmicrohttpd12 \
        libjpeg62-turbo libwebp7 libwebpmux3 libwebpdemux2 libexif12
      exit 0 ;;
    *) echo "install-deps: unknown option '$arg' (try --runtime, --image, --list, --image-packages)" >&2; exit 2 ;;
  esac
done

# What CMakeLists.txt finds with PLACARD_TESTS=OFF, and what placard reads
# while it renders (hyphenation patterns, the CJK and emoji fallback fonts).
packages=(
  g++ cmake make pkg-config
  libcairo2-dev libpango1.0-dev libharfbuzz-dev libfontconfig-dev
  libpng-dev zlib1g-dev librsvg2-dev
  libcmark-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libxxhash-dev libxml2-dev
  libhyphen-dev hyphen-en-us hyphen-es hyphen-de hyphen-fr hyphen-pt-pt hyphen-it
  # Fonts too large to keep in fonts/: CJK and colour emoji, loaded on demand.
  fonts-noto-cjk fonts-noto-color-emoji
  libcsv-dev libdeflate-dev libyaml-dev
  # The supporters' blocklist: UTS #39 confusable skeletons (ICU's uspoof).
  libicu-dev
  # The gallery page: ZIP archives and the HTML template.
  libzip-dev libkainjow-mustache-dev
  # placard serve: HTTP (libmicrohttpd; signed URLs use GLib's HMAC-SHA256).
  libmicrohttpd-dev
  # JPEG and WebP cards and photos: libjpeg-turbo, libwebp (with its mux and
  # demux libraries), and libexif for the photos' orientation.
  libjpeg62-turbo-dev libwebp-dev libexif-dev
)

if ((image)); then
  # The root file system from Debian's archive (mmdebstrap), the image made
  # from it FROM scratch (buildah), and a container to test it (podman).
  packages+=(mmdebstrap buildah podman uidmap crun fuse-overlayfs curl)
fi

if ((!runtime)); then
  packages+=(
    git libgtest-dev
    # The server tests' HTTP client.
    libcurl4-openssl-dev
    # Sanitizer and libFuzzer builds (make test-sanitize, make fuzz).
    clang libclang-rt-14-dev
    # The OCR check of the rendered example cards, and of a supporter's
    # Arabic and Spanish names on their own cards (tests/browser/personal.test.mjs).
    tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara tesseract-ocr-spa
    # Reading back the XMP alt text and checking that no photo's EXIF or GPS
    # reaches a card (tests of issue 14).
    libimage-exiftool-perl
    # The browser tests of the gallery page (driven by playwright-core, below).
    chromium
    # placard serve: the benchmark's load generator, and the tools that check
    # docs/serve.md's samples (nginx -t, YAML).
    wrk nginx-core python3-yaml
    # Brand fonts (issue 22): a static OTF from a Debian font package, and
    # Debian's woff2 tools, which the tests use to make its WOFF2 twin.
    fonts-cantarell woff2
  )
  # Node.js and npm run the browser tests. A machine that already has them
  # (from Debian or elsewhere) keeps its own; otherwise Debian's are installed.
  if ! command -v node >/dev/null; then packages+=(nodejs); fi
  if ! command -v npm >/dev/null; then packages+=(npm); fi
fi

if ((list)); then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

((runtime)) && exit 0

# playwright-core, exactly as package-lock.json pins it, into node_modules/.
# It drives Debian's chromium and downloads no browser of its own. The same
# step brings the fonts the brand-font tests use (the variable WOFF2 files
# of @fontsource-variable/inter and …/noto-sans-arabic, and the WOFF and
# WOFF2 files of @fontsource/cantarell), so no test needs the network. Skipped when node_modules already matches the lock file.
cd "$(dirname "$0")/.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
