"""One document, one cited decision: what their pages show, for every engine.

Every list on these pages is bounded: a document page shows one section of
the text (``index.chunks``) marked for the query, at most ``max_citations``
of its citations linked to the archive's copy, and one page of the documents
citing it; a decision page lists one page of its citing documents (newest
first), each with the sentence that cites.
"""

from __future__ import annotations

from indexer.index.chunks import SECTION_CHUNKS, section_chunks, sections
from indexer.legal.labels import resolved_issuer
from indexer.search.lineage import strongest
from indexer.search import sentences
from indexer.search.paging import page_data
from indexer.search.parse import parse
from indexer.search.reading import joined_texts, restored_values, section_fields
from indexer.search.service import CitedDocument, CitingDocument, DecisionPage, DocumentPage
from indexer.search.settings import SearchSettings
from indexer.search.matches import wanted
from indexer.search.terms import estimated_matches, position_words

CITED_FIELDS = ("key", "kind", "type_code", "number", "date", "year", "issuer", "context", "start", "end")


def document(engine, doc_id: str, q: str = "", section: int = 1,
             settings: SearchSettings = SearchSettings()) -> DocumentPage | None:
    """Metadata, one section of the text (marked for q), citations (linked) and cited-by."""
    f = engine.stored(doc_id)
    if f is None:
        return None
    starts = f.get("chunks") or [0]
    count = sections(len(starts))
    section = min(max(1, section), count)
    numbers = section_chunks(section, len(starts))
    text, restored, apart = joined_texts(engine.chunks(doc_id, numbers), bool(f.get("has_reading")))
    start = starts[numbers.start] if len(numbers) else 0
    pq = parse(q) if q.strip() else None
    analyzer = engine.analyzer
    shown = section_fields(f, text, start, restored, apart, wanted(pq, analyzer))
    words = position_words(pq, analyzer)
    slots, function = [w for w, _ in words], [flag for _, flag in words]
    estimate = lambda counts: estimated_matches(counts, function)  # noqa: E731
    # The matches of the sections and pages not shown are estimated from how often
    # each query word stands in them (terms.estimated_matches), no text read; the
    # section shown counts its matches as a reader reads them.
    per_chunk = engine.word_counts(doc_id, f, slots, 1) if slots and f.get("pages") else None
    per_section: list[int] = []
    if pq and count > 1:
        if per_chunk is not None:
            per_section = [estimate([sum(per_chunk[n][k] for n in section_chunks(s, len(starts)))
                                     for k in range(len(slots))]) for s in range(1, count + 1)]
        else:
            per_section = [estimate(c) for c in engine.word_counts(doc_id, f, slots, SECTION_CHUNKS)] \
                if slots else [0] * count
        per_section[section - 1] = shown["match_count"]
    cited, citations_total = engine.details(doc_id, settings.max_citations)
    owners = engine.owners([c.get("key", "") for c in cited])
    citations = [CitedDocument(**{k: c.get(k) for k in CITED_FIELDS}, document_id=owners.get(c.get("key", "")),
                               relation=c.get("relation") or "dan_chieu", partial=bool(c.get("partial")),
                               articles=list(c.get("articles") or []))
                 for c in cited]
    cited_by, cited_by_total = citing_page(engine, f["key"], 0, settings.max_citing) if f.get("key") else ([], 0)
    return DocumentPage(
        id=f["id"], path=f.get("path", ""), title=f.get("title", ""), number=f.get("number", ""),
        type=f.get("type", ""), type_name=f.get("type_name", ""), date=f.get("date", ""), year=f.get("year", ""),
        unit=f.get("unit", ""), province=f.get("province", ""), signer=f.get("signer", ""),
        recipients=list(f.get("recipients") or []), key=f.get("key", ""), text=text, **shown,
        citations=citations, cited_by=cited_by,
        section=section, sections=count, section_start=start, section_matches=per_section,
        citations_total=citations_total, cited_by_total=cited_by_total,
        **_shown_pages(page_data(f, per_chunk, estimate), shown, f, start, section == count),
    )


def _shown_pages(data: dict, shown: dict, f: dict, start: int, last: bool) -> dict:
    """The page fields, the pages wholly inside the section shown counted as its
    matches are (the others stay counted from positions)."""
    if not data["page_matches"] or not shown["breaks"]:
        return data
    reading = shown["restored"]
    marks = shown["restored_marks"] if reading else shown["marks"]
    cuts = [(b.restored_offset if reading else b.offset, b.page) for b in shown["breaks"]]
    whole = {p for k, (_, p) in enumerate(cuts) if k + 1 < len(cuts) or last}
    counts = dict.fromkeys(whole, 0)
    for a, _ in marks:
        page = next((p for cut, p in reversed(cuts) if cut <= a), None)
        if page in counts:
            counts[page] += 1
    data = dict(data, page_matches=list(data["page_matches"]))
    for page, n in counts.items():
        if 1 <= page <= len(data["page_matches"]):
            data["page_matches"][page - 1] = n
    return data


def citing_page(engine, key: str, start: int, size: int) -> tuple[list[CitingDocument], int]:
    """One page of the documents citing ``key`` (newest first), each with the sentence that cites it."""
    docs, total = engine.citing(key, start, size)
    said = engine.mentions([f["id"] for f in docs], key)
    out = []
    for f in docs:
        c = said.get(f["id"], {})
        kinds = list(dict.fromkeys(e[0] for e in f.get("relations") or [] if len(e) == 4 and e[1] == key))
        out.append(CitingDocument(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""),
                                  f.get("unit", ""), c.get("context", ""), restored_values(f)["restored_title"],
                                  c.get("restored_context") or c.get("context", ""),
                                  mentions=int(c.get("mentions") or 1), relations=kinds, relation=strongest(kinds)))
    return out, total


def decision(engine, key: str, page: int = 1, settings: SearchSettings = SearchSettings()) -> DecisionPage | None:
    """A cited decision (by key) and one page of the archive documents citing it."""
    per_page = settings.max_citing
    first_page, total = citing_page(engine, key, 0, per_page)
    own = engine.owners([key]).get(key)
    if not total and not own:
        return None
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    citing = first_page if page == 1 else citing_page(engine, key, (page - 1) * per_page, per_page)[0]
    said: dict[str, str] = {}
    if total:
        first = engine.mentions([first_page[0].id], key).get(first_page[0].id, {})
        issuer = _issuer_of(engine, citing, key) or ""
        if not own:
            # Not in the archive: what its citing sentences say, where the citation does not.
            said = _sentences_say(engine, first_page, key, first.get("number") or "", first.get("year"))
            first = {**first, "date": first.get("date") or said.get("date"),
                     "year": first.get("year") or (said.get("date") or "")[:4]}
            issuer = issuer or said.get("issuer", "")
    else:
        # Only the document itself is in the archive: it names itself.
        f = engine.stored(own) or {}
        first = {"number": f.get("number"), "kind": f.get("type_name"), "type_code": f.get("type"),
                 "date": f.get("date"), "year": f.get("year")}
        issuer = f.get("unit") or ""
    return DecisionPage(
        key=key, number=first.get("number") or "", kind=first.get("kind") or "",
        type_code=first.get("type_code") or "", date=first.get("date") or "", year=first.get("year") or "",
        issuer=issuer, label=engine.cite_labels([key]).get(key, key), document_id=own,
        citing=citing, citing_total=total, page=page, pages=pages,
        title=said.get("title", ""), read_from=said.get("from", ""),
    )


def _sentences_say(engine, citing: list[CitingDocument], key: str, number: str, year) -> dict[str, str]:
    """The trích yếu, date and issuer the first citing sentences give (each from the
    first that says it; "from": the citing document of the first value), a date
    only in the year the citation gives (decision numbers restart every year)."""
    if not number:
        return {}
    said = engine.mentions([c.id for c in citing[:20]], key)
    out: dict[str, str] = {}
    for entry in citing[:20]:
        c = said.get(entry.id) or {}
        found = sentences.said_of(c.get("restored_context") or c.get("context", ""), number)
        if year and found.get("date", str(year))[:4] != str(year):
            found.pop("date")
        for name, value in found.items():
            if name not in out:
                out[name] = value
                out.setdefault("from", entry.id)
    return out


def _issuer_of(engine, citing: list[CitingDocument], key: str) -> str | None:
    """The first resolved issuer among the citing documents' mentions (the first 20 of the page)."""
    said = engine.mentions([c.id for c in citing[:20]], key)
    for entry in citing[:20]:
        c = said.get(entry.id)
        if c:
            found = resolved_issuer(key, c.get("number", ""), c.get("issuer"))
            if found:
                return found
    return None

