# Chợ Phụ nữ — the two commands a newcomer needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-8)

.PHONY: run test install migrate demo worker beat lint bench audit e2e clean messages prod-smoke

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Links in emails and printed logins use the address `make run` serves (override with SITE_URL=…).
SITE_URL ?= http://127.0.0.1:$(PORT)

demo: migrate
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo

run: demo
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on SQLite; with DATABASE_URL / CELERY_BROKER_URL / REDIS_URL set, on those instead.
# The browser journeys (tests/e2e) need Debian's chromium: `make e2e`, also run by .ci/run.
# pytest-xdist spreads it over every core (-n auto); PYTEST_ARGS="-n 0" runs it in one process.
test: install
	$(BIN)/python -m pytest -m "not e2e" -n auto --dist loadfile $(PYTEST_ARGS)

e2e: install
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

worker: install
	$(BIN)/celery -A marketplace worker --loglevel=info

beat: install
	$(BIN)/celery -A marketplace beat --loglevel=info

bench: install
	$(BIN)/python bench/storefront.py

# The production layout on this machine, checked end to end and stopped (deploy/prod_smoke.py): an S3 stub,
# PostgreSQL, Redis, two gunicorn app servers, a Celery worker and beat. Needs PostgreSQL and Redis running.
prod-smoke: install
	$(BIN)/python deploy/prod_smoke.py

# Issue 12's figures in production mode: Lighthouse, first-load bytes, axe and vnu per page (needs npm and Java).
audit: install
	$(BIN)/python bench/phone_audit.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm

# After changing user-facing text: collect it, translate the new msgids in locale/en, compile.
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench
	msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po
