"""The one door of search: what the web may ask and the plain records it gets back.

``SearchService`` is a protocol: the Whoosh engine (``indexer.search.whoosh``)
implements it over an index folder, and a second engine implements the same
methods over its own store.  The web app holds one service and never sees an
engine object; every answer is one of the dataclasses below, so a template or
the JSON API can print it without knowing where it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Protocol

from indexer.search.access import ANONYMOUS, Reader

FACETS = ("year", "type", "unit", "province", "cites")
SORTS = ("relevance", "newest", "oldest")
MISSING = "none"  # the URL/API value of a facet's "unknown" bucket
# Export: the metadata columns of every match.
EXPORT_FIELDS = ("id", "number", "title", "type", "type_name", "date", "year", "unit", "province", "signer", "path",
                 # An OCR'd document's header values as restored (the values as they are for clean text).
                 "restored_title", "restored_signer", "restored_unit")


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"
    snippets: bool = True
    # The form's date range (YYYY-MM-DD, either end open), as ngay: in the query.
    date_from: str | None = None
    date_to: str | None = None
    # Hide documents no longer in force (replaced, repealed, ended: search.standing).
    in_force: bool = False
    # Who asks: every answer holds only what this reader may read (search.access).
    reader: Reader = ANONYMOUS


@dataclass
class FacetCount:
    value: str  # as in the URL; MISSING for the unknown bucket
    count: int
    label: str  # as shown: "Quyết định (QĐ)", "173/QĐ-UBND (2023-02-08, UBND tỉnh Bình Phước)"
    selected: bool = False
    group: str | None = None  # the unit facet: the unit's province, to group units under it


@dataclass
class Passage:
    """A piece of a text and where the query matched in it: data, never HTML (the
    web marks it).  ``marks`` are (start, end) offsets in ``text``, one per match
    as a reader reads it (a phrase, words standing together, a word)."""

    text: str
    marks: list[tuple[int, int]] = field(default_factory=list)
    before: bool = False  # the document goes on before it ("…")
    after: bool = False


@dataclass
class RestoredWord:
    """A word of an OCR'd text's restored reading that a reader may want to see as
    scanned: where it stands in the reading, its OCR form, and what the restorer
    did: "restored" (accents), "repaired" (letters too), "doubtful" (changed,
    not quite sure), "unsure" (left as scanned: nobody knows its marks)."""

    start: int
    end: int
    ocr: str
    kind: str


@dataclass
class PageBreak:
    """Where page ``page`` starts in a section's text and in its reading."""

    offset: int
    restored_offset: int
    page: int


@dataclass
class MatchedNumber:
    """A số ký hiệu of the query that a hit is or cites, and the page it leads to:
    the archive document with that number (``document_id``), else the cited
    decision's page (``key``); neither when the hit cites it under no key."""

    number: str
    document_id: str = ""
    key: str = ""


@dataclass
class NumberCandidate:
    """A document or cited decision a số ký hiệu lookup may mean, with what tells
    them apart (decision numbers restart every year for every issuer)."""

    number: str
    kind: str  # "Quyết định", ... ("" when not read)
    issuer: str  # as the archive read it ("" when it did not)
    year: str
    date: str  # ISO, "" when not read
    title: str = ""
    document_id: str = ""  # an archive document
    key: str = ""  # else a decision only cited
    citing: int = 0  # how many archive documents cite it


@dataclass
class Hit:
    id: str
    path: str
    title: str
    number: str
    date: str
    year: str
    type: str
    type_name: str
    unit: str
    province: str
    score: float | None
    passages: list[Passage]  # the best passages (of the restored reading, if any) and their matches
    matched_numbers: list[str]
    page: int | None = None  # the page of the best snippet ("trang 3"), for texts of several pages
    pages: int = 1  # how many pages the text has
    section: int = 1  # the section of the document page that shows that page
    restored_title: str = ""  # the title as restored (the title itself for clean text)
    # Its validity today (legal.validity.VALUES, search.standing), its label, and
    # whether it is still in force (False: replaced, repealed or ended).
    validity: str = "khong_ro"
    validity_label: str = ""
    in_force: bool = True
    effective_date: str = ""
    matched: list[MatchedNumber] = field(default_factory=list)  # matched_numbers with their pages

    @property
    def snippet(self) -> str:
        """The passages as plain text."""
        return " … ".join(p.text for p in self.passages)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["snippet"] = self.snippet
        return d


@dataclass
class SearchResult:
    query: str
    read_as: str  # how the query was read, in the user's terms
    notes: list[str]
    total: int
    page: int
    per_page: int
    sort: str
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    selection: dict[str, list[str]]
    relaxed: bool = False
    partial: bool = False
    elapsed_ms: float = 0.0
    number: str | None = None  # set when the whole query is a số ký hiệu
    strict_total: int = 0  # documents with every word (== total unless relaxed)
    # Where a query that is only a số ký hiệu leads: ("document", id) or ("decision", key).
    target: tuple[str, str] | None = None
    unaccented: str = ""  # the query without accents, when that differs (OCR text often has none)
    # Of the documents with every word, how many match an accented word only through
    # text whose marks are unknown (typed without accents, OCR'd words the restorer
    # could not tell): staff should know what they are looking at.
    uncertain_total: int = 0
    unaccented_total: int = 0  # what it finds, counted when the query found nothing
    # A số ký hiệu that leads to no one page: the documents and decisions it may mean.
    candidates: list[NumberCandidate] = field(default_factory=list)
    candidates_total: int = 0
    candidates_match: str = ""  # "exact", "longer" (the number goes on), "serial" (same serial, other symbol)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass
class DocumentSummary:
    id: str
    title: str
    number: str
    date: str
    unit: str
    restored_title: str = ""


@dataclass
class CitedDocument:
    """A document cited in the one shown, as read, and the archive's copy of it if any."""

    key: str
    kind: str
    type_code: str
    number: str
    date: str | None
    year: int | None
    issuer: str | None
    context: str
    start: int
    end: int
    document_id: str | None = None
    relation: str = "dan_chieu"  # what this sentence does to it (legal.relations kinds)
    partial: bool = False
    articles: list[str] = field(default_factory=list)


@dataclass
class CitingDocument:
    id: str
    title: str
    number: str
    date: str
    unit: str
    context: str  # the sentence that cites
    restored_title: str = ""  # the title as restored (the title itself for clean text)
    restored_context: str = ""  # the sentence as restored (the sentence itself for clean text)
    mentions: int = 1  # how many times it cites the document (listed once)
    relations: list[str] = field(default_factory=list)  # the kinds of its relations to the key cited
    relation: str = "dan_chieu"  # the strongest of them (an act before a basis before a mention)


@dataclass
class RelatedDocument:
    """One end of a relation: the document acting or acted on, as read, linked to the archive's copy."""

    key: str
    label: str  # its number, date and issuer, as the cites facet names it
    document_id: str | None = None
    partial: bool = False
    articles: list[str] = field(default_factory=list)
    date: str = ""


@dataclass
class RelationGroup:
    """Relations of one kind in one direction: "out" (this document replaces ...),
    "in" (this document is replaced by ...): a row of the portals' "Lược đồ"."""

    kind: str
    direction: str
    label: str  # "Thay thế", "Bị thay thế bởi"
    documents: list[RelatedDocument] = field(default_factory=list)


@dataclass
class Standing:
    """A document's (or a cited key's) validity on a page: the value, its label, the
    document that decided it (its key, archive id, name and date), when."""

    validity: str = "khong_ro"
    validity_label: str = ""
    validity_by: str | None = None
    validity_by_id: str | None = None
    validity_by_label: str = ""  # "Quyết định 45/2023/QĐ-UBND"
    validity_by_date: str = ""  # the deciding document's date (ISO)
    validity_date: str = ""  # when it took effect, or the date of force that decided
    validity_banner: str = ""  # "Đã bị thay thế bởi" (replaced, repealed, amended), else ""
    amended_by: list[str] = field(default_factory=list)
    effective_date: str = ""
    end_date: str = ""


@dataclass
class DocumentPage:
    id: str
    path: str
    title: str
    number: str
    type: str
    type_name: str
    date: str
    year: str
    unit: str
    province: str
    signer: str
    recipients: list[str]
    key: str
    text: str  # the section shown (the whole text when it has one section)
    marks: list[tuple[int, int]]  # the query's matches in that text (offsets), as a reader reads them
    match_count: int  # matches in the section shown (in its reading, for an OCR'd text)
    citations: list[CitedDocument]
    cited_by: list[CitingDocument]
    # A long text is shown a section at a time (index.chunks): which one, of how
    # many, where it starts in the whole text, and the matches in each section
    # (found from positions, so the page can point to the others).
    section: int = 1
    sections: int = 1
    section_start: int = 0
    section_matches: list[int] = field(default_factory=list)
    citations_total: int = 0  # the document cites this many (``citations`` lists the first ones)
    cited_by_total: int = 0  # this many archive documents cite it (``cited_by`` lists the newest)
    # The restored reading of an OCR'd document (search.reading); for clean text
    # restored is False and the restored_* fields repeat the text and the values.
    restored: bool = False
    restored_title: str = ""
    restored_signer: str = ""
    restored_unit: str = ""
    restored_text: str = ""  # the reading of the section shown, line for line with ``text``
    restored_marks: list[tuple[int, int]] = field(default_factory=list)  # the matches in that reading
    restored_words: list[RestoredWord] = field(default_factory=list)  # what the restorer did, word by word
    breaks: list[PageBreak] = field(default_factory=list)  # where the section's pages start

    @property
    def total_matches(self) -> int:
        return sum(self.section_matches) if self.sections > 1 else self.match_count
    # Pages (a scan's, a PDF's, a Word file's): where pages 2, 3 ... start in the
    # whole text, the section each page starts in, and the matches on each page.
    pages: list[int] = field(default_factory=list)
    page_sections: list[int] = field(default_factory=list)
    page_matches: list[int] = field(default_factory=list)
    encoding: str = ""  # the legacy encoding the text was converted from, with its confidence
    notes: list[str] = field(default_factory=list)  # how the text was read, when a reader should know
    ocr_pages: int = 0  # pages read by OCR
    # Validity today and relations in both directions (search.lineage).
    standing: Standing = field(default_factory=Standing)
    relations: list[RelationGroup] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON of /api/documents/<id> (its standing's fields at the top: validity, validity_by ...)."""
        d = asdict(self)
        d.update(d.pop("standing"))
        return d


@dataclass
class DecisionPage:
    key: str
    number: str
    kind: str
    type_code: str
    date: str
    year: str
    issuer: str
    label: str
    document_id: str | None
    citing: list[CitingDocument]  # one page of them, newest first
    citing_total: int = 0
    page: int = 1
    pages: int = 1
    standing: Standing = field(default_factory=Standing)
    relations: list[RelationGroup] = field(default_factory=list)
    # What the citing sentences say of a decision the archive does not hold (its
    # trích yếu; its date and issuer when the citation itself does not give them),
    # and the citing document they were read from: never guessed.
    title: str = ""
    read_from: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(d.pop("standing"))
        return d


@dataclass
class Suggestion:
    text: str
    total: int


@dataclass
class Completion:
    kind: str  # "term" or "number"
    value: str  # the whole completed query

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class IndexStatus:
    engine: str
    location: str
    documents: int
    fingerprint: str
    last_build: dict | None = None
    built_at: str = ""  # when the index was last built (ISO 8601), "" when the engine does not say


class SearchService(Protocol):
    """Everything the web shows, from one engine."""

    def search(self, req: SearchRequest) -> SearchResult: ...

    # Every method answers for one reader (the request's, or ``reader``): what that
    # reader may not read is not there at all (a document: None, as an unknown id).
    def export(self, req: SearchRequest) -> list[dict]:
        """EXPORT_FIELDS of every match (up to the export limit), in the request's order."""

    def document(self, doc_id: str, q: str = "", section: int = 1, reader: Reader = ANONYMOUS) -> DocumentPage | None:
        """A document with one section of its text (1-based; past the last: the last)."""

    def source_path(self, doc_id: str, reader: Reader = ANONYMOUS) -> str | None:
        """The stored path of a document's file, relative to the folder indexed."""

    def decision(self, key: str, page: int = 1, reader: Reader = ANONYMOUS) -> DecisionPage | None:
        """A cited decision and one page of the documents citing it."""

    def similar(self, doc_id: str, limit: int = 5, reader: Reader = ANONYMOUS) -> list[DocumentSummary]: ...

    def did_you_mean(self, req: SearchRequest | str, total: int, reader: Reader | None = None) -> Suggestion | None:
        """(``reader`` None: the request's.)"""

    def complete(self, q: str, limit: int = 8, reader: Reader = ANONYMOUS) -> list[Completion]: ...

    def status(self) -> IndexStatus: ...

    def close(self) -> None: ...
