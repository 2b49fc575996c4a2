# The two set-up commands of the README: `make demo` and `make test`.
# Each installs what it needs (virtualenv, pip packages, Binaryen from npm; for
# the tests also Debian's PostgreSQL and Redis, which the tests start themselves).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export WASMBOX_BINARYEN_BIN := $(CURDIR)/node_modules/.bin

.PHONY: demo test lint bench setup services clean

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

# The service's tests run both audit backends and the Redis quota backend
# against real servers, started on loopback by tests/services.py.
services:
	@command -v redis-server >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
	  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	       redis-server postgresql >/dev/null; }

setup: $(VENV)/.installed node_modules/.bin/wasm-opt
	$(VENV)/bin/wasmbox setup

demo: setup
	$(PY) examples/demo.py

test: setup services
	$(VENV)/bin/ruff check src tests bench examples
	$(VENV)/bin/ruff format --check src tests bench examples
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/bench_core.py
	$(PY) bench/bench_service.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
