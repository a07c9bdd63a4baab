# Rugwijs: `make run` sets everything up and serves the demo site; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run dev test setup lint lock bench clean stack stack-stop backup restore

# The production code path on this machine: gunicorn, DEBUG off, hashed and precompressed static files.
# Plain HTTP on 127.0.0.1, so no HTTPS redirect and no Secure-only cookies; mail is printed, not sent.
# Anything set in the environment wins over these.
LOCAL_PRODUCTION := DJANGO_SETTINGS_MODULE=rugwijs.settings.production \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} \
	SECURE_COOKIES=$${SECURE_COOKIES:-false} \
	EMAIL_URL=$${EMAIL_URL:-consolemail://} \
	DEFAULT_FROM_EMAIL="$${DEFAULT_FROM_EMAIL:-Rugwijs <rugwijs@localhost>}"

run: setup
	$(LOCAL_PRODUCTION) $(BIN)/python manage.py collectstatic --no-input -v 0
	@echo "Serving http://127.0.0.1:$(PORT)/ with gunicorn (Ctrl+C stops it)."
	$(LOCAL_PRODUCTION) PORT=$(PORT) $(BIN)/gunicorn --config deploy/gunicorn.conf.py

# Django's development server with DEBUG on, reloading on every code change.
dev: setup
	DJANGO_SETTINGS_MODULE=rugwijs.settings.dev $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The scaled production stack on this machine (deploy/stack.py): nginx's cache on PORT (default 8080)
# in front of two gunicorn app servers on PostgreSQL and Redis, and a worker. Runs in the background.
STACK_PORT = $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)
stack: $(INSTALLED) .env
	$(LOCAL_PRODUCTION) PORT=$(STACK_PORT) $(BIN)/python deploy/stack.py start

stack-stop:
	PORT=$(STACK_PORT) $(BIN)/python deploy/stack.py stop

setup: $(INSTALLED) .env
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=rugwijs.settings.dev $(BIN)/python manage.py migrate --no-input -v 0
	DJANGO_SETTINGS_MODULE=rugwijs.settings.dev $(BIN)/python manage.py createcachetable
	DJANGO_SETTINGS_MODULE=rugwijs.settings.dev $(BIN)/python manage.py load_demo_content
	DJANGO_SETTINGS_MODULE=rugwijs.settings.dev $(BIN)/python manage.py ensure_admin

# One test process per CPU core, up to four (pytest-xdist; each a test database and Redis database of
# its own). A module's tests stay in one process, so the servers a module starts are started once.
# `make test PYTEST_PARALLEL=` runs everything in one process.
PYTEST_PARALLEL ?= -n auto --maxprocesses=4 --dist loadfile
test: $(INSTALLED)
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=rugwijs.settings.test $(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: $(INSTALLED) $(NODE_INSTALLED)
	@mkdir -p var
	npm run --silent lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')
	DJANGO_SETTINGS_MODULE=rugwijs.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=rugwijs.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

bench: $(INSTALLED)
	DJANGO_SETTINGS_MODULE=rugwijs.settings.test $(BIN)/python bench/run.py
	DJANGO_SETTINGS_MODULE=rugwijs.settings.test $(BIN)/python bench/editor.py
	PORT=$(STACK_PORT) $(BIN)/python bench/stack.py

# Settings as for `make run`, unless the environment names others (a server: rugwijs.settings.production).
MANAGE = DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-rugwijs.settings.dev} $(BIN)/python manage.py

# The database and MEDIA_ROOT into one timestamped folder under BACKUP_DIR (var/backups); safe while the site runs.
backup: $(INSTALLED)
	@mkdir -p var
	$(MANAGE) backup

# Into an empty set-up only, unless FORCE=1; then migrate, in case this version is newer than the backup.
restore: $(INSTALLED)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/rugwijs-YYYYMMDD-HHMMSSZ [FORCE=1]"; exit 2; }
	@mkdir -p var
	$(MANAGE) restore "$(BACKUP)" $(if $(FORCE),--force)
	$(MANAGE) migrate --no-input -v 0

# Re-pin requirements/*.txt after editing requirements/*.in.
lock: $(INSTALLED)
	$(BIN)/pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe -o base.txt base.in
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe -o dev.txt dev.in

$(INSTALLED): requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Rugwijs needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

# ESLint, pinned in package-lock.json; only `make lint` needs Node.js and npm.
$(NODE_INSTALLED): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# A per-checkout secret key, generated once and never committed.
.env:
	@$(PYTHON) -c 'import secrets; print("SECRET_KEY=" + secrets.token_urlsafe(50))' > $@
	@echo "Wrote .env with a new SECRET_KEY."

clean:
	rm -rf $(VENV) var .env node_modules
