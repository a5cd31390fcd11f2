"""A document in OpenSearch's form: the JSON of its main document and of its records.

``OpenSearchEncoder`` runs in the worker processes: each view as a string of
ready-made tokens (``mapping``: the exact view with fillers where a word's
marks are unknown, the unsure view's plausible readings and the repaired
view's alternatives joined by ALT at each position, the folded words as read) and each chunk's ``term#count`` keywords
(``chunks``).  ``source`` and ``records`` run in the writer: the neutral
values (``index.fields``) as keyword lists, and the text in chunk records.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress
from operator import itemgetter

from indexer.extract.records import Document
from indexer.index.analysed import Analysed, Encoded
from indexer.index.fields import index_fields, profile, reading_parts
from indexer.index.opensearch.chunks import chunk_records, detail_pages, detail_records, tf_key, tf_value
from indexer.index.opensearch.mapping import ALT, FILLER, LABEL_SEP
from indexer.index.weights import EXACT_FIELD, PROFILE_FIELD, PROXIMITY_FIELD, TEXT_FIELDS, UNSURE_FIELD


class OpenSearchEncoder:
    """Token strings of the four token fields and the profile, and the chunks' term counts."""

    def encode(self, analysed: Analysed) -> dict:
        views = analysed.views
        terms = views[PROXIMITY_FIELD].distinct()
        # The words as read weigh 1; their repairs REPAIR_WEIGHT.
        folded = compress(terms.terms, map((1.0).__eq__, terms.weights))
        counts = [Counter() for _ in analysed.chunks]
        for name in TEXT_FIELDS:
            for chunk, found in zip(counts, analysed.chunk_term_counts(name)):
                chunk.update({tf_key(name, t): c for t, c in found.items()})
        return {"tokens": {EXACT_FIELD: " ".join(_positional(views[EXACT_FIELD], itemgetter(0))),
                           UNSURE_FIELD: " ".join(_positional(views[UNSURE_FIELD], ALT.join)),
                           "folded": " ".join(folded),
                           PROXIMITY_FIELD: " ".join(_positional(terms, ALT.join)),
                           PROFILE_FIELD: profile(analysed.key_terms)},
                "tf": [sorted(tf_value(t, c) for t, c in chunk.items()) for chunk in counts]}


def _positional(terms, joined) -> list[str]:
    """One view as tokens, one per position (``joined`` makes a position's terms
    one token), FILLER where a position has none: every view lines up with the
    repaired view's positions, which phrases span."""
    terms = terms.distinct()
    if not len(terms):
        return []
    at: list[list[str]] = [[] for _ in range(max(terms.positions) + 1)]
    for term, pos in zip(terms.terms, terms.positions):
        at[pos].append(term)
    return [joined(t) if t else FILLER for t in at]


def source(doc: Document, encoded: Encoded) -> dict:
    """The JSON document: stored fields, keywords and the token views (no text:
    that goes to the chunk records)."""
    body = index_fields(doc, encoded.chunks, encoded.chunk_positions, encoded.key_terms)
    entries = body.pop("cite_entries")
    del body["chunk_positions"]  # chunks are found by their term counts (chunks.tf), not by position
    body["chunk_count"] = len(encoded.chunks)
    body["detail_pages"] = detail_pages(len(doc.citations))
    body["cite_labels"] = [f"{key}{LABEL_SEP}{label}" for key, label, _ in entries]
    body["has_date"] = bool(body["date"])
    body.update(encoded.views["tokens"])
    return body


def records(doc: Document, encoded: Encoded) -> list[tuple[str, dict]]:
    """(record id, body) of the document's chunk and details records."""
    reading = reading_parts(doc, encoded.chunks)
    return (chunk_records(doc.id, doc.text, encoded.chunks, encoded.views["tf"], reading)
            + detail_records(doc.id, [c.to_dict() for c in doc.citations]))
