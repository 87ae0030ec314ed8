# Two commands for everyone: `make run` serves the site, `make test` checks all of it.
.PHONY: run test lint format venv clean bench soak search-eval

PORT ?= 8000
export PORT

run:
	bin/run

test:
	bin/test

lint:
	bin/setup-venv requirements-dev.txt
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	bin/setup-venv requirements-dev.txt
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

venv:
	bin/setup-venv requirements-dev.txt

clean:
	rm -rf .venv staticfiles .pytest_cache .ruff_cache .hypothesis

# Speed and load: figures, never pass/fail timing in the test suite.
ARTICLES ?= 0
EDGE ?= 0
bench:
	bin/setup-venv requirements.txt
	bin/compile-messages
	ARTICLES=$(ARTICLES) EDGE=$(EDGE) .venv/bin/python -m bench.speed

soak:
	bin/setup-venv requirements.txt
	bin/compile-messages
	.venv/bin/python -m bench.soak

# Search relevance: top-3 share and mean reciprocal rank per language and class, on SQLite and PostgreSQL.
MISSES ?= 0
search-eval:
	bin/setup-venv requirements.txt
	bin/compile-messages
	MISSES=$(MISSES) .venv/bin/python -m bench.search_eval
