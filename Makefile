# Posvid: the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := libzbar0 chromium

.PHONY: demo test lint typecheck pytest bench mutation setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/ensure-system-packages.sh
	scripts/ensure-system-packages.sh $(SYSTEM_PACKAGES)
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Posvid needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/posvid demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict crypto
	$(BIN)/mypy posvid issuer wallet verifier bench

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Not part of `test`: does a test hold every rejection rule of the verification modules?
# One change at a time in a copy of the tree, five to ten minutes on two cores (docs/testing.md).
mutation: $(STAMP)
	$(BIN)/python scripts/mutation.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
