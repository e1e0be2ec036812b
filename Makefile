# TMIS — two commands: `make run` (install, migrate, demo data, serve on :8000) and `make test`.
# Without DATABASE_URL both use an embedded PostgreSQL (pgserver) under var/pg/.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEVDB := $(PY) -m tmis.devdb
MANAGE := $(PY) backend/manage.py
PORT ?= 8000
E2E_PORT ?= 8765
E2E_DATABASE ?= tmis_e2e
export E2E_PORT
export PYTHONPATH := $(CURDIR)/backend
export DJANGO_SETTINGS_MODULE := tmis.settings
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package.json -type f 2>/dev/null)

.PHONY: help run test lint schema bench bench-smoke test-backend test-security test-frontend test-e2e serve-e2e chromium clean

help:
	@echo "make run    — install everything, migrate, load demo data, serve SPA + API on http://127.0.0.1:$(PORT)"
	@echo "make test   — lint, backend tests, every bench once at a tiny size, SPA unit tests, browser tests"
	@echo "make lint   — ruff, import layers, module sizes, tsc, eslint;  make schema — regenerate openapi/schema.yaml and the SPA client"
	@echo "make bench  — every benchmark at full size (long; figures in docs/BENCHMARKS.md)"
	@echo "make test-security — the BOLA matrix and the schemathesis fuzz alone (docs/TESTING-security.md)"

$(VENV)/.installed: backend/pyproject.toml
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e './backend[dev]'
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tests/e2e/node_modules/.installed: tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SRC)
	cd frontend && npm run build --silent

run: $(VENV)/.installed frontend/dist/index.html
	TMIS_DEMO=1 $(DEVDB) -- bash -c '$(MANAGE) migrate --no-input -v0 && $(MANAGE) load_demo && $(MANAGE) load_demo_teachers && $(MANAGE) load_demo_reviews && $(MANAGE) load_demo_changes && $(MANAGE) load_demo_headcounts && $(MANAGE) load_demo_workplans && $(MANAGE) load_demo_training && $(MANAGE) load_demo_rotation && $(MANAGE) load_demo_quality && $(MANAGE) refresh_quality && $(MANAGE) refresh_reports && \
	  echo "TMIS: http://127.0.0.1:$(PORT)/  (API docs: http://127.0.0.1:$(PORT)/api/v1/docs/)" && \
	  { $(MANAGE) jobs_worker & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	    PORT=$(PORT) $(VENV)/bin/gunicorn -c infra/gunicorn.conf.py; }'

# Served for the browser tests: a fresh database with the demo data (its review states included), on E2E_PORT.
# Every browser test logs in from 127.0.0.1: the per-address login limit (30/min) is raised for them alone.
serve-e2e: $(VENV)/.installed frontend/dist/index.html
	TMIS_DEMO=1 TMIS_ACCESS_LOG=0 TMIS_LOGIN_RATE=600/min TMIS_LOGIN_ADDRESS_FAILURES=1000 $(DEVDB) --database $(E2E_DATABASE) --fresh -- bash -c \
	  '$(MANAGE) migrate --no-input -v0 && $(MANAGE) load_demo && $(MANAGE) load_demo_teachers && $(MANAGE) load_demo_reviews && $(MANAGE) load_demo_changes && $(MANAGE) load_demo_headcounts && $(MANAGE) load_demo_workplans && $(MANAGE) load_demo_training && $(MANAGE) load_demo_rotation && $(MANAGE) load_demo_quality && $(MANAGE) refresh_quality && $(MANAGE) refresh_reports && \
	  { TMIS_JOB_POLL_SECONDS=0.5 $(MANAGE) jobs_worker & WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	    PORT=$(E2E_PORT) $(VENV)/bin/gunicorn -c infra/gunicorn.conf.py; }'

lint: $(VENV)/.installed frontend/node_modules/.installed
	$(VENV)/bin/ruff check backend tests
	$(VENV)/bin/ruff format --check backend tests
	$(VENV)/bin/lint-imports --no-cache
	$(PY) tests/tools/check_module_size.py
	cd frontend && npm run typecheck --silent && npm run lint --silent && npm run check:api --silent

schema: $(VENV)/.installed frontend/node_modules/.installed
	DATABASE_URL=$${DATABASE_URL:-postgresql:///unused} $(MANAGE) spectacular --lang en --validate --fail-on-warn --file openapi/schema.yaml
	cd frontend && npm run gen:api --silent

test: lint test-backend bench-smoke test-frontend test-e2e

test-backend: $(VENV)/.installed
	$(DEVDB) -- $(VENV)/bin/pytest

# The BOLA matrix and the schemathesis fuzz alone (test-backend runs them too): docs/TESTING-security.md.
# TMIS_FUZZ_EXAMPLES=n sets the fuzz's requests per operation (default 6).
test-security: $(VENV)/.installed
	$(DEVDB) -- $(VENV)/bin/pytest tests/backend/security

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run test --silent

chromium:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian chromium and fonts-noto-cjk for the browser tests"; \
	    (apt-get install -y -q chromium fonts-noto-cjk >/dev/null 2>&1 || \
	      (apt-get update -q >/dev/null && apt-get install -y -q chromium fonts-noto-cjk >/dev/null)); \
	  else \
	    echo "The browser tests need Debian's chromium and fonts-noto-cjk: sudo apt-get install chromium fonts-noto-cjk"; \
	    exit 1; \
	  fi; \
	fi

test-e2e: chromium $(VENV)/.installed frontend/dist/index.html tests/e2e/node_modules/.installed
	cd tests/e2e && npx playwright test

clean:
	rm -rf frontend/dist tests/e2e/test-results

# Every bench once at a tiny size (TMIS_BENCH_SMOKE=1), each on a fresh copy of one scratch database, so that a
# refactor which breaks a bench fails `make test`. The scratch database is kept and migrated incrementally (like
# pytest's --reuse-db: about 90 s the first time, seconds after); BENCH_SMOKE_FRESH=--fresh rebuilds it.
bench-smoke: $(VENV)/.installed
	$(DEVDB) --database tmis_bench_smoke $(BENCH_SMOKE_FRESH) -- $(PY) tests/bench/smoke.py

# The bench extras (django-import-export for the import comparison) are installed once, again only when they change.
$(VENV)/.bench-installed: $(VENV)/.installed backend/pyproject.toml
	$(PY) -m pip install -q -e './backend[dev,bench]'
	@touch $@

bench: $(VENV)/.bench-installed
	$(DEVDB) --database tmis_bench -- $(PY) tests/bench/bench_orgs.py
	$(DEVDB) --database tmis_bench -- $(PY) tests/bench/bench_reports_national.py
	$(DEVDB) --database tmis_bench -- $(PY) tests/bench/bench_catalog.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_teachers.py
	$(DEVDB) --database tmis_bench_imports --fresh -- $(PY) tests/bench/bench_imports.py
	$(DEVDB) --database tmis_bench_imports --fresh -- $(PY) tests/bench/bench_messy_import.py
	$(DEVDB) --database tmis_bench_imports --fresh -- $(PY) tests/bench/bench_group_import.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_exports.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_changes.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_feed.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_reports_province.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_quality.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_training.py
	$(DEVDB) --database tmis_bench_teachers -- $(PY) tests/bench/bench_rotation.py
	$(DEVDB) --database tmis_bench_crypto --fresh -- $(PY) tests/bench/bench_crypto.py
