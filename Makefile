# panoptty: the two commands a user needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/release/panoptty

.PHONY: all setup build demo test unit e2e oracle bench clean install fuzz asan ci docs

all: build

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product panoptty

## Opens the editor on the built-in demo street scene.
demo: build
	$(BIN) demo

## Everything CI runs: unit tests, the real binary under tmux, panopticapi as oracle.
test: setup
	$(SWIFT) build --product panoptty
	$(SWIFT) test
	bash Tests/e2e/run.sh .build/debug/panoptty
	bash Tests/oracle/run.sh .build/debug/panoptty

unit: setup
	$(SWIFT) test

e2e:
	$(SWIFT) build --product panoptty
	bash Tests/e2e/run.sh .build/debug/panoptty

oracle:
	$(SWIFT) build --product panoptty
	bash Tests/oracle/run.sh .build/debug/panoptty

## libFuzzer targets, FUZZ_SECONDS each (see docs/reliability.md).
FUZZ_SECONDS ?= 20
fuzz: setup
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

## The unit tests under AddressSanitizer.
asan: setup
	ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no $(SWIFT) test --sanitize=address --scratch-path .build-asan

## What CI runs: the README's test command, then bounded fuzzing and ASan.
ci: test fuzz asan

bench: build
	$(SWIFT) build -c release --product panoptty-bench
	bash bench/run.sh
	bash bench/smart.sh
	bash bench/coco_scale.sh

install: build
	install -m 755 $(BIN) /usr/local/bin/panoptty

clean:
	rm -rf .build

## Regenerates the generated docs and the compiled-in keymaps.
docs:
	python3 scripts/gen-builtin-keymaps.py
	python3 scripts/gen-keymap-doc.py
	UPDATE_GOLDEN=1 $(SWIFT) test --filter DocsTests
