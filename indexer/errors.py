"""The indexer's exceptions: one base class, translated only at the edges.

Every package may raise these; the CLI turns them into a message that says
what to do next, the web app into a page (503 for an index it cannot serve).
"""


class IndexerError(Exception):
    """Base class for every error the indexer raises on purpose."""


class SkipFile(IndexerError):
    """A source file that cannot become a document; the message says why."""


class IndexBusyError(IndexerError):
    """Another indexer holds the index's write lock."""


class IndexUnavailableError(IndexerError):
    """The index cannot be served now; the message says what to run."""


class IndexMissingError(IndexUnavailableError):
    """No index at the given place yet."""


class IndexMismatchError(IndexUnavailableError):
    """The index was built by other code, analysis or OCR model than the reader's."""


class IndexDamagedError(IndexUnavailableError):
    """Files of the index are missing, truncated or unreadable."""


class EngineUnavailableError(IndexUnavailableError):
    """The search engine (a cluster) cannot serve: ``kind`` says what it found,
    one of KINDS, so the web can say it in the reader's words."""

    KINDS = ("unreachable", "no_manager", "red", "failed")

    def __init__(self, message: str, kind: str = "unreachable"):
        super().__init__(message)
        self.kind = kind if kind in self.KINDS else "failed"


class QueryError(IndexerError):
    """A search request that cannot be answered as asked (bad parameters)."""
