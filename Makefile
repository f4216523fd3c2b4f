# The portal's commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The test suite runs on PostgreSQL; this is the server the machines here provide.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal

.PHONY: run serve setup services lint test slow slow-fuzz slow-engines ci bench check migrations-check clean

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: create the environment, migrate, load the seeds, build the index if empty or stale, serve on PORT
run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seeds
	$(BIN)/python manage.py ensure_index

## services: start what the tests talk to when it is not running (PostgreSQL, Redis, chromium)
services:
	scripts/test-services start

## lint: ruff over the code and the tests (ruff.toml)
lint: $(VENV)/.dev
	$(BIN)/ruff check .

## test: lint, then the whole suite (PostgreSQL, Redis, Whoosh on disk, a real browser); slow tests excluded
test: $(VENV)/.dev services lint
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

## slow: the long-running tests only (fuzz runs, relevance on both engines, the benchmark's own run, drills)
slow: $(VENV)/.dev services
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m pytest -m slow $(PYTEST_ARGS)

## slow-fuzz: the long fuzz runs only (queries, records, uploads); .ci/run runs them
slow-fuzz: $(VENV)/.dev services
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m pytest -m slow -k fuzz $(PYTEST_ARGS)

## slow-engines: the relevance set on both engines (Whoosh and a SolrCloud it starts); .ci/run runs it
slow-engines: $(VENV)/.dev services
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m pytest -m slow tests/engines $(PYTEST_ARGS)

## bench: build a corpus of BENCH_N statements (default 100000) from real text, load it into
## PostgreSQL (database portal_benchmark) and a Whoosh index in bench/out/, and measure search
## against PostgreSQL full-text search; prints a table and a last `bench:` line. Not part of `make test`.
bench: $(VENV)/.dev
	BENCH_N=$${BENCH_N:-100000} $(BIN)/python bench/run.py

## migrations-check: fail if a model change has no migration
migrations-check: $(VENV)/.runtime
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf var test-artifacts
