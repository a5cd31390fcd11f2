"""A document in OpenSearch's form: the JSON of its main document and of its records.

``OpenSearchEncoder`` runs in the worker processes: each view as a string of
ready-made tokens (``mapping``: the exact view with fillers where a word has
no marks, the folded words as read, the repaired view with each position's
alternatives joined by ALT) and each chunk's ``term#count`` keywords
(``chunks``).  ``source`` and ``records`` run in the writer: the neutral
values (``index.fields``) as keyword lists, and the text in chunk records.
"""

from __future__ import annotations

from itertools import compress

from indexer.extract.records import Document
from indexer.index.analysed import Analysed, Encoded
from indexer.index.fields import index_fields, reading_parts
from indexer.index.opensearch.chunks import chunk_records, detail_pages, detail_records, tf_value
from indexer.index.opensearch.mapping import ALT, FILLER, LABEL_SEP
from indexer.index.weights import EXACT_FIELD, PROXIMITY_FIELD


class OpenSearchEncoder:
    """Token strings of the three token fields and the chunks' term counts."""

    def encode(self, analysed: Analysed) -> dict:
        exact_terms = analysed.views[EXACT_FIELD]
        # Positions rise along the exact view, one term each.
        exact = [FILLER] * (exact_terms.positions[-1] + 1) if len(exact_terms) else []
        for term, pos in zip(exact_terms.terms, exact_terms.positions):
            exact[pos] = term
        terms = analysed.views[PROXIMITY_FIELD].distinct()
        stacked: list[list[str]] = [[] for _ in range(max(terms.positions) + 1)] if len(terms) else []
        for term, pos in zip(terms.terms, terms.positions):
            stacked[pos].append(term)
        # The words as read weigh 1; their repairs REPAIR_WEIGHT.
        folded = compress(terms.terms, map((1.0).__eq__, terms.weights))
        counts = analysed.chunk_term_counts()
        return {"tokens": {"exact": " ".join(exact), "folded": " ".join(folded),
                           "repaired": " ".join(map(ALT.join, stacked))},
                "tf": [sorted(tf_value(t, c) for t, c in chunk.items()) for chunk in counts]}


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
