# Carnet's verbs. A fresh machine needs only Python 3.11, make and git.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages makemessages lint format check clean bench-search

run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "Carnet runs on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Admin login: admin / $${CARNET_ADMIN_PASSWORD:-carnet-admin}"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install messages
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) is needed (set PYTHON=... to use another 3.11+)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

messages: install
	$(PY) manage.py compile_catalogues

# Refresh the catalogues after changing interface strings (needs GNU gettext's xgettext).
makemessages: install
	$(PY) manage.py makemessages --locale fr --locale en --ignore ".venv/*" --ignore "bench/*" --no-obsolete
	$(PY) manage.py complete_english_catalogue

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install messages
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Search latency on PostgreSQL: 10,000 generated pages per language (BENCH_ARGS=--quick for 1,000).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/carnet_bench
bench-search: install messages
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/search_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
