# Posvid: the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := libzbar0 chromium softhsm2 poppler-utils fonts-dejavu-core
# The TypeScript interop test's npm packages (tests/interop/node, pinned by its package-lock.json)
NODE_DIR := tests/interop/node
NODE_STAMP := $(NODE_DIR)/node_modules/.posvid-installed

.PHONY: demo test lint typecheck pytest bench mutation fuzz setup clean screenshots

setup: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml scripts/ensure-system-packages.sh
	scripts/ensure-system-packages.sh $(SYSTEM_PACKAGES)
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Posvid needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Only where node and npm are; never fatal: without them, or when npm ci fails (no registry),
# tests/interop/test_node_oid4vci.py skips and says why (on CI with node it fails instead).
# No install scripts run; a failed install leaves no half node_modules behind.
$(NODE_STAMP): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		echo "node/npm not found: the TypeScript interop test will be skipped"; \
	elif npm ci --prefix $(NODE_DIR) --ignore-scripts --no-audit --no-fund --prefer-offline \
			--fetch-retries=1 --fetch-timeout=20000 --loglevel=error; then \
		touch $@; \
	else \
		rm -rf $(NODE_DIR)/node_modules; \
		echo "npm ci failed (registry unreachable?): the TypeScript interop test will be skipped"; \
	fi

demo: $(STAMP)
	$(BIN)/posvid demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict crypto
	$(BIN)/mypy posvid issuer wallet verifier bench

pytest: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# The pictures in docs/img/: the browser tests' own screenshots of the pages they walk
screenshots: $(STAMP)
	POSVID_SCREENSHOTS=docs/img $(BIN)/pytest -q -m browser

bench: $(STAMP)
	$(BIN)/python -m bench

# Not part of `test`: does a test hold every rejection rule of the verification modules?
# One change at a time in a copy of the tree, five to ten minutes on two cores (docs/testing.md).
mutation: $(STAMP)
	$(BIN)/python scripts/mutation.py

# Not part of `test` (which runs each target a few seconds): coverage-guided fuzzing of every
# parser with atheris, FUZZ_SECONDS each; new inputs in .fuzz/<target>, crashes as .fuzz/<target>-crash-*
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= jws sd_jwt disclosure status_list qr_codec trust_bundle wallet_backup
fuzz: $(STAMP)
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p .fuzz/$$target && echo "fuzz: $$target, $(FUZZ_SECONDS) s" && \
		$(BIN)/python -m fuzz.run $$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=.fuzz/$$target- .fuzz/$$target fuzz/corpus/$$target || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .fuzz
