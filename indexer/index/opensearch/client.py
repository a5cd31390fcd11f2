"""One way to reach an OpenSearch cluster, for the build and for search.

``OPENSEARCH_URL`` may list several nodes ("http://127.0.0.1:9200,http://127.0.0.1:9201"):
the client spreads requests over them and retries another node when one stops
answering, so losing a node loses no request.  Every failure to reach the
cluster becomes an ``EngineUnavailableError`` that says which URL and what
to do, never a client traceback.
"""

from __future__ import annotations

from contextlib import contextmanager

from indexer.errors import EngineUnavailableError

DEFAULT_URL = "http://127.0.0.1:9200"
DEFAULT_INDEX = "vdoc"


def hosts(url: str) -> list[str]:
    return [u.strip() for u in (url or DEFAULT_URL).split(",") if u.strip()]


def connect(url: str, timeout: float = 30.0):
    """A client for the cluster at ``url``; connects lazily (nothing is sent here)."""
    from opensearchpy import OpenSearch

    return OpenSearch(
        hosts(url), timeout=timeout, max_retries=3, retry_on_timeout=True,
        # A stopped node answers nothing (connection refused) or 503 while it
        # shuts down; both are retried on another node.
        retry_on_status=(502, 503, 504), http_compress=False,
        # One connection per thread that asks at once (gunicorn threads, bench clients).
        pool_maxsize=16,
    )


def unreachable_message(url: str, exc: Exception) -> str:
    return (f"the OpenSearch cluster at {url} cannot be reached ({exc.__class__.__name__}: {str(exc)[:200]}); "
            "start it (`make opensearch-up`) or point OPENSEARCH_URL at a running cluster")


@contextmanager
def reaching(url: str):
    """Turn the client's connection failures (and a cluster that answers 5xx) into EngineUnavailableError."""
    from opensearchpy.exceptions import ConnectionError as OSConnectionError, TransportError

    try:
        yield
    except OSConnectionError as exc:  # includes ConnectionTimeout
        raise EngineUnavailableError(unreachable_message(url, exc)) from None
    except TransportError as exc:
        if isinstance(exc.status_code, int) and exc.status_code >= 500 or exc.status_code == 429:
            raise EngineUnavailableError(
                f"the OpenSearch cluster at {url} failed the request ({exc.status_code}: {exc.error}); "
                "check `make opensearch-status` or the cluster's logs") from None
        raise
