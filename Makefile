# synthpad — the two commands a newcomer needs:
#   make run    set up (system packages, model) and open the playground on the embedded local engine
#   make test   set up and run the whole test suite
SWIFT ?= swift
BIN := .build/debug/synthpad

.PHONY: all setup deps test-deps model build run test bench bench-engine clean

all: build

setup: deps model build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

model:
	@scripts/fetch-model.sh

build:
	$(SWIFT) build

run: setup
	$(BIN)

test: test-deps model
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench-engine: model
	$(SWIFT) build -c release --product EngineBench
	.build/release/EngineBench

bench: bench-engine

clean:
	rm -rf .build
