# The two commands a newcomer needs: `make demo` and `make test`. Both install
# what is missing (Debian 12, as root), configure and build first.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps build demo test bench install clean

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
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

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) out
