# danvan: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck checks messages serve clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("danvan needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[official,dev]'
	$(BIN)/pybabel compile --domain django --directory danvan/locale 
	touch $(STAMP)

demo: install
	DANVAN_DEBUG=1 DANVAN_DEMO=1 $(BIN)/danvan demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy danvan

checks: install
	$(BIN)/danvan check --fail-level WARNING
	$(BIN)/danvan makemigrations --check --dry-run
	DANVAN_DEBUG=0 DANVAN_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  DANVAN_ALLOWED_HOSTS=danvan.example.vn $(BIN)/danvan check --deploy --fail-level WARNING

test: lint typecheck checks
	$(BIN)/pytest
	@if [ -n "$$DANVAN_TEST_DATABASE_URL" ]; then \
	  echo "== The same suite on PostgreSQL ($$DANVAN_TEST_DATABASE_URL)"; \
	  DANVAN_DATABASE_URL="$$DANVAN_TEST_DATABASE_URL" $(BIN)/pytest; \
	else \
	  echo "== PostgreSQL run skipped: DANVAN_TEST_DATABASE_URL is not set"; \
	fi

# Developers: refresh the Vietnamese catalogue after changing source strings (needs GNU gettext).
messages: install
	cd danvan && ../$(BIN)/danvan makemessages --locale vi --no-obsolete --no-location

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
