"""Tuning values of a search service, passed in (``create_app`` config, CLI), with defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchSettings:
    # No request may run away: matching and ranking stop after this many
    # seconds and the page says the result is partial.
    time_limit: float = 2.0
    # Values listed per facet (a unit or cited-decision facet can have thousands).
    facet_limit: int = 40
    # A query of several words that finds less than this many documents with
    # every word required also lists, after those, the documents with most of
    # the words (BM25 over an OR).
    relax_below: int = 10
    relax_min_words: int = 3
    # Export: at most this many rows per request.
    export_limit: int = 10000
    # The proximity bonus is computed for this many best BM25 candidates.
    rerank_depth: int = 200
    # A long-lived handle looks for a new commit at most this often.
    refresh_seconds: float = 0.5
    # Recently read postings arrays kept per index generation.
    postings_cache_mb: int = 48
    # Documents listed per page of a decision page (and under "cited by").
    max_citing: int = 100
    # Citations listed on a document page (a 19 MB text may cite thousands).
    max_citations: int = 500
    # Distinctive words used to find similar documents.
    similar_terms: int = 12
    # The day validity is judged on (ISO; search.standing), fixed by tests; None:
    # the day of each request.
    today: str | None = None
