# Set-up and test commands. `make serve` and `make test` work on a fresh Debian machine:
# each installs what it needs first (a virtualenv, axe-core from npm, Chromium from apt).
VENV ?= .venv
PYTHON := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test benchmark

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium
	@test -x $(CHROMIUM) || { echo "Chromium is not at $(CHROMIUM): the browser tests cannot run." >&2; exit 1; }

setup: $(VENV)/.installed

serve: setup
	$(VENV)/bin/mkdocs serve

build: setup
	$(VENV)/bin/mkdocs build --strict

test: setup node_modules/.installed $(CHROMIUM)
	$(PYTHON) -m pytest -n 2

benchmark: setup node_modules/.installed $(CHROMIUM)
	$(PYTHON) benchmarks/run.py
