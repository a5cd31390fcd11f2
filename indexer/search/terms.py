"""What of a parsed query to mark in a text: folded forms and OCR spellings."""

from __future__ import annotations

from indexer.analysis.analyzer import Analyzer
from indexer.legal.numbers import number_term
from indexer.search.highlight import term_set
from indexer.search.parse import ParsedQuery


def surface_terms(pq: ParsedQuery, analyzer: Analyzer) -> set[str]:
    """Every folded form a matched word can take in a stored text.

    A query word "số" is found in an OCR'd text as "s6" or "sb": the repair
    model's ``variants`` gives those spellings back, so the marks land on them.
    """
    terms: set[str] = set()
    for clause in pq.clauses:
        if clause.kind == "number":
            terms.add(number_term(clause.text).split("/")[0])
            continue
        for word in clause.words():
            for term in analyzer.query_terms(word, "repaired"):
                terms.add(term)
                terms.update(analyzer.variants(term))
    return {t for t in terms if t}


def highlight_terms(pq: ParsedQuery, analyzer: Analyzer) -> frozenset[str] | None:
    """The folded word forms a text is marked with for this query (None: nothing to mark)."""
    return term_set(surface_terms(pq, analyzer))


def index_terms(pq: ParsedQuery, analyzer: Analyzer) -> set[str]:
    """The terms of the repaired view the query's words ask for: where, by position, its
    matches stand in a document (to choose which chunks to read for snippets)."""
    terms: set[str] = set()
    for clause in pq.clauses:
        if clause.kind == "number":
            terms.add(number_term(clause.text).split("/")[0])
            continue
        for word in clause.words():
            terms.update(analyzer.query_terms(word, "repaired"))
    return {t for t in terms if t}


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
