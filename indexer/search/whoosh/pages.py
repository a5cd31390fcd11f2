"""One document, one cited decision: what the pages about them show."""

from __future__ import annotations

import weakref

import numpy as np
from whoosh import query as Q

from indexer.legal.labels import resolved_issuer
from indexer.legal.numbers import number_term
from indexer.search.highlight import highlight_all
from indexer.search.parse import parse
from indexer.search.service import CitedDocument, CitingDocument, DecisionPage, DocumentPage
from indexer.search.terms import highlight_pattern

_CITED_FIELDS = ("key", "kind", "type_code", "number", "date", "year", "issuer", "context", "start", "end")


def _citing_docs(searcher, key: str, limit: int) -> list[CitingDocument]:
    """Documents whose citations include ``key``, each with the citing sentence."""
    out = []
    for hit in searcher.search(Q.Term("cites", key), limit=limit):
        f = hit.fields()
        for c in f.get("citations", []):
            if c.get("key") == key:
                out.append(CitingDocument(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""),
                                          f.get("unit", ""), c.get("context", "")))
                break
    out.sort(key=lambda d: d.date or "", reverse=True)
    return out


def _doc_with_key(searcher, key: str) -> str | None:
    """The id of the archive document whose own number/year/issuer is ``key``."""
    if not key:
        return None
    found = searcher.document(key=key)
    return found["id"] if found else None


def document(handle, doc_id: str, q: str = "", max_citing: int = 1000) -> DocumentPage | None:
    """Metadata, text (marked for q), citations (linked) and cited-by."""
    searcher, _ = handle.current()
    stored = searcher.document(id=doc_id)
    if stored is None:
        return None
    text = stored.get("text", "")
    pattern = highlight_pattern(parse(q), handle.analyzer) if q.strip() else None
    text_html, match_count = highlight_all(text, pattern)
    citations = [
        CitedDocument(**{k: c.get(k) for k in _CITED_FIELDS}, document_id=_doc_with_key(searcher, c.get("key", "")))
        for c in stored.get("citations", [])
    ]
    return DocumentPage(
        id=stored["id"], path=stored.get("path", ""), title=stored.get("title", ""), number=stored.get("number", ""),
        type=stored.get("type", ""), type_name=stored.get("type_name", ""), date=stored.get("date", ""),
        year=stored.get("year", ""), unit=stored.get("unit", ""), province=stored.get("province", ""),
        signer=stored.get("signer", ""), recipients=list(stored.get("recipients") or []), key=stored.get("key", ""),
        text=text, text_html=text_html, match_count=match_count, citations=citations,
        cited_by=_citing_docs(searcher, stored["key"], max_citing) if stored.get("key") else [],
    )


def source_path(handle, doc_id: str) -> str | None:
    searcher, _ = handle.current()
    docnum = searcher.document_number(id=doc_id)
    return searcher.stored_fields(docnum).get("path") if docnum is not None else None


def _issuer_of(searcher, citing: list[CitingDocument], key: str) -> str | None:
    """The first resolved issuer among the citing documents' mentions."""
    for entry in citing[:20]:
        stored = searcher.document(id=entry.id) or {}
        for c in stored.get("citations", []):
            if c.get("key") == key:
                found = resolved_issuer(key, c.get("number", ""), c.get("issuer"))
                if found:
                    return found
    return None


def decision(handle, key: str, max_citing: int = 1000) -> DecisionPage | None:
    """A cited decision (by key) and every archive document citing it."""
    searcher, table = handle.current()
    citing = _citing_docs(searcher, key, max_citing)
    own = _doc_with_key(searcher, key)
    if not citing and not own:
        return None
    if citing:
        stored = searcher.document(id=citing[0].id)
        first = next((c for c in stored.get("citations", []) if c.get("key") == key), {})
    else:
        # Only the document itself is in the archive: it names itself.
        stored = searcher.document(id=own)
        first = {"number": stored.get("number"), "kind": stored.get("type_name"), "type_code": stored.get("type"),
                 "date": stored.get("date"), "year": stored.get("year")}
    return DecisionPage(
        key=key,
        number=first.get("number") or "",
        kind=first.get("kind") or "",
        type_code=first.get("type_code") or "",
        date=first.get("date") or "",
        year=first.get("year") or "",
        issuer=_issuer_of(searcher, citing, key) or ("" if citing else (stored.get("unit") or "")),
        label=table.cite_labels.get(key, key),
        document_id=own,
        citing=citing,
    )


def number_target(handle, number: str) -> tuple[str, str] | None:
    """Where a query that is only a số ký hiệu should go.

    ("document", id) when exactly one archive document has that number;
    ("decision", key) when none does but it is cited under exactly one key;
    None otherwise (the result list is then the answer).
    """
    searcher, table = handle.current()
    term = number_term(number)
    own = list(searcher.docs_for_query(Q.Term("numbers", term)))
    if len(own) == 1:
        return "document", searcher.stored_fields(own[0])["id"]
    if own:
        return None
    keys = {key for key, label in table.cite_labels.items() if number_term(label.split(" (")[0]) == term}
    if len(keys) == 1:
        return "decision", keys.pop()
    return None


_provinces: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def unit_provinces(handle) -> dict[str, str]:
    """Each unit's province (its most common one), computed once per facet table."""
    _, table = handle.current()
    found = _provinces.get(table)
    if found is None:
        pairs = np.stack([table.codes["unit"], table.codes["province"]], axis=1) if table.size else np.zeros((0, 2), int)
        rows, counts = np.unique(pairs, axis=0, return_counts=True)
        found = {}
        for (u, p), _n in sorted(zip(rows.tolist(), counts.tolist()), key=lambda r: -r[1]):
            found.setdefault(table.values["unit"][u], table.values["province"][p])
        _provinces[table] = found
    return found
