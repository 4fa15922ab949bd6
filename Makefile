# govkg: the two commands of the README's quick start, and a few helpers.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test clean bench

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

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) exports/*.ttl exports/*.trig exports/*.html .pytest_cache
