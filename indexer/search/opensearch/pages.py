"""One document, one cited decision, from OpenSearch: what their pages show.

The same pages as ``search.whoosh.pages``, bounded the same way: one section
of the text marked for the query (``texts``: chunk records, with the matches
of every section counted), at most ``max_citations`` citations linked to the
archive's copy (one terms query for all of them), one page of cited-by and of
a decision's citing documents (newest first, sorted by OpenSearch), each with
the sentence that cites.
"""

from __future__ import annotations

from indexer.index.chunks import section_chunks, sections
from indexer.index.opensearch.mapping import LABEL_SEP
from indexer.legal.labels import resolved_issuer
from indexer.legal.numbers import number_term
from indexer.search.opensearch import texts
from indexer.search.parse import parse
from indexer.search.paging import page_data
from indexer.search.reading import section_fields
from indexer.search.service import CitedDocument, CitingDocument, DecisionPage, DocumentPage
from indexer.search.terms import highlight_terms, index_terms

_CITED_FIELDS = ("key", "kind", "type_code", "number", "date", "year", "issuer", "context", "start", "end")
_CITING_SOURCE = ["id", "title", "number", "date", "unit", "restored_title"]


def stored(handle, doc_id: str, fields=None) -> dict | None:
    body = {"query": {"term": {"id": doc_id}}, "size": 1, "_source": {"excludes": ["key_terms"]}}
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


def _citing_page(handle, key: str, start: int, size: int) -> tuple[list[dict], int]:
    """Documents citing ``key`` at [start, start + size) of their order, and how many
    there are: newest first (ties: the later id first, as Whoosh's later docnum),
    then the undated ones by id.  At most two searches, whatever their number."""
    def ask(dated: bool, offset: int, count: int) -> tuple[list[dict], int]:
        offset = min(offset, 10000)  # OpenSearch's result window
        count = max(0, min(count, 10000 - offset))
        order = [{"date": "desc"}, {"id": "desc"}] if dated else [{"id": "asc"}]
        body = {"query": {"bool": {"filter": [{"term": {"cites": key}}, {"term": {"has_date": dated}}]}},
                "from": offset, "size": count, "_source": _CITING_SOURCE, "sort": order, "track_total_hits": True}
        found = handle.search(body)["hits"]
        return [h["_source"] for h in found["hits"]], found["total"]["value"]

    docs, dated = ask(True, start, size)
    rest = size - len(docs)
    undated_docs, undated = ask(False, max(0, start - dated), rest if rest else 0)
    return docs + undated_docs, dated + undated


def _citing(handle, key: str, start: int, size: int) -> tuple[list[CitingDocument], int]:
    """One page of the documents citing ``key``, each with the sentence that cites it."""
    docs, total = _citing_page(handle, key, start, size)
    said = texts.mentions(handle, [f["id"] for f in docs], key)
    out = []
    for f in docs:
        c = said.get(f["id"], {})
        out.append(CitingDocument(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""), f.get("unit", ""),
                                  c.get("context", ""), f.get("restored_title") or f.get("title", ""),
                                  c.get("restored_context") or c.get("context", "")))
    return out, total


def document(handle, doc_id: str, q: str = "", section: int = 1, max_citing: int = 100,
             max_citations: int = 500) -> DocumentPage | None:
    f = stored(handle, doc_id)
    if f is None:
        return None
    starts = f.get("chunks") or [0]
    count = sections(len(starts))
    section = min(max(1, section), count)
    text, offset, restored, glued = texts.section_texts(handle, f, section)
    pq = parse(q) if q.strip() else None
    shown = section_fields(f, text, offset, restored, glued, highlight_terms(pq, handle.analyzer) if pq else None)
    terms = index_terms(pq, handle.analyzer) if pq else set()
    # The matches on each page come from each chunk's (a page is whole chunks); a
    # paged text's sections are summed from those, not asked again.  A long text
    # without pages is counted by section: a bucket per chunk of a 19 MB text
    # would pass OpenSearch's bucket limit.
    per_chunk = texts.section_matches(handle, doc_id, terms, len(starts), per=1) \
        if terms and f.get("pages") else None
    per_section: list[int] = []
    if pq and count > 1:
        per_section = [sum(per_chunk[n] for n in section_chunks(k, len(starts))) for k in range(1, count + 1)] \
            if per_chunk is not None else texts.section_matches(handle, doc_id, terms, count)
    cited_by, cited_by_total = _citing(handle, f["key"], 0, max_citing) if f.get("key") else ([], 0)
    cited, citations_total = texts.details(handle, doc_id, max_citations)
    owners = _ids_with_keys(handle, [c.get("key", "") for c in cited])
    citations = [CitedDocument(**{k: c.get(k) for k in _CITED_FIELDS}, document_id=owners.get(c.get("key", "")))
                 for c in cited]
    return DocumentPage(
        id=f["id"], path=f.get("path", ""), title=f.get("title", ""), number=f.get("number", ""),
        type=f.get("type", ""), type_name=f.get("type_name", ""), date=f.get("date", ""), year=f.get("year", ""),
        unit=f.get("unit", ""), province=f.get("province", ""), signer=f.get("signer", ""),
        recipients=list(f.get("recipients") or []), key=f.get("key", ""), text=text, **shown,
        citations=citations, cited_by=cited_by,
        section=section, sections=count, section_start=offset, section_matches=per_section,
        citations_total=citations_total, cited_by_total=cited_by_total,
        **page_data(f, per_chunk),
    )


def source_path(handle, doc_id: str) -> str | None:
    f = stored(handle, doc_id, ["path"])
    return f.get("path") if f is not None else None


def cite_labels(handle, keys) -> dict[str, str]:
    """The name each cited key goes by (its newest citing document's label, as Whoosh
    keeps the last one indexed), cached per build: one search for the keys not seen yet."""
    cache = handle.current().cache.setdefault("labels", {})
    missing = sorted({k for k in keys if k and k not in cache})
    if missing:
        newest = {"top_hits": {"size": 1, "_source": False, "docvalue_fields": ["cite_labels"], "sort": [{"id": "desc"}]}}
        aggs = {"k": {"terms": {"field": "cites", "include": missing, "size": len(missing)}, "aggs": {"label": newest}}}
        found = handle.search({"size": 0, "query": {"terms": {"cites": missing}}, "aggs": aggs})
        for bucket in found["aggregations"]["k"]["buckets"]:
            for hit in bucket["label"]["hits"]["hits"]:
                for value in hit.get("fields", {}).get("cite_labels", []):
                    key, _, label = value.partition(LABEL_SEP)
                    if key == bucket["key"]:
                        cache[key] = label
        for key in missing:
            cache.setdefault(key, key)
    return {k: cache.get(k, k) for k in keys}


def cite_label(handle, key: str) -> str:
    return cite_labels(handle, [key])[key]


def decision(handle, key: str, max_citing: int = 100, page: int = 1) -> DecisionPage | None:
    """A cited decision and one page (``max_citing`` per page, newest first) of its citing documents."""
    first_page, total = _citing(handle, key, 0, max_citing)
    pages = max(1, -(-total // max_citing))
    page = min(max(1, page), pages)
    citing = first_page if page == 1 else _citing(handle, key, (page - 1) * max_citing, max_citing)[0]
    own = _ids_with_keys(handle, [key]).get(key)
    if not total and not own:
        return None
    if total:
        first = texts.mentions(handle, [first_page[0].id], key).get(first_page[0].id, {})
        issuer = _issuer_of(handle, citing, key)
    else:
        # Only the document itself is in the archive: it names itself.
        f = stored(handle, own, ["number", "type_name", "type", "date", "year", "unit"]) or {}
        first = {"number": f.get("number"), "kind": f.get("type_name"), "type_code": f.get("type"),
                 "date": f.get("date"), "year": f.get("year")}
        issuer = f.get("unit") or ""
    return DecisionPage(
        key=key, number=first.get("number") or "", kind=first.get("kind") or "",
        type_code=first.get("type_code") or "", date=first.get("date") or "", year=first.get("year") or "",
        issuer=issuer or "", label=cite_label(handle, key), document_id=own,
        citing=citing, citing_total=total, page=page, pages=pages,
    )


def _issuer_of(handle, citing: list[CitingDocument], key: str) -> str | None:
    """The first resolved issuer among the citing documents' mentions (the first 20 of the page)."""
    said = texts.mentions(handle, [c.id for c in citing[:20]], key)
    for entry in citing[:20]:
        c = said.get(entry.id)
        if c:
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
