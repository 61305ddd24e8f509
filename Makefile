# panoptty: the two commands a user needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/release/panoptty

.PHONY: all setup build demo test unit e2e oracle bench clean install

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

bench: build
	$(SWIFT) build -c release --product panoptty-bench
	bash bench/run.sh

install: build
	install -m 755 $(BIN) /usr/local/bin/panoptty

clean:
	rm -rf .build
