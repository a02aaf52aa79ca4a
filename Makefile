# synthpad — the two commands a newcomer needs:
#   make run    set up (system packages, model) and open the playground on the embedded local engine
#   make test   set up and run the whole test suite
SWIFT ?= swift
BIN := .build/debug/synthpad

.PHONY: all setup deps test-deps model build release run test bench bench-engine bench-stream bench-columns bench-ui bench-tui bench-history bench-kernels bench-serve-memory fuzz sanitize sanitize-ci clean

all: build

setup: deps model build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

model:
	@scripts/fetch-model.sh

# Opt-in: Gemma 3 270M (Gemma Terms of Use), a second model for `synthpad serve --model` and its own tests, which
# `make test` runs only where this has fetched it.
.PHONY: model-gemma
model-gemma:
	@scripts/fetch-gemma.sh

build:
	$(SWIFT) build

run: setup
	$(BIN)

# A missing tmux, model or binary fails the suite. A developer may leave parts out with SYNTHPAD_SKIP_E2E=1 (tmux
# end-to-end tests) or SYNTHPAD_SKIP_MODEL=1 (everything that runs the model); the run then ends by saying so.
TEST_OPT_OUTS := SYNTHPAD_SKIP_E2E SYNTHPAD_SKIP_MODEL

test: test-deps model
	$(SWIFT) build --build-tests
	@status=0; $(SWIFT) test --skip-build --disable-swift-testing || status=$$?; \
	for name in $(TEST_OPT_OUTS); do \
	  eval "value=\$${$$name:-}"; \
	  case "$$value" in ""|0|false|FALSE) ;; *) echo "make test: $$name=$$value was set: those tests were skipped, not run";; esac; \
	done; \
	gemma="$${SYNTHPAD_GEMMA_MODEL:-$${XDG_CACHE_HOME:-$$HOME/.cache}/synthpad/models/gemma-3-270m-q4_k_m.gguf}"; \
	[ -f "$$gemma" ] || echo "make test: the opt-in Gemma tests were skipped, not run (no $$gemma; make model-gemma fetches it)"; \
	exit $$status

# Our engine against llama.cpp (built once by benchmarks/llama-cpp.sh, cached in .build/llama.cpp), same run.
bench-engine: model
	@scripts/install-deps.sh --bench
	$(SWIFT) build -c release --product EngineBench
	.build/release/EngineBench --llama-cpp "$$(benchmarks/llama-cpp.sh)"

# The native quantized kernels, each format's matrix-vector time over Q4_1's (C, built with the toolchain's clang as
# SwiftPM builds CKernels: its target pragmas are clang's).
bench-kernels:
	@mkdir -p .build
	clang -O2 -I Sources/CKernels/include benchmarks/KernelBench/kernel-bench.c Sources/CKernels/CpuFeatures.c \
	  Sources/CKernels/QuantizedMatmulAVX2.c Sources/CKernels/QuantizedMatmulVNNI.c -o .build/kernel-bench
	.build/kernel-bench

bench-stream:
	$(SWIFT) build -c release --product StreamBench
	.build/release/StreamBench

# The benchmarks that run the synthpad binary measure a release build: what a user installs (synthpad and, beside
# it, synthpad-engine, which `synthpad serve` runs as).
release:
	$(SWIFT) build -c release --product synthpad
	$(SWIFT) build -c release --product synthpad-engine

# Peak RSS of `synthpad serve` over the GGUF's size: one completion, then 4 concurrent ones.
bench-serve-memory: release model
	SYNTHPAD=.build/release/synthpad benchmarks/serve-memory.sh

bench-columns: release model
	SYNTHPAD=.build/release/synthpad benchmarks/concurrent-columns.sh

bench-ui:
	$(SWIFT) build -c release --product UIBench
	.build/release/UIBench

bench-history:
	$(SWIFT) build -c release --product HistoryBench
	.build/release/HistoryBench

# Drain vs curl, key latency, idle wake-ups, memory: the real binary in tmux (needs tmux, strace, curl, python3).
bench-tui: release test-deps
	SYNTHPAD=.build/release/synthpad benchmarks/tui.sh

# Benchmarks print figures as ratios against a baseline measured in the same run (see BENCHMARKS.md).
bench: bench-stream bench-engine bench-kernels bench-columns bench-ui bench-tui bench-history bench-serve-memory

# libFuzzer targets (stream decoder, key decoder, GGUF reader, TOML loaders), each for a bounded time.
fuzz:
	fuzz/run.sh

# The test suite under Thread Sanitizer and Address Sanitizer (separate build folders).
sanitize: test-deps model
	scripts/sanitizers.sh

# What CI runs under Thread Sanitizer: the code where threads meet (transport, cancellation, stream bridging, event
# loop, inbox, runtime requests, scripted faults). Suites that run the model are left to `make sanitize`: TSan
# instruments the inference kernels too and makes them ~100x slower, so their deadlines cannot hold there.
TSAN_CI_SUITES := SynthKitTests \
	TerminalBackendTests.EventLoopTests TerminalBackendTests.APIRequestsTests TerminalBackendTests.ModesRuntimeTests \
	TerminalBackendTests.KeyDecoderTests TerminalBackendTests.FrameLogTests \
	FaultInjectionTests.StreamFaultTests FaultInjectionTests.AnswerFaultTests \
	FaultInjectionTests.BugRegressionStreamDecodingTests EngineServerTests.PromptCachePoolTests

sanitize-ci: test-deps
	SANITIZER_SUITES="$(TSAN_CI_SUITES)" scripts/sanitizers.sh thread

clean:
	rm -rf .build
