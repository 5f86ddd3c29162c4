# Two commands: `make run` serves the site with demo content, `make test` runs every test.
# The first of Python 3.11, 3.12 and 3.13 found on the PATH (or PYTHON=... to choose).
PYTHON ?= $(firstword $(foreach version,3.11 3.12 3.13,$(shell command -v python$(version) 2>/dev/null)))
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: run test test-instances load lint format bench migrations messages install clean chromium screenshots

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11, 3.12 or 3.13 is needed (or set PYTHON=/path/to/python3)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	# The email worker runs next to the server (emails print in this terminal) and stops with it.
	BASE_URL="$${BASE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) db_worker --backend emails --no-reload & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	BASE_URL="$${BASE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) runserver 127.0.0.1:$(PORT)

# The suite in two parts: everything but the browser tests on every core (pytest-xdist), then
# the browser tests in one process (once Playwright's event loop runs, its process may not run
# ordinary tests). PYTEST_ARGS go to both; TEST_WORKERS=1 runs the first part in one process.
TEST_WORKERS ?= 2

test: install chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run --settings=canteen_site.settings.test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --ignore=tests/ui --ignore=tests/multi_instance $(PYTEST_ARGS)
	$(BIN)/python -m pytest tests/ui $(PYTEST_ARGS)

# Two instances of the site (gunicorn) sharing the local PostgreSQL and Redis servers (started
# when they are not running) and moto's S3 emulator: what one does, the other sees at once.
test-instances: install
	$(BIN)/python -m pytest -p no:xdist tests/multi_instance $(PYTEST_ARGS)

# 16 clients for 60 s (locust) over the pages of a learner, a team member and head office,
# spread over two instances as above; fails when any answer is a 5xx.
load: install
	$(BIN)/python -m bench.load $(LOAD_ARGS)

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations: install
	$(MANAGE) makemigrations

# Extract strings and compile the catalogue (needs GNU gettext; the compiled .mo files are
# committed, so `make run` needs no extra tool).
messages: install
	$(MANAGE) makemessages -l fr -l en --ignore=var --ignore=docs --ignore=tests -v 0
	$(MANAGE) compilemessages -v 0 --ignore=.venv

bench: install
	mkdir -p var
	command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || echo "wrk not installed: using the Python load generator"
	$(BIN)/python -m bench $(BENCH_ARGS)

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Chromium is missing: installing Debian's chromium for the browser tests..."; \
	  (apt-get update -q && apt-get install -y -q chromium fonts-dejavu-core) >/dev/null 2>&1; \
	} || { echo "Could not install Chromium: run 'apt-get install chromium' as root, then make test."; exit 1; }
	@command -v chromium >/dev/null 2>&1 || { echo "Chromium is still missing: run 'apt-get install chromium' as root."; exit 1; }

screenshots: install chromium
	SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest tests/ui -q

clean:
	rm -rf $(VENV) var
