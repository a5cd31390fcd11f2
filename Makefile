# Two entry points for a fresh machine (see README):
#   make serve  - install everything, index corpus/, serve on 127.0.0.1:8000
#   make test   - install everything (Debian chromium included), run all tests
PY ?= python3
VENV ?= .venv
INDEX_DIR ?= var/index
BIND ?= 127.0.0.1:8000

.PHONY: venv system-deps index serve test bench-ocr

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

index: venv
	$(VENV)/bin/python -m indexer build corpus --index $(INDEX_DIR)

serve: index
	INDEX_DIR=$(INDEX_DIR) SOURCE_DIR=corpus $(VENV)/bin/gunicorn -c python:searchapp.gunicorn_conf --bind $(BIND) --workers 2 --access-logfile - wsgi:app

test: venv system-deps
	$(VENV)/bin/python -m pytest
