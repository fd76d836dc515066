# Samverkan: `make run` serves the app with demo data, `make test` runs the test suite.
# Needs Python 3.11 (python3, or `make PYTHON=python3.11 ...`) on Debian/Ubuntu.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; pip runs again only when the lock file is newer.
STAMP := $(VENV)/.installed-stamp
# The lock: every package, direct and transitive, pinned with its hashes (pip-tools). `make run`,
# `make test`, CI and the Docker image install exactly these; `make upgrade` re-resolves them.
LOCK := requirements.txt
DEV_LOCK := requirements-dev.txt
PIP_TOOLS := pip-tools==7.6.2
TOOLS := var/tools-venv
COMPILE := $(TOOLS)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
  --no-emit-index-url --no-emit-find-links
MANAGE := $(BIN)/python manage.py
HOST := 127.0.0.1
PORT := 8000

.PHONY: help venv run test lint messages bench system-libs clean lock upgrade

help:
	@echo "make run       install, migrate, load demo data, serve http://$(HOST):$(PORT)/"
	@echo "make test      install (with dev tools) and run the test suite"
	@echo "make lint      ruff and mypy"
	@echo "make messages  update and compile the sv/en translations"
	@echo "make bench     run the benchmarks (bench/run.sh)"
	@echo "make lock      re-lock after editing pyproject.toml (keeps other versions)"
	@echo "make upgrade   re-resolve every dependency to its newest allowed version"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null || { \
	  echo "Samverkan runs on Python 3.11 (its locked versions are resolved for it); '$(PYTHON)' is $$($(PYTHON) --version 2>/dev/null || echo 'not installed')." >&2; \
	  echo "Install one (e.g. apt-get install python3.11 python3.11-venv) and run: make PYTHON=python3.11 ..." >&2; \
	  exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian/Ubuntu: apt-get install python3-venv" >&2; \
	  rm -rf $(VENV); exit 1; }

$(STAMP): $(DEV_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(DEV_LOCK)
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
# Extra pytest arguments: make test ARGS="-k invitation -x"; one process: make test JOBS=0
JOBS ?= auto
test: export DJANGO_SETTINGS_MODULE = config.settings.test
test: $(STAMP) system-libs | var
	$(BIN)/python -m pytest -n $(JOBS) $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

# pip-tools lives in its own environment so that it never mixes with the locked packages.
$(TOOLS)/bin/pip-compile: | var
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet $(PIP_TOOLS)

# After editing pyproject.toml: resolve what changed, keep every other pinned version.
lock: $(TOOLS)/bin/pip-compile
	$(COMPILE) -o $(LOCK) pyproject.toml
	$(COMPILE) --extra dev -c $(LOCK) -o $(DEV_LOCK) pyproject.toml
	@echo "Locked. Run make test; commit pyproject.toml, $(LOCK) and $(DEV_LOCK) together."

# Every dependency to its newest version within pyproject.toml's ranges. Then `make test`: the
# URL x role table fails on any URL a new django-allauth adds, on purpose.
upgrade: $(TOOLS)/bin/pip-compile
	$(COMPILE) --upgrade -o $(LOCK) pyproject.toml
	$(COMPILE) --upgrade --extra dev -c $(LOCK) -o $(DEV_LOCK) pyproject.toml
	@echo "Upgraded. Run make test and read the diff of $(LOCK) before you commit."

# Source strings come from the apps and templates only (not the venv, vendored files or tests).
I18N_IGNORE := --ignore='.venv/*' --ignore='static/vendor/*' --ignore='var/*' --ignore='tests/*' --ignore='bench/*'
messages: $(STAMP)
	$(MANAGE) makemessages -l sv -l en $(I18N_IGNORE)
	$(MANAGE) compilemessages $(I18N_IGNORE)

bench: $(STAMP)
	@if [ -x bench/run.sh ]; then bench/run.sh $(ARGS); else echo "bench/run.sh does not exist yet; see bench/README.md"; fi

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache *.egg-info $(STAMP)
