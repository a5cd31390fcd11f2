"""Who may read what: the one rule, whatever the engine.

A document carries two things that decide it (read at extraction): its
secrecy mark (ô 10a of the header: "mat", "toi-mat", "tuyet-mat" or none)
and the groups its folder's policy names (None: no policy above it; an
empty tuple: a policy that could not be read, so no group).  A reader reads
a document when

* the reader is an admin (admins read everything), or
* the reader's clearance is at least the document's mark, and the document
  is outside every policy or the reader belongs to one of its groups.

So an unmarked document outside every policy is readable by anyone let in,
the anonymous reader included, and a marked or restricted one needs an
account.  ``may_read`` is the rule on one document; ``read_filter`` is the
same rule as the terms an engine filters on (both engines, every answer):
the terms are the index's (``index.access``, one rule for the build and the
search), ``read_node`` the query node the pipeline adds to every question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.index.access import EVERYONE, FIELD, group_term, secrecy_term
from indexer.index.access import document_terms as index_terms
from indexer.legal.marks import secrecy_codes, secrecy_rank
from indexer.search import query
from indexer.search.query import Node

ROLES = ("admin", "staff")


@dataclass(frozen=True)
class Reader:
    """The person a search runs for; ``ANONYMOUS`` when nobody signed in."""

    name: str = ""
    role: str = ""  # "admin", "staff"; "" for the anonymous reader
    clearance: str | None = None  # the highest secrecy level this reader may read
    groups: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        secrecy_rank(self.clearance)  # an unknown level is a bug, not "no clearance"
        if self.role and self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r} (known: {', '.join(ROLES)})")
        object.__setattr__(self, "groups", frozenset(self.groups))

    @property
    def admin(self) -> bool:
        return self.role == "admin"

    @property
    def anonymous(self) -> bool:
        return not self.name


ANONYMOUS = Reader()
# Whoever runs the command line reads the index files themselves: nothing is filtered.
COMMAND_LINE = Reader("(command line)", "admin")


def may_read(reader: Reader, secrecy: str | None, groups: tuple[str, ...] | list[str] | None) -> bool:
    """Whether ``reader`` may read a document marked ``secrecy`` in a folder whose
    policies name ``groups`` (None: no policy)."""
    if reader.admin:
        return True
    if secrecy_rank(secrecy) > secrecy_rank(reader.clearance):
        return False
    return groups is None or bool(reader.groups.intersection(groups))


@dataclass(frozen=True)
class ReadFilter:
    """``may_read`` as index terms (``index.access``): a document passes when one of
    its ``access`` terms is in ``secrecy`` and one is in ``groups``."""

    secrecy: tuple[str, ...]
    groups: tuple[str, ...]

    def node(self) -> Node:
        """The filter as a query node on the access field (every engine question carries it)."""
        return query.all_of([query.any_of([query.Keyword(FIELD, t) for t in self.secrecy]),
                             query.any_of([query.Keyword(FIELD, t) for t in self.groups])])


def read_filter(reader: Reader) -> ReadFilter | None:
    """The filter of ``reader``'s searches; None for an admin (nothing is filtered)."""
    if reader.admin:
        return None
    rank = secrecy_rank(reader.clearance)
    levels = [None, *(code for code in secrecy_codes() if secrecy_rank(code) <= rank)]
    return ReadFilter(tuple(secrecy_term(level) for level in levels),
                      tuple(group_term(g) for g in (EVERYONE, *sorted(reader.groups))))


def read_node(reader: Reader) -> Node | None:
    """``read_filter`` as a query node; None for an admin."""
    found = read_filter(reader)
    return found.node() if found is not None else None


def document_terms(secrecy: str | None, groups: tuple[str, ...] | list[str] | None) -> list[str]:
    """What the index stores for a document (``index.access``): the terms
    ``read_filter`` decides on as ``may_read`` does."""
    return index_terms(secrecy, groups)
