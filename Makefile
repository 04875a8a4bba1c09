# make run: the dashboard on the shipped data.  make test: lint, types and every test.  make bench: the benchmarks.
# make vendor: the plotly.js bundle of the static site.  make docs: the README's screenshot, made by the browser tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
CFF_VENV := .venv-cff

.PHONY: run test lint format bench docs clean catalogues messages vendor

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

# The interface's message catalogues, compiled from their .po files (the .mo files are not kept in git).
PO := $(wildcard dashboard/locale/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

$(MO): %.mo: %.po $(VENV)/.run-installed
	$(VENV)/bin/pybabel compile -i $< -o $@

catalogues: $(MO)

# After changing the interface's words: gather them into messages.pot and add the new ones to each .po.
messages: $(VENV)/.run-installed
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o dashboard/locale/messages.pot .
	$(VENV)/bin/pybabel update -i dashboard/locale/messages.pot -d dashboard/locale --no-fuzzy-matching

# The plotly.js bundle the static site draws with, fetched at its pinned version and checked (dashboard/vendor.py).
BUNDLE := dashboard/vendor/plotly-basic.min.js

$(BUNDLE): dashboard/vendor.py | $(VENV)/.run-installed
	$(PY) -m dashboard.vendor

vendor: $(BUNDLE)

run: $(VENV)/.run-installed $(MO)
	@test -f $(BUNDLE) || $(PY) -m dashboard.vendor || echo "could not fetch $(BUNDLE): the charts load Dash's full plotly.js"
	$(PY) -m dashboard

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(VENV)/.dev-installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

$(CFF_VENV)/bin/cffconvert: requirements-cff.txt
	$(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-cff.txt
	touch $@

test: lint $(MO) $(BUNDLE) $(CFF_VENV)/bin/cffconvert
	$(PY) -m pytest

bench: $(VENV)/.dev-installed $(MO) $(BUNDLE)
	$(PY) -m benchmarks

docs: $(VENV)/.dev-installed $(MO)
	DOCS_SCREENSHOT=docs/dashboard.png $(PY) -m pytest -q tests/test_browser.py -k readme_screenshot

clean:
	rm -rf $(VENV) $(CFF_VENV) .pytest_cache .ruff_cache .mypy_cache artifacts dashboard/vendor site
