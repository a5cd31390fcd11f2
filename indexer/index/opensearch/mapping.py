"""The OpenSearch mapping: the fields of an index, how each is analysed and weighs.

Analysis happens in Python (``indexer.analysis.analyzer``), exactly as for
Whoosh; OpenSearch receives each text view as a string of ready-made tokens
and only splits it.  Four token fields, searched together (the scores add
up; each query term carries its view's weight from ``index.weights``):

    unsure    an OCR'd word whose marks the restorer could not tell: the
              readings it found plausible joined by "|" ("~"+letters where
              nothing is known), FILLER elsewhere.
    exact     accented words, lower-cased: "kết luận"; a word without marks
              is the filler "_", which the ``stop`` filter drops while keeping
              its position, so phrases do not jump over unmarked words.
    folded    each word as read, folded ("ket luan", "ciia"): one token per
              position.
    repaired  each position's reading and its OCR repairs joined by "|"
              ("ciia|cua"); ``pattern_capture`` (module analysis-common) emits
              every alternative at the same position, so the phrase "của chủ
              tịch" matches "ciia chu tich".  A two-syllable repair of a merged
              word takes the next position too.

Lucene's term frequencies are whole numbers, so a repair cannot be indexed at
half weight as Whoosh does (``REPAIR_WEIGHT``).  The same order comes from the
two fields instead: a word read as typed matches in ``folded`` and
``repaired`` (1.5 together, Whoosh's 1.5 for the repaired view), a word
found only as a repair matches in ``repaired`` alone (1.0; Whoosh gives a
repair about two thirds of a reading).  The token fields are left out of
``_source``, and the text is not in this index at all: it lives in chunk
records of a companion index (``chunks``), so no hit carries it.

The other fields are keywords (filters, facets as terms aggregations, sort):
``numbers`` and ``cited_numbers`` hold folded số ký hiệu, ``cites`` every
citation key, ``cite_decisions`` the keys of cited decisions only (the cites
facet counts those), ``cite_labels`` "key\\x1flabel" for the facet's names,
``access`` who may read the document (``index.access``: every reader's search
filters on it).  ``profile`` holds the key terms "similar" ranks by
(``index.fields.profile``), scored by BM25 without the length factor (b 0,
Lucene's k1 1.2 as ``search.rules.K1``): every profile is about as long.
``filestate`` (checksum mtime size), ``chunk_count`` and ``detail_pages`` are
read by incremental builds from doc values.  Everything else (title, signer,
where the chunks start, the key terms for "similar") is only in ``_source``
(``dynamic: false``).

The index fingerprint (``fingerprint``) is the analysis fingerprint plus the
code of this mapping, the chunk records and the document JSON (``encoder``):
a mapping change rebuilds OpenSearch indexes, not Whoosh ones.
It is stored in the mapping's ``_meta`` with the analyzer and the last build.
"""

from __future__ import annotations

from indexer.analysis.analyzer import Analyzer
from indexer.index.fingerprint import fingerprint as index_fingerprint
from indexer.index.weights import PROFILE_FIELD

TOKEN_FIELDS = ("exact", "unsure", "folded", "repaired")
FILLER = "_"  # an unmarked word's place in the exact view; WORD never yields "_"
ALT = "|"
LABEL_SEP = "\x1f"
KEYWORDS = ("id", "path", "number", "numbers", "cited_numbers", "key", "type", "date", "year", "unit",
            "province", "cites", "cite_decisions", "cite_labels",
            # Relations and dates of force (index.fields.relation_values).
            "relation_targets", "relation_acts", "key_identity", "effective_date", "end_date", "force",
            # Who may read it (index.access).
            "access")

SETTINGS = {
    "analysis": {
        "filter": {
            "vdoc_alternatives": {"type": "pattern_capture", "preserve_original": False, "patterns": ["([^|]+)"]},
            "vdoc_filler": {"type": "stop", "stopwords": [FILLER]},
        },
        "analyzer": {
            "vdoc_tokens": {"type": "custom", "tokenizer": "whitespace"},
            "vdoc_exact": {"type": "custom", "tokenizer": "whitespace", "filter": ["vdoc_filler"]},
            "vdoc_stacked": {"type": "custom", "tokenizer": "whitespace", "filter": ["vdoc_alternatives", "vdoc_filler"]},
        },
    },
    "similarity": {"vdoc_profile": {"type": "BM25", "b": 0.0}},
}


def _text(analyzer: str) -> dict:
    # Queries send terms already analysed: the search analyzer only splits.
    return {"type": "text", "analyzer": analyzer, "search_analyzer": "vdoc_tokens"}


def mappings(meta: dict) -> dict:
    props = {name: {"type": "keyword"} for name in KEYWORDS}
    props["filestate"] = {"type": "keyword", "index": False}
    props["chunk_count"] = {"type": "integer", "index": False}
    props["detail_pages"] = {"type": "integer", "index": False}
    props["has_date"] = {"type": "boolean"}
    props["exact"] = _text("vdoc_exact")
    props["folded"] = _text("vdoc_tokens")
    props["repaired"] = _text("vdoc_stacked")
    props["unsure"] = _text("vdoc_stacked")
    props[PROFILE_FIELD] = {**_text("vdoc_tokens"), "index_options": "freqs", "norms": False,
                            "similarity": "vdoc_profile"}
    return {"dynamic": False, "_meta": meta, "_source": {"excludes": [*TOKEN_FIELDS, PROFILE_FIELD]},
            "properties": props}


def index_body(meta: dict, shards: int = 1, replicas: str = "0-1") -> dict:
    """Settings and mappings of a new physical index.  ``auto_expand_replicas``
    gives one replica when a second data node exists, none on a single node,
    so a one-node cluster is still green."""
    settings = dict(SETTINGS, number_of_shards=shards, auto_expand_replicas=replicas)
    return {"settings": settings, "mappings": mappings(meta)}


# What shapes an OpenSearch index beyond what shapes every engine's
# (index.fingerprint): this mapping, the chunk records and the document JSON.
SHAPING = ("index/opensearch/mapping.py", "index/opensearch/chunks.py", "index/opensearch/encoder.py")


def fingerprint(analyzer: Analyzer) -> str:
    """The fingerprint of OpenSearch indexes built by this code with this analyzer
    (a mapping change rebuilds OpenSearch indexes, not Whoosh ones)."""
    return index_fingerprint(analyzer, SHAPING).digest
