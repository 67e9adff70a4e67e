# The README's two commands: `make run` and `make test`.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

# Local development: debug pages, plain http, mail written to var/mail/.
RUN_ENV := DEBUG=1 EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
# Tests run with production settings (DEBUG off) and a throwaway key.
TEST_ENV := SECRET_KEY=test-only-key-not-secret SECURE_SSL_REDIRECT=0

# The speed budgets: PostgreSQL with 100,000 businesses, Redis as the shared cache.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ifn_bench
BENCH_ENV := DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/1} \
	SECRET_KEY=benchmark-only-key SECURE_SSL_REDIRECT=0

.PHONY: install run test lint format benchmark clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "IFN needs Python 3.12 or newer"' \
		|| { echo "Python 3.12 is needed: install it (pyenv install 3.12) or run make PYTHON=/path/to/python3.12"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install lint
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

benchmark: install
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input
	$(BENCH_ENV) $(BIN)/python manage.py seed_demo --count 100000
	$(BENCH_ENV) $(BIN)/python manage.py benchmark

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
