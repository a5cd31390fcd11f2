"""The indexer's exceptions: one base class, translated only at the edges."""


class IndexerError(Exception):
    """Base class for every error the indexer raises on purpose."""


class SkipFile(IndexerError):
    """A source file that cannot become a document; the message says why."""


class IndexBusyError(IndexerError):
    """Another indexer holds the index's write lock."""


class IndexMissingError(IndexerError):
    """No index at the given folder (or one this version cannot read)."""


class QueryError(IndexerError):
    """A search request that cannot be answered as asked (bad parameters)."""
