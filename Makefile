# govkg: the two commands of the README's quick start, and a few helpers.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test clean bench browser-deps

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

## Build the graph from the bundled seed pages into exports/ and print a summary.
demo: install
	$(BIN)/kg build seeds --out exports

## Install the test extras and run the whole test suite.
test: install-test
	$(BIN)/python -m pytest -q

## Debian packages the browser tests need (headless Chromium, its driver, a CJK font); installs only
## what is missing, so it needs root (or sudo) only the first time. .ci/run calls it before `make test`.
BROWSER_PKGS := chromium chromium-driver fonts-noto-cjk
browser-deps:
	@missing=""; \
	for p in $(BROWSER_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "browser-deps: $(BROWSER_PKGS) present"; exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "browser-deps: no apt-get; install$$missing by hand" >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null; then sudo="sudo"; \
	else echo "browser-deps: need root to install$$missing" >&2; exit 1; fi; \
	echo "browser-deps: installing$$missing"; \
	$$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) exports/*.ttl exports/*.trig exports/*.html exports/graph.oxigraph .pytest_cache
