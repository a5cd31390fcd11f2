"""The Whoosh schema: which fields are searched, stored and counted.

Facet fields are columns (``sortable=True``) so facet counts read compact
per-field arrays instead of unpickling every stored document.  There is no
version number to bump: the schema is part of the index's fingerprint
(``index.fingerprint``), so changing it rebuilds indexes built before.
"""

from __future__ import annotations

from whoosh import fields

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.tokenizer import VietTokenizer
from indexer.index.weights import PROFILE_FIELD, TEXT_FIELDS

# The fields searched for words and their weights are index.weights' (the
# weights apply at query time, one boost per field; inside "repaired" a folded
# reading outranks an OCR repair by its posting weight, analysis.analyzer.REPAIR_WEIGHT).


class PreAnalyzed:
    """Postings of one field computed ahead of time (in a worker process):
    the (term bytes, freq, weight, value bytes) tuples Whoosh's field.index()
    would have produced from the text."""

    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items


class _Preanalysable:
    """A field that also accepts PreAnalyzed postings in place of its text: the
    single writer then only appends them."""

    def index(self, value, **kwargs):
        if isinstance(value, PreAnalyzed):
            return iter(value.items)
        return super().index(value, **kwargs)


class VietText(_Preanalysable, fields.TEXT):
    """TEXT, analysed by the worker processes."""


class Profile(_Preanalysable, fields.KEYWORD):
    """The key terms "similar" ranks by (index.fields.profile), counted by the worker processes."""


def make_schema(analyzer: Analyzer = Analyzer()) -> fields.Schema:
    """Build the schema; ``Analyzer(repair=False)`` indexes without OCR repair (baseline)."""
    text_fields = {
        name: VietText(analyzer=VietTokenizer(name, analyzer.repair, analyzer.model), phrase=True, stored=False)
        for name in TEXT_FIELDS
    }
    return fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        # "checksum mtime size" per document, read by incremental builds
        # without unpickling stored texts.
        filestate=fields.COLUMN(),
        path=fields.ID(stored=True),
        checksum=fields.ID(stored=True),
        mtime=fields.STORED(),
        size=fields.STORED(),
        # The number is kept whole: word analysis would split "12/2023/TT-BGDĐT".
        number=fields.ID(stored=True),
        # Folded numbers ("173/qd-ubnd") of the document itself and of what it
        # cites, so any spelling a user types finds both.
        numbers=fields.KEYWORD(lowercase=False, commas=False),
        cited_numbers=fields.KEYWORD(lowercase=False, commas=False),
        key=fields.ID(stored=True),
        type=fields.ID(stored=True, sortable=True),
        type_name=fields.STORED(),
        date=fields.ID(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        unit=fields.ID(stored=True, sortable=True),
        province=fields.ID(stored=True, sortable=True),
        # Space-separated citation keys, indexed for filtering; the same string
        # again as a column, because facet counts need the keys per document.
        cites=fields.KEYWORD(stored=False, lowercase=False, commas=False),
        cites_col=fields.COLUMN(),
        # The keys the cites facet counts (index.fields.cited_decisions), decided
        # when the document was indexed: its lexicon is every cited decision.
        cite_decisions=fields.KEYWORD(stored=False, lowercase=False, commas=False),
        # Relations and dates of force (index.fields.relation_values): validity is a
        # query on these terms and the lexicon of relation_acts, never stored.
        relations=fields.STORED(),
        relation_targets=fields.KEYWORD(stored=False, lowercase=False, commas=False),
        relation_acts=fields.KEYWORD(stored=False, lowercase=False, commas=False),
        key_identity=fields.ID(),
        effective_date=fields.ID(stored=True),
        end_date=fields.ID(stored=True),
        force=fields.ID(stored=True),
        # Who may read it (index.access): "s:<mark>" and "g:<group>" terms every
        # reader's search filters on; the mark itself is stored for the page.
        access=fields.KEYWORD(stored=False, lowercase=False, commas=False),
        secrecy=fields.STORED(),
        title=fields.STORED(),
        signer=fields.STORED(),
        recipients=fields.STORED(),
        # An OCR'd document's restored reading (extract.restore): whether it has
        # one, its header values restored, and in the chunk records the reading
        # of each chunk with the offsets of its glued words, of the words whose
        # marks are unknown (with their plausible readings) and of the doubtful ones.
        has_reading=fields.STORED(),
        restored_title=fields.STORED(),
        restored_signer=fields.STORED(),
        restored_unit=fields.STORED(),
        restored_text=fields.STORED(),
        restored_glued=fields.STORED(),
        restored_unsure=fields.STORED(),
        restored_doubtful=fields.STORED(),
        cited=fields.STORED(),
        citations=fields.STORED(),  # in details records
        # Where the text's chunks start (characters, and positions of the
        # repaired view), and its most frequent words for "similar documents".
        chunks=fields.STORED(),
        chunk_positions=fields.STORED(),
        key_terms=fields.STORED(),
        **{PROFILE_FIELD: Profile(stored=False, lowercase=False, commas=False, scorable=True)},
        pages=fields.STORED(),
        # The text itself lives in chunk records (index.chunks): "<n>:<id>" in
        # chunk_key, the document's id in chunk_of, the chunk's text.  They
        # carry no id and no searched field, so no search ever finds one.
        chunk_key=fields.ID(),
        chunk_of=fields.ID(),
        text=fields.STORED(),
        # How the text was read (legacy encoding, OCR'd pages) and what a
        # reader should know about it.
        encoding=fields.STORED(),
        notes=fields.STORED(),
        ocr_pages=fields.STORED(),
        **text_fields,
    )
