# The two commands a newcomer needs: `make demo` and `make test`. Both install
# what is missing (Debian 12, as root), configure and build first.
BUILD ?= build
JOBS ?= $(shell nproc)
# WERROR=ON (as CI runs) makes every compiler warning an error.
WERROR ?= OFF
# One clang build with AddressSanitizer + UndefinedBehaviorSanitizer serves
# both `make test-sanitize` and `make fuzz` (the library carries libFuzzer's
# coverage hooks, which cost the tests little).
SANITIZE_BUILD ?= build-sanitize
FUZZ_SECONDS ?= 60
FUZZ_SEED ?=
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: all deps build demo test bench install clean build-sanitize test-sanitize fuzz image image-test

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLACARD_WERROR=$(WERROR)
	cmake --build $(BUILD) -j $(JOBS)

EXAMPLE = examples/transforming-the-system

demo: build
	$(BUILD)/placard render $(EXAMPLE)/campaign.md $(EXAMPLE)/campaign.es.md \
	    $(EXAMPLE)/campaign.ar.md -o out --sizes all --gallery
	@echo "demo: open out/index.html in a browser for the download page"

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Stage timings, peak memory, encoder settings and an end-to-end batch.
bench: build
	bash bench/run.sh $(BUILD)

build-sanitize: deps
	CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	    -DPLACARD_SANITIZE=ON -DPLACARD_FUZZ=ON -DPLACARD_WERROR=$(WERROR)
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)

# The whole suite under ASan+UBSan.
test-sanitize: build-sanitize
	$(SANITIZER_ENV) ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

# Every fuzz target for FUZZ_SECONDS each (make fuzz FUZZ_SECONDS=600);
# FUZZ_SEED=N replays libFuzzer's mutations from seed N.
fuzz: build-sanitize
	$(SANITIZER_ENV) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) scripts/fuzz.sh $(SANITIZE_BUILD)

# The container image of `placard serve` (placard:VERSION), from Debian 12
# packages only, FROM scratch: container/build-image.sh. It needs root or
# user namespaces, and Debian's archive; `make test` does not run it.
# PODMAN="podman --runtime runc" where crun cannot run containers.
image: build
	bash scripts/install-deps.sh --image
	bash container/build-image.sh $(BUILD)

# Runs the image on 127.0.0.1 and checks it against the build
# (container/test-image.sh): bytes, user, no shell, SIGTERM, a warm restart.
image-test: image
	bash container/test-image.sh $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) out
