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
# Accounts: DATABASE_URL (default SQLite var/app.sqlite), SECRET_KEY (default: made once in var/secret_key),
# LOGIN_REQUIRED=1 (no anonymous reading at all), SESSION_IDLE_MINUTES, SESSION_COOKIE_SECURE=1 behind HTTPS,
# PROXY_COUNT=N behind N reverse proxies.
config.update({k: os.environ[k] for k in ("DATABASE_URL", "SECRET_KEY") if os.environ.get(k)})
# VALIDITY_TODAY=YYYY-MM-DD judges validity on that day (default: the day of each request).
if os.environ.get("VALIDITY_TODAY"):
    config["VALIDITY_TODAY"] = os.environ["VALIDITY_TODAY"]
for key in ("LOGIN_REQUIRED", "SESSION_COOKIE_SECURE"):
    if os.environ.get(key):
        config[key] = os.environ[key].lower() in ("1", "true", "yes", "on")
for key in ("SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "PROXY_COUNT"):
    if os.environ.get(key):
        config[key] = int(os.environ[key])
app = create_app(config)
