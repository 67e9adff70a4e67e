# The README's two commands: `make run` and `make test`.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# Local development: debug pages, plain http, mail written to var/mail/.
RUN_ENV := DEBUG=1 EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
# Tests run with production settings (DEBUG off) and a throwaway key, in one
# process per core (each with its own test database).
TEST_ENV := SECRET_KEY=test-only-key-not-secret SECURE_SSL_REDIRECT=0
TEST_WORKERS ?= auto

# The speed budgets: PostgreSQL with 100,000 businesses (BENCH_COUNT), Redis as the shared cache.
BENCH_COUNT ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ifn_bench
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/1} \
	SECRET_KEY=benchmark-only-key SECURE_SSL_REDIRECT=0

# The browser journeys' page checkers (axe-core, the Nu HTML checker) come from
# npm; without npm, the journeys run and the checks are skipped.
TOOLS := tests/tools
NPM := $(shell command -v npm 2>/dev/null)
TOOLS_STAMP := $(TOOLS)/node_modules/.installed-$(shell cat $(TOOLS)/package-lock.json | cksum | cut -d' ' -f1)

# The load and fault test runs a PostgreSQL server of its own on this port
# (it restarts it), and uses Redis database 8 as the shared cache.
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5544/ifn_load
LOADTEST_ENV := DATABASE_URL=$(LOADTEST_DATABASE_URL) REDIS_URL=$${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/8} \
	SECRET_KEY=loadtest-only-key SECURE_SSL_REDIRECT=0 \
	MEDIA_ROOT=$(CURDIR)/var/loadtest/media PRIVATE_MEDIA_ROOT=$(CURDIR)/var/loadtest/private

.PHONY: install tools run test lint format benchmark relevance loadtest clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "IFN needs Python 3.12 or newer"' \
		|| { echo "Python 3.12 is needed: install it (pyenv install 3.12) or run make PYTHON=/path/to/python3.12"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

# --ignore-scripts: vnu-jar's install script would download a Java of its own
# when none is found; the checks use the system's java.
ifdef NPM
tools: $(TOOLS_STAMP)

$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	cd $(TOOLS) && npm ci --ignore-scripts --no-audit --no-fund
	touch $@
else
tools:
	@echo "npm not found: the browser journeys' accessibility and HTML checks will be skipped (apt-get install npm)"
endif

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install lint tools
	$(TEST_ENV) $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

benchmark: install
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input
	$(BENCH_ENV) $(BIN)/python manage.py seed_demo --count $(BENCH_COUNT)
	$(BENCH_ENV) $(BIN)/python manage.py benchmark --businesses $(BENCH_COUNT) $(BENCH_ARGS)

# Search relevance on the judged queries, on the database in use (DATABASE_URL,
# SQLite by default); nothing is left behind. OTHERS generated businesses.
OTHERS ?= 3000
relevance: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py measure_relevance --others $(OTHERS)

loadtest: install
	$(LOADTEST_ENV) $(BIN)/python manage.py loadtest $(LOADTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache $(TOOLS)/node_modules
