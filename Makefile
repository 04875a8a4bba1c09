# make run: the dashboard on the shipped data.  make test: lint, types and every test.  make bench: the benchmarks.
# make docs: the README's screenshot, made by the browser tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint format bench docs clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(PY) -m dashboard

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(VENV)/.dev-installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test: lint
	$(PY) -m pytest

bench: $(VENV)/.dev-installed
	$(PY) -m benchmarks

docs: $(VENV)/.dev-installed
	DOCS_SCREENSHOT=docs/dashboard.png $(PY) -m pytest -q tests/test_browser.py -k readme_screenshot

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache artifacts
