# Two entry points for a fresh machine (see README):
#   make serve  - install everything, index corpus/, serve on 127.0.0.1:8000
#   make test   - install everything (Debian chromium included), run all tests
#                 (with an OpenSearch cluster and a PostgreSQL server started for them and stopped after)
#   make opensearch-up / opensearch-down - a local OpenSearch cluster on 127.0.0.1:9200: NODES=2 data
#                 nodes and a small dedicated manager (any one of the three may die; see cluster.py)
PY ?= python3
VENV ?= .venv
INDEX_DIR ?= var/index
BIND ?= 127.0.0.1:8000
NODES ?= 2
OPENSEARCH_PORT ?= 9200
TEST_OPENSEARCH_PORT ?= 9250
TEST_POSTGRES_PORT ?= 5440
CLUSTER = $(VENV)/bin/python scripts/opensearch/cluster.py
POSTGRES = $(VENV)/bin/python scripts/postgres/cluster.py

.PHONY: venv system-deps index serve test bench-ocr opensearch-up opensearch-down opensearch-status \
	opensearch-stop-node opensearch-start-node

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

opensearch-up: venv system-deps
	$(CLUSTER) up --nodes $(NODES) --port $(OPENSEARCH_PORT)

opensearch-down: venv
	$(CLUSTER) down --port $(OPENSEARCH_PORT)

opensearch-status: venv
	$(CLUSTER) status --port $(OPENSEARCH_PORT)

# Stop (KILL=1: crash) or start one node of the local cluster: N=0|1|2.
opensearch-stop-node: venv
	$(CLUSTER) stop-node $(N) --port $(OPENSEARCH_PORT) $(if $(KILL),--kill,)

opensearch-start-node: venv
	$(CLUSTER) start-node $(N) --port $(OPENSEARCH_PORT)

# The suite's own cluster and database server, on other ports than a developer's:
# up, the tests, down (whatever they returned).
test: venv system-deps
	$(CLUSTER) up --nodes 2 --port $(TEST_OPENSEARCH_PORT)
	$(POSTGRES) up --port $(TEST_POSTGRES_PORT) || { $(CLUSTER) down --port $(TEST_OPENSEARCH_PORT); exit 1; }
	VDOC_TEST_OPENSEARCH_PORT=$(TEST_OPENSEARCH_PORT) VDOC_TEST_DATABASE_URL=$$($(POSTGRES) url --port $(TEST_POSTGRES_PORT)) \
	$(VENV)/bin/python -m pytest; rc=$$?; \
	$(POSTGRES) down --port $(TEST_POSTGRES_PORT); $(CLUSTER) down --port $(TEST_OPENSEARCH_PORT); exit $$rc
