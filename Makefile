# The two set-up commands of the README: `make demo` and `make test`.
# Each installs what it needs (virtualenv, pip packages, Binaryen and the MicroPython
# WebAssembly build from npm; for the tests also Debian's PostgreSQL, Redis and
# Chromium, which the tests start themselves).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export WASMBOX_BINARYEN_BIN := $(CURDIR)/node_modules/.bin

.PHONY: demo test lint bench setup services clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev,bench,cpython,ray]"
	touch $@

node_modules/.bin/wasm-opt: package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser sandbox: the official MicroPython WebAssembly build from npm and
# wasmbox's page module, worker and guest library, built into the package.
WEB_DIST := src/wasmbox/web/dist/manifest.json
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $@

$(WEB_DIST): web/node_modules/.package-lock.json web/build.mjs $(wildcard web/src/*)
	cd web && npm run --silent build

# The service's tests run both audit backends and the Redis quota backend
# against real servers, started on loopback by tests/services.py; the browser
# tests drive Debian's Chromium (tests/browser.py), never a downloaded one.
services:
	@command -v redis-server >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
	  && command -v chromium >/dev/null \
	  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	       redis-server postgresql chromium >/dev/null; }

setup: $(VENV)/.installed node_modules/.bin/wasm-opt $(WEB_DIST)
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
	$(PY) bench/bench_browser.py
	$(PY) bench/bench_engines.py
	$(PY) bench/bench_grading.py

clean:
	rm -rf $(VENV) node_modules web/node_modules src/wasmbox/web/dist .pytest_cache .mypy_cache .ruff_cache
