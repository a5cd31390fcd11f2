"""One document, one cited decision, from OpenSearch: what their pages show.

The same pages as ``search.whoosh.pages``: the text marked for the query
(``search.highlight`` on the stored text), citations linked to the archive's
copy (one terms query for all of them), cited-by, and a decision's citing
documents with the sentence that cites.
"""

from __future__ import annotations

from indexer.index.opensearch_mapping import LABEL_SEP
from indexer.legal.labels import resolved_issuer
from indexer.legal.numbers import number_term
from indexer.search.reading import page_fields
from indexer.search.parse import parse
from indexer.search.service import CitedDocument, CitingDocument, DecisionPage, DocumentPage
from indexer.search.terms import highlight_terms

_CITED_FIELDS = ("key", "kind", "type_code", "number", "date", "year", "issuer", "context", "start", "end")
_CITING_SOURCE = ["id", "title", "number", "date", "unit", "citations", "restored_title"]


def stored(handle, doc_id: str, fields=None) -> dict | None:
    body = {"query": {"term": {"id": doc_id}}, "size": 1}
    if fields is not None:
        body["_source"] = fields
    hits = handle.search(body)["hits"]["hits"]
    return hits[0]["_source"] if hits else None


def _ids_with_keys(handle, keys: list[str]) -> dict[str, str]:
    """key -> id of the archive document whose own key it is (the first by id)."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return {}
    body = {"query": {"terms": {"key": keys}}, "size": min(10000, len(keys) * 5), "_source": ["id", "key"],
            "sort": [{"id": "asc"}]}
    out: dict[str, str] = {}
    for hit in handle.search(body)["hits"]["hits"]:
        out.setdefault(hit["_source"]["key"], hit["_source"]["id"])
    return out


def _citing(handle, key: str, limit: int) -> tuple[list[CitingDocument], list[dict]]:
    """The documents citing ``key``, newest first (ties: the later id first, as Whoosh's
    later docnum), undated last; each with the sentence that cites it."""
    body = {"query": {"term": {"cites": key}}, "size": min(limit, 10000), "_source": _CITING_SOURCE,
            "sort": [{"id": "asc"}]}
    docs = [h["_source"] for h in handle.search(body)["hits"]["hits"]]
    dated = sorted((f for f in docs if f.get("date")), key=lambda f: (f["date"], f["id"]), reverse=True)
    docs = dated + [f for f in docs if not f.get("date")]
    out = []
    for f in docs:
        c = next((c for c in f.get("citations", []) if c.get("key") == key), {})
        out.append(CitingDocument(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""),
                                  f.get("unit", ""), c.get("context", ""), f.get("restored_title") or f.get("title", ""),
                                  c.get("restored_context") or c.get("context", "")))
    return out, docs


def document(handle, doc_id: str, q: str = "", max_citing: int = 100, max_citations: int = 500) -> DocumentPage | None:
    f = stored(handle, doc_id)
    if f is None:
        return None
    text = f.get("text", "")
    pattern = highlight_terms(parse(q), handle.analyzer) if q.strip() else None
    shown = page_fields(f, text, f.get("restored_text"), f.get("restored_glued") or [], pattern)
    cited_by = _citing(handle, f["key"], 10000)[0] if f.get("key") else []
    everything = f.get("citations", [])
    cited = everything[:max_citations]
    owners = _ids_with_keys(handle, [c.get("key", "") for c in cited])
    citations = [CitedDocument(**{k: c.get(k) for k in _CITED_FIELDS}, document_id=owners.get(c.get("key", "")))
                 for c in cited]
    return DocumentPage(
        id=f["id"], path=f.get("path", ""), title=f.get("title", ""), number=f.get("number", ""),
        type=f.get("type", ""), type_name=f.get("type_name", ""), date=f.get("date", ""), year=f.get("year", ""),
        unit=f.get("unit", ""), province=f.get("province", ""), signer=f.get("signer", ""),
        recipients=list(f.get("recipients") or []), key=f.get("key", ""), text=text, **shown,
        citations=citations, cited_by=cited_by[:max_citing],
        citations_total=len(everything), cited_by_total=len(cited_by),
    )


def source_path(handle, doc_id: str) -> str | None:
    f = stored(handle, doc_id, ["path"])
    return f.get("path") if f is not None else None


def cite_label(handle, key: str) -> str:
    """The name a cited key goes by (the newest citing document's label)."""
    body = {"query": {"term": {"cites": key}}, "size": 1, "_source": False, "docvalue_fields": ["cite_labels"],
            "sort": [{"id": "desc"}]}
    for hit in handle.search(body)["hits"]["hits"]:
        for value in hit.get("fields", {}).get("cite_labels", []):
            k, _, label = value.partition(LABEL_SEP)
            if k == key:
                return label
    return key


def decision(handle, key: str, max_citing: int = 100, page: int = 1) -> DecisionPage | None:
    """A cited decision and one page (``max_citing`` per page, newest first) of its citing documents."""
    citing, sources = _citing(handle, key, 10000)
    pages = max(1, -(-len(citing) // max_citing))
    page = min(max(1, page), pages)
    own = _ids_with_keys(handle, [key]).get(key)
    if not citing and not own:
        return None
    if citing:
        first = next((c for c in sources[0].get("citations", []) if c.get("key") == key), {})
    else:
        f = stored(handle, own) or {}
        first = {"number": f.get("number"), "kind": f.get("type_name"), "type_code": f.get("type"),
                 "date": f.get("date"), "year": f.get("year")}
    issuer = _issuer_of(sources, key) or ("" if citing else ((stored(handle, own, ["unit"]) or {}).get("unit") or ""))
    return DecisionPage(
        key=key, number=first.get("number") or "", kind=first.get("kind") or "",
        type_code=first.get("type_code") or "", date=first.get("date") or "", year=first.get("year") or "",
        issuer=issuer, label=cite_label(handle, key), document_id=own,
        citing=citing[(page - 1) * max_citing: page * max_citing], citing_total=len(citing), page=page,
        pages=pages,
    )


def _issuer_of(sources: list[dict], key: str) -> str | None:
    for f in sources[:20]:
        for c in f.get("citations", []):
            if c.get("key") == key:
                found = resolved_issuer(key, c.get("number", ""), c.get("issuer"))
                if found:
                    return found
    return None


def number_target(handle, number: str) -> tuple[str, str] | None:
    """("document", id) for one own number, ("decision", key) for one cited key, else None."""
    term = number_term(number)
    own = handle.search({"query": {"term": {"numbers": term}}, "size": 2, "_source": ["id"]})["hits"]["hits"]
    if len(own) == 1:
        return "document", own[0]["_source"]["id"]
    if own:
        return None
    body = {"query": {"term": {"cited_numbers": term}}, "size": 1000, "_source": False,
            "docvalue_fields": ["cite_labels"]}
    keys = set()
    for hit in handle.search(body)["hits"]["hits"]:
        for value in hit.get("fields", {}).get("cite_labels", []):
            key, _, label = value.partition(LABEL_SEP)
            if number_term(label.split(" (")[0]) == term:
                keys.add(key)
    return ("decision", keys.pop()) if len(keys) == 1 else None
