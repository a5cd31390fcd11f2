"""The numpy postings reader agrees with Whoosh's own matchers."""

import numpy as np
import pytest
from whoosh import query as Q

from indexer.search.whoosh.postings import match_ids, term_postings


def whoosh_postings(searcher, field, text):
    ids, weights = [], []
    for leaf, offset in searcher.leaf_searchers():
        try:
            m = leaf.reader().postings(field, text)
        except Exception:
            continue
        while m.is_active():
            ids.append(m.id() + offset)
            weights.append(m.weight())
            m.next()
    return ids, weights


@pytest.mark.parametrize("field, text", [("repaired", "cai"), ("repaired", "cua"), ("exact", "kế"), ("repaired", "bao"), ("repaired", "khong-co")])
def test_term_postings_match_whoosh(churned_index, field, text):
    ids, weights = term_postings(churned_index, field, text)
    expected_ids, expected_weights = whoosh_postings(churned_index, field, text)
    assert ids.tolist() == expected_ids
    assert np.allclose(weights, expected_weights)


@pytest.mark.parametrize(
    "q",
    [
        Q.And([Q.Term("repaired", "cai"), Q.Term("repaired", "hoach")]),
        Q.Or([Q.Term("repaired", "bao"), Q.Term("exact", "kế")]),
        Q.AndNot(Q.Term("repaired", "cai"), Q.Term("repaired", "bao")),
        Q.And([Q.Phrase("repaired", ["cai", "cach"]), Q.Term("repaired", "thu")]),
    ],
)
def test_match_ids_equal_whooshs_matching(churned_index, q):
    live = np.fromiter(churned_index.reader().all_doc_ids(), dtype=np.int64)
    assert match_ids(churned_index, q, live).tolist() == sorted(churned_index.docs_for_query(q))


@pytest.mark.parametrize(
    "field, words",
    [
        ("repaired", ["cai", "cach"]),
        ("repaired", ["hanh", "chinh", "ciia"]),
        ("repaired", ["cai", "bao"]),
        ("repaired", ["ke", "hoach", "so"]),
        ("exact", ["cải", "cách"]),
        ("exact", ["kế", "hoạch", "số"]),
    ],
)
def test_phrase_ids_equal_whooshs_phrases(churned_index, field, words):
    from indexer.search.whoosh.postings import phrase_ids

    expected = sorted(churned_index.docs_for_query(Q.Phrase(field, words)))
    assert phrase_ids(churned_index, [((field, w),) for w in words]).tolist() == expected


def test_a_bounded_phrase_count_is_exact_within_its_sample_and_its_filter(churned_index):
    """Whole sample: the count is the phrase's documents (capped); ``within``
    counts only those; a smaller sample estimates, never past the cap."""
    from indexer.search.whoosh.postings import phrase_count, phrase_ids

    slots = [(("repaired", "cai"),), (("repaired", "cach"),)]
    every = phrase_ids(churned_index, slots)
    assert len(every) > 2
    assert phrase_count(churned_index, slots, None, cap=10**6, sample=10**6) == len(every)
    assert phrase_count(churned_index, slots, None, cap=2, sample=10**6) == 2
    half = every[::2]
    assert phrase_count(churned_index, slots, None, cap=10**6, sample=10**6, within=half) == len(half)
    assert 0 <= phrase_count(churned_index, slots, None, cap=3, sample=1) <= 3


def test_phrase_checks_stop_at_the_deadline(churned_index):
    import time

    from indexer.search.whoosh.postings import phrase_ids

    assert phrase_ids(churned_index, [(("repaired", "cai"),), (("repaired", "cach"),)], deadline=time.monotonic() - 1).tolist() == []


def test_positions_decode_as_whoosh_decodes_them():
    """Our C-speed decoding of the Positions format gives Whoosh's own answer."""
    from whoosh.formats import Positions

    from indexer.search.whoosh.proximity import decode_positions

    fmt = Positions()
    for positions in ([0], [3, 4, 9, 1000, 70000], list(range(0, 50000, 7))):
        value = fmt.encode(positions)
        assert decode_positions(value).tolist() == fmt.decode_positions(value) == positions
        assert decode_positions(value.rstrip(b".")).tolist() == positions  # a stored value may lack the STOP


@pytest.mark.parametrize("starts, positions, gap, expected", [
    ([1, 5, 9], [2, 6, 11], 1, [1, 5]),
    ([1, 5, 9], [], 1, []),
    ([0, 3], [5], 2, [3]),
    ([7], [1, 2, 3], 1, []),
])
def test_followed_finds_words_at_a_gap(starts, positions, gap, expected):
    import numpy as np

    from indexer.search.whoosh.proximity import followed

    assert followed(np.array(starts), np.array(positions, dtype=np.int64), gap).tolist() == expected
