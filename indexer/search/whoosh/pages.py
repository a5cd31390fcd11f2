"""One document, one cited decision: what the pages about them show."""

from __future__ import annotations

import weakref

import numpy as np
from whoosh import query as Q

from indexer.search.highlight import highlight_all
from indexer.legal.labels import resolved_issuer
from indexer.search.parse import parse
from indexer.search.terms import highlight_pattern
from indexer.analysis.text import number_term

META_FIELDS = (
    "id", "path", "title", "number", "type", "type_name", "date", "year",
    "unit", "province", "signer", "recipients", "key",
)
MAX_CITING = 1000


def _citing_docs(searcher, key: str) -> list[dict]:
    """Documents whose citations include ``key``, each with the citing sentence."""
    out = []
    for hit in searcher.search(Q.Term("cites", key), limit=MAX_CITING):
        f = hit.fields()
        for c in f.get("citations", []):
            if c.get("key") == key:
                out.append({
                    "id": f["id"], "title": f.get("title", ""), "number": f.get("number", ""),
                    "date": f.get("date", ""), "unit": f.get("unit", ""),
                    "context": c.get("context", ""),
                })
                break
    out.sort(key=lambda d: d["date"] or "", reverse=True)
    return out


def _doc_with_key(searcher, key: str) -> str | None:
    """The id of the archive document whose own number/year/issuer is ``key``."""
    if not key:
        return None
    found = searcher.document(key=key)
    return found["id"] if found else None


def document(handle, doc_id: str, q: str = "") -> dict | None:
    """Metadata, text (marked for q), citations (linked) and cited-by."""
    searcher, _ = handle.current()
    stored = searcher.document(id=doc_id)
    if stored is None:
        return None
    out = {name: stored.get(name, "") for name in META_FIELDS}
    out["recipients"] = list(stored.get("recipients") or [])
    text = stored.get("text", "")
    out["text"] = text
    pattern = highlight_pattern(parse(q)) if q.strip() else None
    out["text_html"], out["match_count"] = highlight_all(text, pattern)
    citations = []
    for c in stored.get("citations", []):
        c = dict(c)
        c["document_id"] = _doc_with_key(searcher, c.get("key", ""))
        citations.append(c)
    out["citations"] = citations
    out["cited_by"] = _citing_docs(searcher, stored["key"]) if stored.get("key") else []
    return out


def _issuer_of(searcher, citing: list[dict], key: str) -> str | None:
    """The first resolved issuer among the citing documents' mentions."""
    for entry in citing[:20]:
        stored = searcher.document(id=entry["id"]) or {}
        for c in stored.get("citations", []):
            if c.get("key") == key:
                found = resolved_issuer(key, c.get("number", ""), c.get("issuer"))
                if found:
                    return found
    return None


def decision(handle, key: str) -> dict | None:
    """A cited decision (by key) and every archive document citing it."""
    searcher, table = handle.current()
    citing = _citing_docs(searcher, key)
    own = _doc_with_key(searcher, key)
    if not citing and not own:
        return None
    first = {}
    if citing:
        stored = searcher.document(id=citing[0]["id"])
        first = next((c for c in stored.get("citations", []) if c.get("key") == key), {})
    else:
        # Only the document itself is in the archive: it names itself.
        stored = searcher.document(id=own)
        first = {"number": stored.get("number"), "kind": stored.get("type_name"), "type_code": stored.get("type"),
                 "date": stored.get("date"), "year": stored.get("year")}
    return {
        "key": key,
        "number": first.get("number", ""),
        "kind": first.get("kind", ""),
        "type_code": first.get("type_code", ""),
        "date": first.get("date") or "",
        "year": first.get("year") or "",
        "issuer": _issuer_of(searcher, citing, key) or ("" if citing else (stored.get("unit") or "")),
        "label": table.cite_labels.get(key, key),
        "document_id": own,
        "citing": citing,
    }


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
