"""gunicorn entry point: `gunicorn wsgi:app`.

The engine comes from the environment: SEARCH_BACKEND (whoosh, the default,
or opensearch with OPENSEARCH_URL and OPENSEARCH_INDEX).  INDEX_DIR comes from the environment (default: var/index, where the README's
main command builds it); SOURCE_DIR names the folder indexed, from which
original files are downloaded (default: corpus/).
"""

import os

from searchapp import create_app

ROOT = os.path.dirname(os.path.abspath(__file__))
config = {
    "INDEX_DIR": os.environ.get("INDEX_DIR", os.path.join(ROOT, "var", "index")),
    "SOURCE_DIR": os.environ.get("SOURCE_DIR", os.path.join(ROOT, "corpus")),
}
# SEARCH_BACKEND=opensearch serves OPENSEARCH_INDEX (an alias) from OPENSEARCH_URL.
config.update({k: os.environ[k] for k in ("SEARCH_BACKEND", "OPENSEARCH_URL", "OPENSEARCH_INDEX") if os.environ.get(k)})
app = create_app(config)
