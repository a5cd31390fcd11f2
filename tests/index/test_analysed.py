"""One analysis for every engine: the neutral form, its rules, and each engine's encoding of it."""

from __future__ import annotations

from collections import Counter

import pytest

from support import CORPUS
from indexer.analysis.analyzer import Analyzer
from indexer.extract.document import document_from_text
from indexer.extract.records import Citation
from indexer.index.analysed import KEY_TERMS, Terms, analyse, encode, key_terms
from indexer.index.chunks import CHUNK_CHARS
from indexer.index.opensearch.encoder import OpenSearchEncoder, source
from indexer.index.whoosh.encoder import WhooshEncoder, document
from indexer.index.whoosh.schema import make_schema

ANALYZER = Analyzer()
OCR_TAIL = " Két luan ciia Cha tich cachhanh ciia"


def corpus_doc(name: str = "000_471e60a1ddf59a91.txt", tail: str = OCR_TAIL):
    return document_from_text(name, name, (CORPUS / name).read_text(encoding="utf-8") + tail)


@pytest.mark.parametrize("name", ["exact", "repaired"])
def test_whoosh_postings_are_what_the_field_indexes_from_the_text(name):
    """Workers compute Whoosh's postings from the neutral views, without Whoosh's Token
    loop; for a clean text they must be exactly what the field would have indexed
    from it (an OCR'd text's views also know what its reading says)."""
    text = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 12/KH-UBND\nKẾ HOẠCH\nVề cải cách hành chính năm 2023\n"
            "Ủy ban nhân dân xã yêu cầu các bộ phận chuyên môn thực hiện nghiêm túc kế hoạch này; "
            "hoà giải ở cơ sở, giải quyết thủ tục hành chính đúng hạn.\n") * 20
    doc = document_from_text("clean.txt", "clean.txt", text)
    assert doc.reading is None
    field = make_schema(ANALYZER)[name]
    encoded = encode(analyse(doc, ANALYZER), WhooshEncoder(ANALYZER))
    assert sorted(encoded.views[name].items) == sorted(field.index(doc.text))


def test_opensearch_tokens_stack_a_words_repairs_at_its_position():
    """An OCR'd text: its reading's marks in the exact view, its repairs stacked in the
    repaired one, every view on the same positions."""
    doc = document_from_text("a", "a", "THONG BAO\nKét luan ciia Cha tich UBND huyén vé cong tac cachhanh x.\n" * 3)
    assert doc.reading is not None
    tokens = OpenSearchEncoder().encode(analyse(doc, ANALYZER))["tokens"]
    exact = tokens["exact"].split(" ")
    assert exact[2:8] == ["kết", "luận", "của", "chủ", "tịch", "_"]  # "_": a word without marks (UBND)
    folded = tokens["folded"].split(" ")
    assert folded[:14] == ["thong", "bao", "ket", "luan", "ciia", "cha", "tich", "ubnd", "huyen", "ve", "cong",
                           "tac", "cachhanh", "x"]
    repaired = tokens["repaired"].split(" ")
    assert repaired[4].split("|")[:2] == ["ciia", "cua"]  # the word as read first, then its repairs
    assert "cach" in repaired[12].split("|") and "hanh" in repaired[13].split("|")  # a merged word takes two
    assert exact[14] == "_" and repaired[15] == "thong"  # the next word after the merged one's two places


def test_repairs_are_for_ocrd_text_only():
    """A clean text's odd word is what was written: no OCR repair is stacked on it."""
    doc = document_from_text("a", "a", "Kết luận ciia Chủ tịch cachhanh x")
    assert doc.reading is None
    tokens = OpenSearchEncoder().encode(analyse(doc, ANALYZER))["tokens"]
    assert "|" not in tokens["repaired"] and tokens["exact"].split(" ")[:5] == ["kết", "luận", "_", "chủ", "tịch"]


def test_key_terms_rule_counts_a_term_once_a_position_and_keeps_letters_only():
    stream = [("ab", 0, 0, 1.0), ("ab", 0, 0, 0.5),  # a repair repeating the reading at its position
              ("ab", 1, 1, 1.0), ("ßa", 2, 2, 1.0), ("x", 3, 3, 1.0), ("a1", 4, 4, 1.0), ("cd", 5, 5, 0.5)]
    assert key_terms(Terms(stream)) == [("ab", 2.0), ("ßa", 1.0), ("cd", 0.5)]


def test_key_terms_are_the_heaviest_few_and_the_same_for_both_engines():
    doc = corpus_doc()
    analysed = analyse(doc, ANALYZER)
    assert len(analysed.key_terms) == KEY_TERMS
    weights = [w for _, w in analysed.key_terms]
    assert weights == sorted(weights, reverse=True)
    whoosh = document(doc, encode(analysed, WhooshEncoder(ANALYZER)))["key_terms"]
    opensearch = source(doc, encode(analysed, OpenSearchEncoder()))["key_terms"]
    assert whoosh == opensearch == analysed.key_terms


def test_chunk_term_counts_and_positions_follow_the_chunks():
    words = ["alpha"] + ["beta gamma"] * (CHUNK_CHARS // 5) + ["omega"]
    doc = document_from_text("long", "long", "\n".join(words))
    analysed = analyse(doc, Analyzer(repair=False))
    counts = analysed.chunk_term_counts()
    assert len(counts) == len(analysed.chunks) == len(analysed.chunk_positions) > 2
    assert counts[0]["alpha"] == 1 and counts[-1]["omega"] == 1
    assert sum(counts, Counter()) == Counter(t for t, *_ in analysed.views["repaired"].distinct())
    first_words = [len(doc.text[:start].split()) for start in analysed.chunks]  # one term a word here
    assert analysed.chunk_positions == first_words


def test_the_cites_facet_rule_is_decided_at_index_time_for_both_engines():
    doc = corpus_doc(tail="")
    doc.citations = [
        Citation("qd-7-ubnd-2023-tinh-binh-phuoc", "Quyết định", "QĐ", "7/QĐ-UBND", year=2023),
        Citation("kh-8-ubnd-2023-tinh-binh-phuoc", "Kế hoạch", "KH", "8/KH-UBND", year=2023),
    ]
    analysed = analyse(doc, ANALYZER)
    whoosh = document(doc, encode(analysed, WhooshEncoder(ANALYZER)))
    opensearch = source(doc, encode(analysed, OpenSearchEncoder()))
    assert whoosh["cite_decisions"] == "qd-7-ubnd-2023-tinh-binh-phuoc"
    assert opensearch["cite_decisions"] == ["qd-7-ubnd-2023-tinh-binh-phuoc"]
    assert sorted(opensearch["cites"]) == whoosh["cites"].split() == sorted(c.key for c in doc.citations)


def test_the_profile_repeats_each_key_term_as_it_weighs():
    """Every engine indexes the same whole term frequencies: a repair's half weight
    still counts once, a word said hundreds of times counts PROFILE_MAX_COUNT."""
    from indexer.index.fields import profile
    from indexer.index.weights import PROFILE_MAX_COUNT

    text = profile([("thuy", 3.4), ("loi", 0.5), ("dieu", 500.0)])
    assert text.split().count("thuy") == 3 and text.split().count("loi") == 1
    assert text.split().count("dieu") == PROFILE_MAX_COUNT
    assert profile([]) == ""


def test_the_workers_profile_postings_are_whooshs_own():
    """The profile's postings, counted in the worker, are what Whoosh's field makes of
    the profile's text (the writer no longer tokenises it)."""
    from indexer.index.fields import profile
    from indexer.index.whoosh.encoder import WhooshEncoder
    from indexer.index.whoosh.schema import make_schema

    analyzer = Analyzer()
    field = make_schema(analyzer)["profile"]
    for f in sorted(CORPUS.iterdir()):
        analysed = analyse(document_from_text(f.name, f.name, f.read_text(encoding="utf-8")), analyzer)
        ours = encode(analysed, WhooshEncoder(analyzer)).views["profile"].items
        assert len(ours) == len(analysed.key_terms) > 0
        assert sorted(ours) == sorted(field.index(profile(analysed.key_terms)))
