# Two commands: `make run` serves the site on SQLite, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# python3 resolves through .python-version under pyenv; fall back to any 3.13/3.12 on PATH.
SYSTEM_PYTHON := $(shell for p in python3 python3.13 python3.12 $(HOME)/.pyenv/versions/3.13*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
SEED := missions/fixtures/kz-senate-2017.yaml

.PHONY: run test lint format migrate seed browser clean screenshots serve retire-pages backup restore bench bench-search messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(SYSTEM_PYTHON)" || { echo "Python 3.12 or newer is needed (see .python-version)."; exit 1; }
	test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py import_missions $(SEED)

run: seed
	@echo
	@echo "Create a staff account with: $(PY) manage.py createsuperuser"
	@echo "Then open http://127.0.0.1:8000/ (the admin is at http://127.0.0.1:8000/admin/)."
	@echo
	$(PY) manage.py runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; install it when it is missing (needs root, as here).
browser:
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; }

# Re-extract every translatable string into locale/ru/LC_MESSAGES/django.po, then compile
# the .mo (both are committed). New strings arrive with an empty msgstr: translate them,
# then run `make messages` again. Needs GNU gettext; installed when missing.
messages: $(VENV)/.installed
	@command -v xgettext >/dev/null || { apt-get update -q && apt-get install -y -q gettext; }
	$(PY) manage.py makemessages -l ru --no-location --no-obsolete \
		--ignore=.venv --ignore=staticfiles --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages -l ru --ignore=.venv
	$(PY) manage.py check_translations

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: $(VENV)/.installed browser lint
	$(PY) manage.py makemigrations --check --dry-run --settings=observers_site.settings.test
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

# The README's screenshots of the public site (home, list, mission; desktop and phone).
screenshots: $(VENV)/.installed browser
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest tests/screenshots.py -p no:cacheprovider -q

# Load test under gunicorn on SQLite and PostgreSQL 15; writes docs/benchmarks.md (see bench/run.py).
bench: $(VENV)/.installed
	@command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
	$(PY) bench/run.py $(BENCH_ARGS)

# Search pages at 2,000 missions, in-process, page cache off; on the DATABASE_URL given
# (a throwaway database: it seeds a synthetic archive there). Prints a Markdown table.
bench-search: $(VENV)/.installed
	$(PY) bench/search.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Production: gunicorn behind a TLS proxy. Needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and
# (recommended) DATABASE_URL for PostgreSQL; several servers also DJANGO_CACHE_URL and the
# DJANGO_S3_* settings. MIGRATE=no on every server but the first; see README "Production".
BIND ?= 127.0.0.1:8001
WORKERS ?= 3
MIGRATE ?= yes
PROD := DJANGO_SETTINGS_MODULE=observers_site.settings.production

serve: $(VENV)/.installed
	$(PROD) $(PY) manage.py check --deploy --fail-level WARNING
	@if [ "$(MIGRATE)" = yes ]; then $(PROD) $(PY) manage.py migrate --noinput; \
	else $(PROD) $(PY) manage.py migrate --check >/dev/null || \
	{ echo "The database needs migrations: run make serve (MIGRATE=yes) on one server first."; exit 1; }; fi
	$(PROD) $(PY) manage.py collectstatic --noinput
	$(PROD) $(VENV)/bin/gunicorn observers_site.wsgi --bind $(BIND) --workers $(WORKERS) --access-logfile -

# After a roll-out: every cached public page is rendered again on its next request.
retire-pages: $(VENV)/.installed
	$(PROD) $(PY) manage.py shell -c "from missions.cache import new_version; new_version()"

# A dated archive in backups/: every mission document plus a natural-key dumpdata.
backup: $(VENV)/.installed
	$(PY) manage.py backup_site --out backups

# Back into an empty database: make restore FILE=backups/observers-....tar.gz
restore: migrate
	@test -n "$(FILE)" || { echo "Say which archive: make restore FILE=backups/observers-....tar.gz"; exit 1; }
	$(PY) manage.py restore_site "$(FILE)"
