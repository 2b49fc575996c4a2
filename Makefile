# The two set-up commands of the README: `make demo` and `make test`.
# Each installs what it needs (virtualenv, pip packages, Binaryen from npm).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export WASMBOX_BINARYEN_BIN := $(CURDIR)/node_modules/.bin

.PHONY: demo test lint bench setup clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $@

node_modules/.bin/wasm-opt: package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.bin/wasm-opt
	$(VENV)/bin/wasmbox setup

demo: setup
	$(PY) examples/demo.py

test: setup
	$(VENV)/bin/ruff check src tests bench examples
	$(VENV)/bin/ruff format --check src tests bench examples
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/bench_core.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
