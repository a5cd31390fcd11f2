"""gunicorn settings: `gunicorn -c python:searchapp.gunicorn_conf wsgi:app`.

Each worker warms up before it takes requests (opens the index, builds the
facet arrays, loads pyvi and the OCR model), so the first user does not pay
for it: that is half a second or more on an archive of any size.  What it
loaded is then frozen out of the garbage collector's passes.
"""

from __future__ import annotations

import gc
import logging


def post_worker_init(worker) -> None:
    from searchapp.warmup import warm_up

    try:
        warm_up(worker.wsgi)
    except Exception:  # a missing index is reported on the page, not here
        logging.getLogger("gunicorn.error").exception("warm-up failed; serving anyway")
    # What the warm-up loaded stays for the life of the worker (the models, the index's
    # arrays): out of the cyclic collector's reach, whose full passes over it paused a
    # request 90 ms (once in ~170 document pages on the 10k archive).
    gc.collect()
    gc.freeze()
