"""Which index terms a parsed query's words stand as, and which số ký hiệu a hit is."""

from __future__ import annotations

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.words import is_function_word
from indexer.legal.numbers import number_term, serial_term
from indexer.search import rules
from indexer.search.parse import ParsedQuery
from indexer.search.query import word_slot

PositionTerms = list[tuple[tuple[str, str], ...]]


def position_terms(pq: ParsedQuery | None, analyzer: Analyzer) -> PositionTerms:
    """See ``position_words``: the pairs only."""
    return [slot for slot, _ in position_words(pq, analyzer)]


def position_words(pq: ParsedQuery | None, analyzer: Analyzer) -> list[tuple[tuple[tuple[str, str], ...], bool]]:
    """For each distinct query word, the (view, term) pairs it matches as (the rule of
    ``query.word_slot``; a số ký hiệu as its serial's digits): where, by position,
    its matches stand in a document (to choose which chunk to cut snippets from,
    and to count the matches of the sections and pages not shown)."""
    if pq is None:
        return []
    out: dict[tuple, bool] = {}
    for clause in pq.clauses:
        if clause.kind == "number":
            serial = serial_term(clause.text)
            if serial:
                out[((rules.REPAIRED, serial),)] = False
            continue
        for word in clause.words():
            slot = word_slot(word, analyzer)
            if slot:
                out[slot] = is_function_word(word)
    return list(out.items())


def estimated_matches(counts: list[int], function: list[bool]) -> int:
    """The matches of a stretch of text not read, from how often each query word stands
    in it: the most frequent word with a topic (words standing together are one
    match; a lone function word is none), or, when every word is a function word,
    the most frequent one.  What a section or page not shown says it holds."""
    topical = [n for n, f in zip(counts, function) if not f]
    return max(topical or counts or [0])


def matched_numbers(pq: ParsedQuery, stored: dict) -> list[str]:
    """The số ký hiệu of the query that this document is, or cites."""
    wanted = {number_term(c.text) for c in pq.clauses if c.kind == "number"}
    wanted |= {number_term(v) for v in pq.filters.get("number", []) + pq.filters.get("cites", [])}
    if not wanted:
        return []
    numbers = [stored.get("number", "")] + list(stored.get("cited") or [])
    out = []
    for n in numbers:
        t = number_term(n) if n else ""
        if t and any(t == w or t.startswith(w) for w in wanted) and n not in out:
            out.append(n)
    return out
