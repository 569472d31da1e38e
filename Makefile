# Everyday tasks. Needs only Python >= 3.11, pip and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint-code bench clean

$(BIN)/cjm: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

## demo: set everything up, then check, lint and render the bundled example workspace
demo: $(BIN)/cjm
	cd examples && ../$(BIN)/cjm validate
	cd examples && ../$(BIN)/cjm lint
	cd examples && ../$(BIN)/cjm render --site ../site
	@echo "Open site/index.html in a browser to see the maps."

## test: set everything up and run the whole test suite, on every core
test: $(BIN)/cjm
	$(BIN)/python -m pytest -n auto

## lint-code: ruff and mypy on the source
lint-code: $(BIN)/cjm
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

## bench: run the benchmark suite
bench: $(BIN)/cjm
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
