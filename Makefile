# panoptty: the two commands a user needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/release/panoptty

.PHONY: all setup build demo test unit e2e oracle bench clean install install-files completions man fuzz asan ci docs

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

## make install [PREFIX=/usr/local] [DESTDIR=/staging]: the binary, the man page
## and the bash, zsh and fish completions (generated from the binary).
## BIN=path/to/panoptty on the command line installs that binary without building.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
MANPAGE := docs/panoptty.1

ifeq ($(origin BIN),command line)
install: install-files
else
install: build
	$(MAKE) install-files
endif

install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/panoptty
	install -m 644 $(MANPAGE) $(DESTDIR)$(MANDIR)/man1/panoptty.1
	$(BIN) --generate-completion-script bash >$(DESTDIR)$(BASHCOMPDIR)/panoptty
	$(BIN) --generate-completion-script zsh >$(DESTDIR)$(ZSHCOMPDIR)/_panoptty
	$(BIN) --generate-completion-script fish >$(DESTDIR)$(FISHCOMPDIR)/panoptty.fish
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/panoptty $(DESTDIR)$(ZSHCOMPDIR)/_panoptty $(DESTDIR)$(FISHCOMPDIR)/panoptty.fish

## The completion scripts `make install` installs, into .build/completions/ for a look.
completions:
	$(SWIFT) build --product panoptty
	mkdir -p .build/completions
	.build/debug/panoptty --generate-completion-script bash >.build/completions/panoptty.bash
	.build/debug/panoptty --generate-completion-script zsh >.build/completions/_panoptty
	.build/debug/panoptty --generate-completion-script fish >.build/completions/panoptty.fish

## Regenerates docs/panoptty.1 from the command definitions with swift-argument-parser's
## generate-manual plugin (offline: the plugin comes with the checked-out dependency).
man:
	$(SWIFT) package plugin generate-manual --configuration debug --date $$(git log -1 --format=%cs 2>/dev/null || date +%F)
	cp .build/plugins/GenerateManual/outputs/panoptty/panoptty.1 $(MANPAGE)

clean:
	rm -rf .build

## Regenerates the generated docs and the compiled-in keymaps.
docs:
	python3 scripts/gen-builtin-keymaps.py
	python3 scripts/gen-keymap-doc.py
	UPDATE_GOLDEN=1 $(SWIFT) test --filter DocsTests
