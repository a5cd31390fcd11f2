"""One way to reach an OpenSearch cluster, for the build and for search.

``OPENSEARCH_URL`` may list several nodes ("http://127.0.0.1:9200,http://127.0.0.1:9201"):
the client spreads requests over them and, when one fails to answer (refused,
timed out, 502/503/504, or 429 when its queues are full), sends the request
again to another node, so losing a node loses no request.  Every failure to
reach the cluster becomes an ``EngineUnavailableError`` that says what the
cluster itself sees (no node answers, no manager elected, a red index:
``health``) and what to do, never a client traceback.
"""

from __future__ import annotations

from contextlib import contextmanager

from indexer.errors import EngineUnavailableError
from indexer.index.opensearch.health import diagnose, unreachable_message

DEFAULT_URL = "http://127.0.0.1:9200"
DEFAULT_INDEX = "vdoc"
RETRY_ON_STATUS = (429, 502, 503, 504)

__all__ = ["DEFAULT_INDEX", "DEFAULT_URL", "connect", "hosts", "reaching", "unreachable_message"]


def hosts(url: str) -> list[str]:
    return [u.strip() for u in (url or DEFAULT_URL).split(",") if u.strip()]


def connect(url: str, timeout: float = 30.0):
    """A client for the cluster at ``url``; connects lazily (nothing is sent here)."""
    from opensearchpy import OpenSearch

    return OpenSearch(
        # Each node asked once more than there are nodes: a request the first node
        # fails goes to another (the transport marks the failed one dead for a while).
        hosts(url), timeout=timeout, max_retries=max(3, len(hosts(url)) + 1), retry_on_timeout=True,
        retry_on_status=RETRY_ON_STATUS, http_compress=False,
        # One connection per thread that asks at once (gunicorn threads, bench clients).
        pool_maxsize=16,
    )


@contextmanager
def reaching(url: str, client=None, names: list[str] = ()):
    """Turn the client's connection failures (and a cluster that answers 5xx or 429)
    into EngineUnavailableError; with ``client``, the message says what the cluster
    sees (about the indexes or aliases ``names``, when given)."""
    from opensearchpy.exceptions import ConnectionError as OSConnectionError, TransportError

    try:
        yield
    except OSConnectionError as exc:  # includes ConnectionTimeout
        found = diagnose(client, url, names, exc) if client is not None else None
        raise (found or EngineUnavailableError(unreachable_message(url, exc), "unreachable")) from None
    except TransportError as exc:
        if isinstance(exc.status_code, int) and exc.status_code >= 500 or exc.status_code == 429:
            found = diagnose(client, url, names, exc) if client is not None else None
            raise (found or EngineUnavailableError(
                f"the OpenSearch cluster at {url} failed the request ({exc.status_code}: {exc.error}); "
                "check `make opensearch-status` or the cluster's logs", "failed")) from None
        raise
