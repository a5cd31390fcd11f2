"""gunicorn entry point: `gunicorn wsgi:app`.

INDEX_DIR comes from the environment (default: var/index, where the README's
main command builds it); SOURCE_DIR names the folder indexed, from which
original files are downloaded (default: corpus/).
"""

import os

from searchapp import create_app

ROOT = os.path.dirname(os.path.abspath(__file__))
app = create_app({
    "INDEX_DIR": os.environ.get("INDEX_DIR", os.path.join(ROOT, "var", "index")),
    "SOURCE_DIR": os.environ.get("SOURCE_DIR", os.path.join(ROOT, "corpus")),
})
