# Carnet's verbs. A fresh machine needs only Python 3.11, make and git.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages makemessages lint format check clean serve-prod backup restore scale-out drill bench bench-search

# While the server runs, a task worker runs what waits in the queue (purges, index updates,
# e-mails: it writes each to var/mail/ and prints one line; see docs/workers.md), and a loop
# calls Wagtail's publish_scheduled every minute, so pages approved with a future "go live"
# date go live on time (production: see docs/deployment.md). Links in e-mails lead to this
# server (BASE_URL; pages link to whichever host and port served them).
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "Carnet runs on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Admin login: admin / $${CARNET_ADMIN_PASSWORD:-carnet-admin}"
	@echo "Editor login: editor / $${CARNET_EDITOR_PASSWORD:-carnet-editor}  (drafts, translates, submits for review)"
	@echo "Reviewer login: reviewer / $${CARNET_REVIEWER_PASSWORD:-carnet-reviewer}  (approves, requests changes, unpublishes)"
	@echo
	@trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	while true; do $(PY) manage.py publish_scheduled; sleep 60; done & scheduler=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production settings, locally: gunicorn against PostgreSQL, over plain HTTP (so HTTPS
# redirects and secure-only cookies are turned off). A throwaway SECRET_KEY unless one is set.
serve-prod: install messages
	export DJANGO_SETTINGS_MODULE=config.settings.production \
		DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/carnet}" \
		SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
		SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
		GUNICORN_BIND=$(HOST):$(PORT) && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py migrate --noinput && \
	echo "Carnet (production settings) on http://$(HOST):$(PORT)/" && \
	$(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# Back up / restore the database named by DATABASE_URL and the media folder.
backup: install
	$(PY) manage.py backup $(if $(BACKUP_DIR),--output $(BACKUP_DIR))

restore: install
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<date>"; exit 1; }
	$(PY) manage.py restore $(BACKUP)

# Two app servers and a task worker behind Varnish (deploy/varnish/), sharing PostgreSQL and
# a memory-capped Redis: freshness after a publication, readers while servers go (docs/proxy.md).
scale-out: install messages
	$(PY) bench/scale_out.py

# The fault drill (bench/fault_drill.py): the scale-out, on a PostgreSQL cluster of its own,
# under load while Redis, an app server, PostgreSQL and the worker fail in turn; one line per
# fault, exit 1 if a goal is missed (docs/performance.md). DRILL_ARGS="--port-base 8300"
# puts its five servers on ports 8300-8304; free ports otherwise.
drill: install messages
	$(PY) bench/fault_drill.py $(DRILL_ARGS)

# The suite runs in as many processes as the machine has cores (pytest-xdist), each with a
# test database of its own; TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
test: install messages
	$(BIN)/pytest --numprocesses $(TEST_PROCESSES) $(PYTEST_ARGS)

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

# Refresh every catalogue of locale/ after changing interface strings (needs GNU gettext's
# xgettext): English completes itself, the others get the new strings to translate, and each
# language's count of what is left is printed. `manage.py update_catalogues de` starts German.
makemessages: install
	$(PY) manage.py makemessages --all --ignore ".venv/*" --ignore "bench/*" --no-obsolete
	$(PY) manage.py update_catalogues

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install messages
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# The performance budget (bench/run.py): one table of figures, budgets, PASS or FAIL, then
# search latency. 10,000 generated articles per language; BENCH_ARGS=--quick for 1,000.
# Needs Debian's varnish and wrk (wrk is installed if missing, when run as root).
# Each script generates its pages in its own database (BENCH_DATABASE_URL, SEARCH_BENCH_DATABASE_URL).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/carnet_perf_bench
SEARCH_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/carnet_bench
bench: install messages
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py $(BENCH_ARGS); status=$$?; \
	DATABASE_URL=$(SEARCH_BENCH_DATABASE_URL) $(PY) bench/search_bench.py $(BENCH_ARGS) && exit $$status

bench-search: install messages
	DATABASE_URL=$(SEARCH_BENCH_DATABASE_URL) $(PY) bench/search_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
