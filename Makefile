# Samverkan: `make run` serves the app with demo data, `make test` runs the test suite.
# Needs Python 3.11+ (python3, or `make PYTHON=python3.12 ...`) on Debian/Ubuntu.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; pip runs again only when pyproject.toml is newer.
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
HOST := 127.0.0.1
PORT := 8000

.PHONY: help venv run test lint messages bench system-libs clean

help:
	@echo "make run       install, migrate, load demo data, serve http://$(HOST):$(PORT)/"
	@echo "make test      install (with dev tools) and run the test suite"
	@echo "make lint      ruff and mypy"
	@echo "make messages  update and compile the sv/en translations"
	@echo "make bench     run the benchmarks (bench/run.sh)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "Samverkan needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>/dev/null || echo 'not installed')." >&2; \
	  echo "Install one (e.g. apt-get install python3.11 python3.11-venv) and run: make PYTHON=python3.11 ..." >&2; \
	  exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian/Ubuntu: apt-get install python3-venv" >&2; \
	  rm -rf $(VENV); exit 1; }

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

# `make .venv` (or `make venv`): the environment alone, installed and up to date.
venv .venv: $(STAMP)

var:
	@mkdir -p var

system-libs:
	@scripts/check_system_libs.sh

# Local settings, SQLite in var/samverkan.sqlite3 (kept between runs), tasks in-process.
run: export DJANGO_SETTINGS_MODULE = config.settings.local
run: $(STAMP) system-libs | var
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo
	@echo "Samverkan is running at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

# DATABASE_URL, REDIS_URL, REQUIRE_SERVICES and REQUIRE_BROWSER pass through from the environment.
# Extra pytest arguments: make test ARGS="-k invitation -x"
test: export DJANGO_SETTINGS_MODULE = config.settings.test
test: $(STAMP) system-libs | var
	$(BIN)/python -m pytest $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .

# Source strings come from the apps and templates only (not the venv, vendored files or tests).
I18N_IGNORE := --ignore='.venv/*' --ignore='static/vendor/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*'
messages: $(STAMP)
	$(MANAGE) makemessages -l sv -l en $(I18N_IGNORE)
	$(MANAGE) compilemessages $(I18N_IGNORE)

bench: $(STAMP)
	@if [ -x bench/run.sh ]; then bench/run.sh $(ARGS); else echo "bench/run.sh does not exist yet; see bench/README.md"; fi

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache *.egg-info $(STAMP)
