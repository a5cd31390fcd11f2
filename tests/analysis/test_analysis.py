import pytest

from indexer.analysis.analyzer import word_spans
from indexer.analysis.tokenizer import VietTokenizer


def tokens(mode, text, repair=True, **kw):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in VietTokenizer(mode, repair)(text, positions=True, chars=True, **kw)]


def test_word_spans_keep_digits_glued_to_letters():
    assert word_spans("S6: 64 /BC-UBND") == [("S6", 0, 2), ("64", 4, 6), ("BC", 8, 10), ("UBND", 11, 15)]


@pytest.mark.parametrize(
    "mode, text, expected",
    [
        ("exact", "Kết LUẬN", [("kết", 0, 0, 3), ("luận", 1, 4, 8)]),
        ("folded", "Kết LUẬN", [("ket", 0, 0, 3), ("luan", 1, 4, 8)]),
        ("folded", "an ninh to in", [("an", 0, 0, 2), ("ninh", 1, 3, 7), ("to", 2, 8, 10), ("in", 3, 11, 13)]),
        ("folded", "Ðồng", [("dong", 0, 0, 4)]),
    ],
)
def test_views(mode, text, expected):
    # No stop words: "an", "to", "in" are Vietnamese syllables.
    assert tokens(mode, text) == expected


def test_repaired_view_stacks_repairs_at_the_same_position():
    out = tokens("repaired", "Két luan ciia Cha tich")
    assert ("ciia", 2, 9, 13) in out
    assert ("cua", 2, 9, 13) in out
    assert [t for t in out if t[1] == 0] == [("ket", 0, 0, 3)]


def test_merged_word_expands_and_shifts_following_positions():
    out = tokens("repaired", "cai cachhanh chinh")
    assert ("cach", 1, 4, 12) in out and ("hanh", 2, 4, 12) in out
    assert ("chinh", 3, 13, 18) in out


def test_repair_switched_off_indexes_only_the_folded_word():
    assert tokens("repaired", "ciia", repair=False) == [("ciia", 0, 0, 4)]


def test_query_mode_normalises_raw_input():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hoà")
    assert [t.text for t in VietTokenizer("exact")(nfd, mode="query")] == ["hòa"]


def test_tokenizer_equality_is_by_settings():
    assert VietTokenizer("folded") == VietTokenizer("folded")
    assert VietTokenizer("folded") != VietTokenizer("exact")
    assert VietTokenizer("repaired", True) != VietTokenizer("repaired", False)

