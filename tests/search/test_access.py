"""The read rule (indexer.search.access): may_read, and the same rule as an engine's filter terms."""

from __future__ import annotations

import itertools

import pytest

from indexer.search.access import ANONYMOUS, Reader, document_terms, may_read, read_filter

STAFF = Reader("lan", "staff")
CLEARED = Reader("hung", "staff", "toi-mat", frozenset({"noi-vu"}))
ADMIN = Reader("admin", "admin")


@pytest.mark.parametrize("reader, secrecy, groups, allowed", [
    (ANONYMOUS, None, None, True),  # unmarked, outside every policy: anyone let in
    (ANONYMOUS, "mat", None, False),
    (ANONYMOUS, None, ("noi-vu",), False),
    (STAFF, None, None, True),
    (STAFF, "mat", None, False),
    (CLEARED, "mat", None, True),
    (CLEARED, "toi-mat", None, True),
    (CLEARED, "tuyet-mat", None, False),
    (CLEARED, None, ("noi-vu", "lanh-dao"), True),
    (CLEARED, None, ("tai-chinh",), False),
    (CLEARED, "mat", ("tai-chinh",), False),
    (CLEARED, None, (), False),  # a policy that could not be read: no group
    (ADMIN, "tuyet-mat", (), True),  # admins read everything
    (ADMIN, None, ("tai-chinh",), True),
])
def test_may_read(reader, secrecy, groups, allowed):
    assert may_read(reader, secrecy, groups) is allowed


def test_the_filter_terms_decide_as_may_read():
    readers = [ANONYMOUS, STAFF, CLEARED, Reader("x", "staff", "tuyet-mat", frozenset({"a", "tai-chinh"})), ADMIN]
    secrecies = [None, "mat", "toi-mat", "tuyet-mat"]
    groupings = [None, (), ("noi-vu",), ("a", "b"), ("tai-chinh", "noi-vu")]
    for reader, secrecy, groups in itertools.product(readers, secrecies, groupings):
        terms = read_filter(reader)
        held = set(document_terms(secrecy, groups))
        passes = terms is None or bool(held & set(terms.secrecy) and held & set(terms.groups))
        assert passes is may_read(reader, secrecy, groups), (reader, secrecy, groups)


def test_readers_refuse_unknown_levels_and_roles():
    with pytest.raises(ValueError, match="unknown secrecy level"):
        Reader("x", "staff", "secret")
    with pytest.raises(ValueError, match="unknown role"):
        Reader("x", "root")
    with pytest.raises(ValueError, match="unknown secrecy level"):
        may_read(STAFF, "confidential", None)


def test_the_anonymous_reader():
    assert ANONYMOUS.anonymous and not ANONYMOUS.admin and not STAFF.anonymous and ADMIN.admin
