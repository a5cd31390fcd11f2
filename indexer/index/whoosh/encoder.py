"""A document in Whoosh's form: postings ready for the writer, stored fields, chunk records.

``WhooshEncoder`` runs in the worker processes: each text view's postings as
Whoosh's Positions format would compute them from the text (term bytes,
frequency, weight, encoded positions), so the single writer only appends
them (``schema.PreAnalyzed``).  ``document`` and ``chunk_records`` run in the
writer: the neutral values (``index.fields``) shaped as the schema declares them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from whoosh.system import pack_uint

from indexer.analysis.analyzer import Analyzer
from indexer.extract.records import Document
from indexer.index.analysed import Analysed, Encoded
from indexer.index.chunks import DETAILS, chunk_key
from indexer.index.fields import index_fields, profile_counts, reading_parts
from indexer.index.weights import PROFILE_FIELD, TEXT_FIELDS
from indexer.index.whoosh.schema import PreAnalyzed, make_schema

_schemas: dict[Analyzer, object] = {}


@dataclass(frozen=True)
class WhooshEncoder:
    analyzer: Analyzer

    def encode(self, analysed: Analysed) -> dict[str, PreAnalyzed]:
        """Each text field's postings, exactly as the field would index the text."""
        schema = _schemas.setdefault(self.analyzer, make_schema(self.analyzer))
        out = {}
        for name in TEXT_FIELDS:
            fmt = schema[name].format
            poses: dict[str, list[int]] = defaultdict(list)
            weights: dict[str, float] = defaultdict(float)
            terms = analysed.views[name]
            for term, pos, weight in zip(terms.terms, terms.positions, terms.weights):
                poses[term].append(pos)
                weights[term] += weight
            out[name] = PreAnalyzed([(t.encode("utf-8"), len(p), weights[t] * fmt.field_boost, fmt.encode(p))
                                     for t, p in poses.items()])
        # The profile's counts too, as Whoosh's Frequency format would make them from
        # the repeated terms: tokenising those in the writer held it up.
        boost = schema[PROFILE_FIELD].format.field_boost
        out[PROFILE_FIELD] = PreAnalyzed([(t.encode("utf-8"), n, n * boost, pack_uint(n))
                                          for t, n in profile_counts(analysed.key_terms)])
        return out


def document(doc: Document, encoded: Encoded) -> dict:
    """The document's record: stored fields, keywords, columns and postings."""
    f = index_fields(doc, encoded.chunks, encoded.chunk_positions, encoded.key_terms)
    f["filestate"] = f["filestate"].encode()
    for name in ("numbers", "cited_numbers", "cites", "cite_decisions", "relation_targets", "relation_acts", "access"):
        f[name] = " ".join(f[name])
    # The citations for facet counts and labels, one column value per document.
    f["cites_col"] = json.dumps(f.pop("cite_entries"), ensure_ascii=False).encode()
    return {**f, **encoded.views}


def chunk_records(doc: Document, chunks: list[int]) -> list[dict]:
    """The text of one document, one record per chunk, and the record of its details.

    An OCR'd document's chunks also carry their part of the restored reading
    (``restored_text``, cut where the text is cut) and the offsets, in the
    chunk, of the OCR words read as two (``restored_glued``)."""
    ends = chunks[1:] + [len(doc.text)]
    records = [{"chunk_key": chunk_key(doc.id, n), "chunk_of": doc.id, "text": doc.text[a:b]}
               for n, (a, b) in enumerate(zip(chunks, ends))]
    for record, part in zip(records, reading_parts(doc, chunks)):
        record.update(part)
    if doc.citations:
        records.append({"chunk_key": chunk_key(doc.id, DETAILS), "chunk_of": doc.id,
                        "citations": [c.to_dict() for c in doc.citations]})
    return records
