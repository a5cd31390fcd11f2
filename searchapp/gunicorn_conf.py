"""gunicorn settings: `gunicorn -c python:searchapp.gunicorn_conf wsgi:app`.

Each worker warms up before it takes requests (opens the index, builds the
facet arrays, loads pyvi and the OCR model), so the first user does not pay
for it: that is half a second or more on an archive of any size.
"""

from __future__ import annotations

import logging


def post_worker_init(worker) -> None:
    from searchapp.warmup import warm_up

    try:
        warm_up(worker.wsgi)
    except Exception:  # a missing index is reported on the page, not here
        logging.getLogger("gunicorn.error").exception("warm-up failed; serving anyway")
