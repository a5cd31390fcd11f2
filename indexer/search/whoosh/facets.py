"""Facet counts from per-document columns, with numpy.

One FacetTable is built per index reader (per commit) from the facet columns:
each single-valued facet becomes an array of small integer codes, the
multi-valued "cites" facet a CSR pair (indptr, indices).  Counting a result
set is then a handful of vectorised operations, whatever its size.

Counts are disjunctive, as with Elasticsearch's post_filter: the counts shown
for one facet apply every *other* facet's selection but not its own, so
ticking a second year still shows how many documents the first one has.
"""

from __future__ import annotations

import json
import numpy as np

from indexer.index.weights import PROXIMITY_FIELD
from indexer.search.service import MISSING
from indexer.search.whoosh.postings import PostingsCache

SINGLE = ("year", "type", "unit", "province")


class FacetTable:
    """Facet values of every document of one reader."""

    def __init__(self, reader, postings_budget: int = 48 * 1024 * 1024):
        self.size = reader.doc_count_all()
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, list[str]] = {}
        self.ranks: dict[str, np.ndarray] = {}
        for name in SINGLE:
            self._load_single(reader, name)
        self._load_cites(reader)
        self.dates = [d or "" for d in self._column(reader, "date")]
        # For ranking (ranking.py): the undeleted docnums, and each document's
        # length in words for BM25's length normalisation.
        # Chunk records (a document's text, index.chunks) have no id: they are
        # not documents, so they are never counted, listed or ranked.
        ids = self._column(reader, "id")
        self.ids = ids
        self.live = np.fromiter((d for d in reader.all_doc_ids() if ids[d]), dtype=np.int64)
        self.lengths = np.ones(self.size, dtype=np.float32)
        for docnum in self.live.tolist():
            self.lengths[docnum] = reader.doc_field_length(docnum, PROXIMITY_FIELD, 1) or 1
        self.avg_length = float(self.lengths[self.live].mean()) if len(self.live) else 1.0
        # Postings of terms, and positions of terms in documents, as read lately.
        self.postings = PostingsCache(postings_budget)
        self.positions = PostingsCache(postings_budget // 2)

    def _column(self, reader, name) -> list:
        if self.size == 0:
            return []
        return list(reader.column_reader(name, translate=True))

    def _load_single(self, reader, name: str) -> None:
        index: dict[str, int] = {}
        codes = np.fromiter(
            (index.setdefault(v or "", len(index)) for v in self._column(reader, name)),
            dtype=np.int32,
            count=self.size,
        )
        self.codes[name] = codes
        self.values[name] = list(index)

    def _load_cites(self, reader) -> None:
        index: dict[str, int] = {}
        self.cite_labels: dict[str, str] = {}
        self.cite_kinds: dict[str, str] = {}
        indptr, indices = [0], []
        for raw in self._column(reader, "cites_col"):
            for key, label, type_code in json.loads(raw.decode() or "[]") if raw else []:
                indices.append(index.setdefault(key, len(index)))
                self.cite_labels[key] = label
                self.cite_kinds[key] = type_code
            indptr.append(len(indices))
        self.cite_ptr = np.asarray(indptr, dtype=np.int64)
        self.cite_idx = np.asarray(indices, dtype=np.int32)
        self.values["cites"] = list(index)
        self.cite_is_decision = np.asarray([self.cite_kinds.get(k) == "QĐ" for k in index], dtype=bool)
        self.cite_owner = np.repeat(np.arange(self.size, dtype=np.int64), np.diff(self.cite_ptr))

    # --- selection -------------------------------------------------------
    def _codes_of(self, name: str, selected: list[str]) -> np.ndarray:
        wanted = {"" if v == MISSING else v for v in selected}
        return np.asarray([i for i, v in enumerate(self.values[name]) if v in wanted], dtype=np.int32)

    def mask(self, name: str, docnums: np.ndarray, selected: list[str]) -> np.ndarray:
        """Which of ``docnums`` have any of the selected values (OR within a facet)."""
        codes = self._codes_of(name, selected)
        if name != "cites":
            return np.isin(self.codes[name][docnums], codes)
        hit = np.zeros(self.size, dtype=bool)
        hit[np.unique(self.cite_owner[np.isin(self.cite_idx, codes)])] = True
        return hit[docnums]

    def _ranks(self, name: str) -> np.ndarray:
        """Each value's place in value order (computed once per searcher)."""
        ranks = self.ranks.get(name)
        if ranks is None:
            values = self.values[name]
            ranks = np.empty(len(values), dtype=np.int64)
            ranks[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
            self.ranks[name] = ranks
        return ranks

    def counts(self, name: str, docnums: np.ndarray, limit: int | None = None, include=()) -> list[tuple[str, int]]:
        """(value, count) over docnums, largest first; "" is the unknown bucket.

        Only the ``limit`` largest (a cited-decision facet of 100,000
        documents has over 100,000 values), plus the values in ``include``;
        the "cites" facet counts decisions (Quyết định) only.
        """
        if name != "cites":
            bins = np.bincount(self.codes[name][docnums], minlength=len(self.values[name]))
        else:
            member = np.zeros(self.size, dtype=bool)
            member[docnums] = True
            bins = np.bincount(self.cite_idx[member[self.cite_owner]], minlength=len(self.values["cites"]))
            bins = np.where(self.cite_is_decision, bins, 0)
        nonzero = np.nonzero(bins)[0]
        if limit is not None and len(nonzero) > limit:
            # Largest first, ties by value (as every engine lists them): a cut
            # through a thousand values counted once keeps the same ones anywhere.
            nonzero = nonzero[np.lexsort((self._ranks(name)[nonzero], -bins[nonzero]))[:limit]]
        values = self.values[name]
        chosen = {int(i) for i in nonzero}
        wanted = {"" if v == MISSING else v for v in include}
        chosen |= {i for i, v in enumerate(values) if v in wanted} if wanted else set()
        pairs = [(values[i], int(bins[i])) for i in chosen]
        pairs.sort(key=lambda p: (-p[1], p[0]))
        kept = pairs[:limit] if limit is not None else pairs
        return kept + [p for p in pairs[len(kept):] if p[0] in wanted]


def facet_counts(table: FacetTable, docnums: np.ndarray, selection: dict[str, list[str]], names,
                 limit: int | None = None) -> dict:
    """Disjunctive counts: each facet filtered by all selections but its own."""
    masks = {n: table.mask(n, docnums, v) for n, v in selection.items() if v}
    out = {}
    for name in names:
        keep = np.ones(len(docnums), dtype=bool)
        for other, m in masks.items():
            if other != name:
                keep &= m
        out[name] = table.counts(name, docnums[keep], limit, selection.get(name, ()))
    final = np.ones(len(docnums), dtype=bool)
    for m in masks.values():
        final &= m
    return out, docnums[final]
