"""The records passed from extraction to indexing and back out of search."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    """One document cited inside another, as read from the citing text."""

    key: str  # canonical identity: type, number, issuer code, year, issuing body
    kind: str  # full Vietnamese type name: "Quyết định", "Kế hoạch", ...
    type_code: str  # "QĐ", "KH", ... ("" for Công văn)
    number: str  # canonical số ký hiệu: "173/QĐ-UBND"
    date: str | None = None  # ISO date when the text gives one
    year: int | None = None
    issuer: str | None = None  # issuing body as resolved, e.g. "UBND tỉnh Bình Phước"
    context: str = ""  # the sentence it stands in
    restored_context: str = ""  # that sentence in the restored reading (OCR'd text only)
    start: int = 0  # character offsets of the citation in the normalised text
    end: int = 0
    # What the sentence says the citing document does to it (legal.relations.kinds():
    # can_cu, thuc_hien, huong_dan, sua_doi, thay_the, bai_bo, dinh_chinh; dan_chieu
    # when it says nothing more), and the parts it names ("khoản 2 Điều 5").
    relation: str = "dan_chieu"
    partial: bool = False  # replaces or repeals a part only (a form, an appendix, an article)
    articles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Metadata:
    """Header fields of a document; None where the text did not say."""

    number: str | None = None  # canonical số ký hiệu: "64/BC-UBND"
    type_code: str | None = None  # "BC"; "CV" for Công văn
    type_name: str | None = None  # "Báo cáo"
    date: str | None = None  # ISO
    year: int | None = None
    unit: str | None = None  # "UBND thị xã Phước Long"
    province: str | None = None  # "Bình Phước"
    title: str | None = None  # trích yếu
    signer: str | None = None
    recipients: list[str] = field(default_factory=list)
    key: str | None = None  # this document's own citation key, when it has one
    effective_date: str | None = None  # ISO; "có hiệu lực kể từ ngày ..." as the text says it
    end_date: str | None = None  # ISO; "... hết hiệu lực kể từ ngày ...", "đến hết ngày ..."
    # Marks of the header (extract.marks; codes of legal/data/marks.json), None where none was read:
    secrecy: str | None = None  # ô 10a: "mat", "toi-mat", "tuyet-mat"
    urgency: str | None = None  # ô 10b: "khan", "thuong-khan", "hoa-toc"
    circulation: list[str] = field(default_factory=list)  # ô 11: "luu-hanh-noi-bo", "xem-xong-tra-lai" ...

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Reading:
    """The restored reading of an OCR'd document (``extract.restore``): the text as
    it was written, word for word against ``Document.text`` (same spaces, line
    breaks and punctuation), and the header values restored the same way."""

    text: str
    glued: list[int] = field(default_factory=list)  # offsets of OCR words read as two
    title: str | None = None
    signer: str | None = None
    unit: str | None = None
    # Where the marks stay unknown: each OCR word the model was unsure of (left
    # as read) by its start offset in ``Document.text``, with the readings the
    # model found plausible, lower case (empty: nothing is known of its marks).
    # A search finds such a word by any of them, never only by the likeliest.
    unsure: list[tuple[int, tuple[str, ...]]] = field(default_factory=list, repr=False)
    # Words changed although the model was not quite sure (start offsets in
    # ``Document.text``): the page marks them for a reader to check.
    doubtful: list[int] = field(default_factory=list, repr=False)
    # The restored words as analysis.alignment.Span (offsets in both texts),
    # so the index cuts the reading where it cuts the text without realigning.
    spans: list = field(default_factory=list, repr=False, compare=False)


@dataclass
class Document:
    """A document ready to index: normalised text plus what was read from it."""

    id: str
    path: str  # relative to the source folder, "/"-separated
    text: str  # normalised (indexer.analysis.text.normalize) — offsets refer to this
    meta: Metadata = field(default_factory=Metadata)
    pages: list[int] = field(default_factory=list)  # offsets where pages 2, 3 ... start (none: one page)
    citations: list[Citation] = field(default_factory=list)
    reading: Reading | None = None  # OCR'd text only: its restored reading
    mtime: float = 0.0
    size: int = 0
    checksum: str = ""
    encoding: str = ""  # the legacy encoding the text was converted from, with its confidence
    notes: list[str] = field(default_factory=list)  # what a reader should know: an undecided encoding
    ocr_pages: int = 0  # pages read by OCR
    ocr_cached: bool = False  # ... taken from the OCR cache
    # The groups the folder policies above the file name (extract.policy): None outside every
    # policy; () when a policy could not be read (no group may read it: fail closed).
    access_groups: tuple[str, ...] | None = None
    access_policies: list[str] = field(default_factory=list)  # the policy files that decided it

    def page_of(self, offset: int) -> int:
        """The 1-based page holding character ``offset`` of the text."""
        from bisect import bisect_right

        return bisect_right(self.pages, offset) + 1
