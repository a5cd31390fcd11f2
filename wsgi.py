"""gunicorn entry point: `gunicorn wsgi:app`.

INDEX_DIR comes from the environment (default: var/index, where the README's
main command builds it).
"""

import os

from searchapp import create_app

app = create_app({"INDEX_DIR": os.environ.get("INDEX_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "var", "index"))})
