# Set-up and test commands. `make serve` and `make test` work on a fresh Debian machine:
# each installs what it needs first (a virtualenv; axe-core, pa11y, Lighthouse and the Nu Html
# Checker from npm; Chromium and Java from apt).
VENV ?= .venv
PYTHON := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium
JAVA ?= /usr/bin/java
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test benchmark

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@

# pa11y's Puppeteer would download its own Chromium, and vnu-jar's install script a Java runtime
# when there is none: the tests use the system Chromium, and Java comes from apt first.
node_modules/.installed: package.json package-lock.json | $(JAVA)
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium
	@test -x $(CHROMIUM) || { echo "Chromium is not at $(CHROMIUM): the browser tests cannot run." >&2; exit 1; }

# The Nu Html Checker (vnu.jar, from npm) runs on Java.
$(JAVA):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq default-jre-headless
	@test -x $(JAVA) || { echo "Java is not at $(JAVA): the Nu Html Checker cannot run." >&2; exit 1; }

setup: $(VENV)/.installed

serve: setup
	$(VENV)/bin/mkdocs serve

build: setup
	$(VENV)/bin/mkdocs build --strict

test: setup node_modules/.installed $(CHROMIUM)
	$(PYTHON) -m pytest -n 2

benchmark: setup node_modules/.installed $(CHROMIUM)
	$(PYTHON) benchmarks/run.py
