"""One analysis for every engine: the neutral form, its rules, and each engine's encoding of it."""

from __future__ import annotations

from collections import Counter

import pytest

from support import CORPUS
from indexer.analysis.analyzer import Analyzer
from indexer.extract.document import document_from_text
from indexer.extract.records import Citation
from indexer.index.analysed import KEY_TERMS, Terms, analyse, encode, key_terms, view_text
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
    loop; they must be exactly what the field would have indexed from the text."""
    doc = corpus_doc()
    field = make_schema(ANALYZER)[name]
    encoded = encode(analyse(doc, ANALYZER), WhooshEncoder(ANALYZER))
    assert sorted(encoded.views[name].items) == sorted(field.index(view_text(doc, name, ANALYZER)))


def test_opensearch_tokens_stack_a_words_repairs_at_its_position():
    doc = document_from_text("a", "a", "Kết luận ciia Chủ tịch cachhanh x")
    tokens = OpenSearchEncoder().encode(analyse(doc, ANALYZER))["tokens"]
    assert tokens["exact"].split(" ")[:5] == ["kết", "luận", "_", "chủ", "tịch"]  # "_": an unmarked word's place
    assert tokens["folded"].split(" ") == ["ket", "luan", "ciia", "chu", "tich", "cachhanh", "x"]
    repaired = tokens["repaired"].split(" ")
    assert repaired[2].split("|")[:2] == ["ciia", "cua"]  # the word as read first, then its repairs
    assert "cach" in repaired[5].split("|") and "hanh" in repaired[6].split("|")  # a merged word takes two


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
