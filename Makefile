# Thin wrapper around CMake (as neovim's): `make`, `make demo`, `make test`.
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
TSAN_DIR ?= build-tsan
CMAKE ?= cmake
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps deps-test configure demo test test-unit test-asan test-tsan bench install clean

all: $(BUILD_DIR)/cabtally

$(BUILD_DIR)/CMakeCache.txt:
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/CMakeCache.txt

$(BUILD_DIR)/cabtally: FORCE $(BUILD_DIR)/CMakeCache.txt
	$(CMAKE) --build $(BUILD_DIR) -j $(JOBS)

deps:
	scripts/install-deps

deps-test:
	scripts/install-deps --test

demo: deps
	$(MAKE) all
	scripts/demo $(BUILD_DIR)/cabtally

test: deps-test
	$(MAKE) test-unit
	$(MAKE) test-asan
	$(MAKE) test-tsan

test-unit: all
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan:
	$(CMAKE) -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DCABTALLY_WERROR=ON \
		-DCABTALLY_SANITIZE=address,undefined $(CMAKE_FLAGS)
	$(CMAKE) --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS)

# The decoding threads under ThreadSanitizer: the program alone, and the
# test that runs it with several --jobs (tests/tsan.supp says why GLib's and
# GMime's own synchronisation is not reported; G_SLICE: GLib 2.74's slice
# allocator hides allocations from TSan).
test-tsan:
	$(CMAKE) -S . -B $(TSAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCABTALLY_WERROR=ON \
		-DCABTALLY_TESTS=OFF -DCABTALLY_SANITIZE=thread $(CMAKE_FLAGS)
	$(CMAKE) --build $(TSAN_DIR) -j $(JOBS) --target cabtally
	G_SLICE=always-malloc TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/tests/tsan.supp" \
		CABTALLY_BIN=$(CURDIR)/$(TSAN_DIR)/cabtally CABTALLY_FIXTURES=$(CURDIR)/fixtures \
		bash tests/cli/tthreads.sh

bench: all
	scripts/bench $(BUILD_DIR)/cabtally

install: all
	$(CMAKE) --install $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR)

FORCE:

# libFuzzer (clang): build fuzzers/fuzz_*.c with ASan+UBSan and run each
# target for FUZZ_SECONDS, starting from fuzzers/corpus/<t>/ (new inputs go
# to $(FUZZ_DIR)/corpus/<t>, crashes to $(FUZZ_DIR)/artifacts/). A crash
# stops the run; commit the input to fuzzers/corpus/<t>/ as a regression.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(patsubst fuzzers/fuzz_%.c,%,$(wildcard fuzzers/fuzz_*.c))
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048 -max_len=65536
.PHONY: fuzz
fuzz:
	CC=clang $(CMAKE) -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCABTALLY_FUZZ=ON -DCABTALLY_TESTS=OFF \
		-DCABTALLY_SANITIZE=address,undefined $(CMAKE_FLAGS)
	$(CMAKE) --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/artifacts; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_DIR)/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=$(FUZZ_DIR)/artifacts/$$t- \
			$(FUZZ_DIR)/corpus/$$t fuzzers/corpus/$$t || exit 1; \
	done
