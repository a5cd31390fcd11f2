"""One document, one cited decision: what the pages about them show.

Every list on these pages is bounded: a document page shows one section of
the text and at most ``settings.max_citations`` of its citations; a decision
page lists one page of its citing documents (newest first, from the facet
table's dates, so sorting them reads no document).
"""

from __future__ import annotations

import weakref

import numpy as np
from whoosh import query as Q

from indexer.index.chunks import section_chunks, sections
from indexer.legal.labels import resolved_issuer
from indexer.legal.numbers import number_term
from indexer.search.parse import parse
from indexer.search.service import CitedDocument, CitingDocument, DecisionPage, DocumentPage
from indexer.search.settings import SearchSettings
from indexer.search.terms import highlight_terms, index_terms
from indexer.search.whoosh.postings import term_postings
from indexer.search.paging import page_data
from indexer.search.reading import section_fields
from indexer.search.whoosh.texts import chunk_matches, details, section_texts

_CITED_FIELDS = ("key", "kind", "type_code", "number", "date", "year", "issuer", "context", "start", "end")


def _citing_docnums(searcher, table, key: str) -> list[int]:
    """Docnums of the documents citing ``key``, newest first (undated last)."""
    ids = term_postings(searcher, "cites", key, table.postings)[0].tolist()
    dated = sorted((d for d in ids if table.dates[d]), key=lambda d: (table.dates[d], d), reverse=True)
    return dated + [d for d in ids if not table.dates[d]]


def _citing(searcher, docnums: list[int], key: str) -> list[CitingDocument]:
    """Each citing document with the sentence that cites ``key``."""
    out = []
    for docnum in docnums:
        f = searcher.stored_fields(docnum)
        mention = next((c for c in details(searcher, f["id"]).get("citations", []) if c.get("key") == key), {})
        out.append(CitingDocument(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""),
                                  f.get("unit", ""), mention.get("context", ""),
                                  f.get("restored_title") or f.get("title", ""),
                                  mention.get("restored_context") or mention.get("context", "")))
    return out


def _doc_with_key(searcher, key: str) -> str | None:
    """The id of the archive document whose own number/year/issuer is ``key``."""
    if not key:
        return None
    found = searcher.document(key=key)
    return found["id"] if found else None


def document(handle, doc_id: str, q: str = "", section: int = 1, settings: SearchSettings = SearchSettings()) -> DocumentPage | None:
    """Metadata, one section of the text (marked for q), citations (linked) and cited-by."""
    searcher, table = handle.current()
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        return None
    stored = searcher.stored_fields(docnum)
    count = sections(len(stored.get("chunks") or [0]))
    section = min(max(1, section), count)
    text, start, restored, glued = section_texts(searcher, stored, section)
    pq = parse(q) if q.strip() else None
    shown = section_fields(stored, text, start, restored, glued, highlight_terms(pq, handle.analyzer) if pq else None)
    terms = index_terms(pq, handle.analyzer) if pq else set()
    per_section: list[int] = []
    per_chunk = None
    if (pq and count > 1) or (terms and stored.get("pages")):
        per_chunk = [n for _, n in chunk_matches(searcher, table, docnum, stored, terms)]
    if pq and count > 1:
        per_section = [sum(per_chunk[n] for n in section_chunks(k, len(per_chunk))) for k in range(1, count + 1)]
    mentions = details(searcher, doc_id).get("citations", [])
    citations = [
        CitedDocument(**{k: c.get(k) for k in _CITED_FIELDS}, document_id=_doc_with_key(searcher, c.get("key", "")))
        for c in mentions[: settings.max_citations]
    ]
    citing = _citing_docnums(searcher, table, stored["key"]) if stored.get("key") else []
    return DocumentPage(
        id=stored["id"], path=stored.get("path", ""), title=stored.get("title", ""), number=stored.get("number", ""),
        type=stored.get("type", ""), type_name=stored.get("type_name", ""), date=stored.get("date", ""),
        year=stored.get("year", ""), unit=stored.get("unit", ""), province=stored.get("province", ""),
        signer=stored.get("signer", ""), recipients=list(stored.get("recipients") or []), key=stored.get("key", ""),
        text=text, citations=citations, **shown,
        cited_by=_citing(searcher, citing[: settings.max_citing], stored["key"]),
        section=section, sections=count, section_start=start, section_matches=per_section,
        citations_total=len(mentions), cited_by_total=len(citing),
        **page_data(stored, per_chunk if terms else None),
    )


def source_path(handle, doc_id: str) -> str | None:
    searcher, _ = handle.current()
    docnum = searcher.document_number(id=doc_id)
    return searcher.stored_fields(docnum).get("path") if docnum is not None else None


def _issuer_of(searcher, citing: list[CitingDocument], key: str) -> str | None:
    """The first resolved issuer among the citing documents' mentions."""
    for entry in citing[:20]:
        for c in details(searcher, entry.id).get("citations", []):
            if c.get("key") == key:
                found = resolved_issuer(key, c.get("number", ""), c.get("issuer"))
                if found:
                    return found
    return None


def decision(handle, key: str, page: int = 1, settings: SearchSettings = SearchSettings()) -> DecisionPage | None:
    """A cited decision (by key) and one page of the archive documents citing it."""
    searcher, table = handle.current()
    docnums = _citing_docnums(searcher, table, key)
    own = _doc_with_key(searcher, key)
    if not docnums and not own:
        return None
    per_page = settings.max_citing
    pages = max(1, -(-len(docnums) // per_page))
    page = min(max(1, page), pages)
    citing = _citing(searcher, docnums[(page - 1) * per_page : page * per_page], key)
    if docnums:
        first_id = searcher.stored_fields(docnums[0])["id"]
        first = next((c for c in details(searcher, first_id).get("citations", []) if c.get("key") == key), {})
        stored = {}
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
        issuer=_issuer_of(searcher, citing, key) or ("" if docnums else (stored.get("unit") or "")),
        label=table.cite_labels.get(key, key),
        document_id=own,
        citing=citing,
        citing_total=len(docnums),
        page=page,
        pages=pages,
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
