"""The errors of the accounts package (IndexerError's family: the CLI and the web translate them)."""

from indexer.errors import IndexerError


class AccountError(IndexerError):
    """A request about accounts that cannot be done as asked; the message says why."""


class DatabaseError(IndexerError):
    """The accounts database cannot be opened or upgraded; the message says what to do."""
