# The two commands of README.md, and the pieces they are made of.
#   make run    install what is missing, build, run examples/quickstart.kq
#   make check  install what is missing, build, run every test
SHELL     := /bin/bash
BUILD_DIR ?= build
LIT       ?= /usr/lib/llvm-19/build/utils/lit/lit.py
JOBS      ?= $(shell nproc)

# Debian bookworm packages the build and the tests need (see DEVELOPERS.md).
PACKAGES = llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools clang-19 \
           antlr4 libantlr4-runtime-dev libfmt-dev googletest libgtest-dev \
           libcurl4-openssl-dev libssl-dev cmake ninja-build ccache python3 python3-numpy

# What the benchmarks in bench/ compare against (see bench/README.md).
BENCH_PACKAGES = python3-torch libopenblas-dev libgraphblas-dev

FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 600

.PHONY: all build deps bench-deps install-packages configure run check fuzz format clean

all: build

# Installs only what is missing; a no-op when everything is there.
deps:
	@$(MAKE) --no-print-directory install-packages WANTED="$(PACKAGES)"

bench-deps: deps
	@$(MAKE) --no-print-directory install-packages WANTED="$(BENCH_PACKAGES)"

install-packages:
	@missing=$$(for p in $(WANTED); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/bin/kqc run examples/quickstart.kq

# lit runs every suite (parse, AST, IR, passes, conversion, execution,
# end-to-end, and the GoogleTest units); the last line is the summary.
check: build
	@set -o pipefail; \
	python3 $(LIT) -sv $(BUILD_DIR)/test 2>&1 | tee $(BUILD_DIR)/check.log; status=$$?; \
	count() { grep -oE "^ +$$1: +[0-9]+" $(BUILD_DIR)/check.log | awk '{n += $$NF} END {print n + 0}'; }; \
	passed=$$(( $$(count Passed) + $$(count 'Expectedly Failed') )); \
	failed=$$(( $$(count Failed) + $$(count Unresolved) + $$(count 'Timed Out') + $$(count 'Unexpectedly Passed') )); \
	skipped=$$(count Unsupported); \
	echo "check: $$passed passed, $$failed failed, $$skipped skipped"; \
	exit $$status

# Fuzzes the front end for FUZZ_SECONDS with libFuzzer and AddressSanitizer.
# New inputs go to $(FUZZ_DIR)/corpus; the seeds in test/fuzz/corpus stay small.
fuzz: deps
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
	  -DKQ_ENABLE_FUZZER=ON -DBUILD_TESTING=OFF \
	  -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target kq-parse-fuzzer
	mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/artifacts
	$(FUZZ_DIR)/bin/kq-parse-fuzzer $(FUZZ_DIR)/corpus test/fuzz/corpus \
	  -dict=test/fuzz/kq.dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=4096 -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/artifacts/

# Formats the C++ sources as .clang-format says (clang-format-19).
format:
	@$(MAKE) --no-print-directory install-packages WANTED="clang-format-19"
	git ls-files '*.cpp' '*.h' | grep -v -e '^grammar/' -e '^test/fuzz/' -e '^bench/' | \
	  xargs /usr/lib/llvm-19/bin/clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR)
