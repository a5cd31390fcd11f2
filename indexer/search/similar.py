"""Documents like this one ("Văn bản tương tự"), for every engine.

Each document records, when it is indexed, its most frequent words (its
key terms, ``index.analysed``), stored and indexed as its profile
(``index.fields.profile``).  A request weighs them by the archive's idf of
the day (``rules.distinctive_terms``), keeps the most distinctive and ranks
the archive's profiles by them: one query of a few terms over a small field,
so it costs less than a short search, whatever the length of the document.
"""

from __future__ import annotations

from indexer.search import query, rules
from indexer.search.engine import Ask
from indexer.search.reading import restored_values
from indexer.search.service import DocumentSummary

SUMMARY_FIELDS = ("id", "title", "number", "date", "unit", "restored_title")


def more_like(engine, doc_id: str, limit: int = 5, count: int = 12) -> list[DocumentSummary]:
    """The ``limit`` documents sharing most of this one's distinctive words."""
    f = engine.stored(doc_id)
    if f is None:
        return []
    recorded = [(t, w) for t, w in f.get("key_terms") or []]
    stats = engine.term_stats(rules.POSITIONS, [t for t, _ in recorded])
    terms = rules.distinctive_terms(recorded, {t: df for t, (df, _) in stats.items()}, engine.documents(), count)
    if not terms:
        return []
    words = query.any_of([query.Term(rules.PROFILE, t) for t in terms])
    found = engine.run(Ask(words, filters=[query.Not(query.EVERYTHING, query.Keyword("id", doc_id))],
                           size=limit, fields=SUMMARY_FIELDS))
    return [DocumentSummary(s["id"], s.get("title", ""), s.get("number", ""), s.get("date", ""), s.get("unit", ""),
                            restored_values(s)["restored_title"])
            for s in (h.stored for h in found.hits)]
