"""Who may read a document, as the terms an index stores: one rule for the index and the search.

A document's access is two things read at extraction: its secrecy mark
(``legal.marks``: "mat", "toi-mat", "tuyet-mat" or none) and the groups the
folder policies above it name (``extract.policy``: None when no policy
covers it).  The index stores both in one keyword field, ``access``:

* ``s:<mark>`` (``s:`` for an unmarked document), and
* ``g:<group>`` for each group, or ``g:*`` for a document outside every policy.

A reader's filter (``search.access.read_filter``) asks for one of the secrecy
terms the reader's clearance covers AND one of the reader's group terms (with
``g:*``): the same decision as ``search.access.may_read``, made by the engine
on every document it matches, so nothing it counts, ranks or suggests comes
from a document the reader may not read.  ``policy_state`` is what the
incremental build compares besides the file itself, so that a policy written,
changed or removed reaches the index on the next build even when no file did.
"""

from __future__ import annotations

import hashlib

from indexer.legal.marks import secrecy_rank

FIELD = "access"
# The group term of a document outside every policy (a group name never starts with "*").
EVERYONE = "*"
# The secrecy term of an unmarked document.
UNMARKED = ""
SECRECY_PREFIX, GROUP_PREFIX = "s:", "g:"


def secrecy_term(secrecy: str | None) -> str:
    secrecy_rank(secrecy)  # an unknown mark is a bug, not "unmarked"
    return SECRECY_PREFIX + (secrecy or UNMARKED)


def group_term(group: str) -> str:
    return GROUP_PREFIX + group


def document_terms(secrecy: str | None, groups: tuple[str, ...] | list[str] | None) -> list[str]:
    """The ``access`` terms of a document marked ``secrecy`` under policies naming
    ``groups`` (None: no policy; (): a policy no group passes, so no group term)."""
    named = [EVERYONE] if groups is None else sorted(set(groups))
    return [secrecy_term(secrecy), *(group_term(g) for g in named)]


def policy_state(groups: tuple[str, ...] | list[str] | None) -> str:
    """A short digest of what the policies above a file decide ("-" for none): part
    of the file state the build compares."""
    if groups is None:
        return "-"
    return hashlib.sha1(",".join(sorted(groups)).encode()).hexdigest()[:12]
