"""ParsedQuery -> Whoosh query, with the ranking rules of the product.

- A word matches in two fields whose scores add up: exact accented (only
  when the user typed accents), then the folded/repaired view, where a
  folded reading weighs more than an OCR repair (see analysis.analyzer).
- Words found together earn a bonus (``search.plan``), scored over positions
  by ``proximity`` for the best candidates only.
- A số ký hiệu matches the document's own number, then documents citing it,
  far above documents that merely contain its digits.

Query words are analysed by the analyzer the index was built with (its
repair switch and OCR model), so a query asks for the terms its index holds.
"""

from __future__ import annotations

from whoosh import query as Q

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.text import fold, has_diacritics, lower
from indexer.index.weights import TEXT_FIELDS
from indexer.legal.numbers import number_term
from indexer.search.parse import Clause, ParsedQuery

NUMBER_BOOST = 20.0
CITED_NUMBER_BOOST = 8.0


def word_query(word: str, analyzer: Analyzer) -> Q.Query:
    """One query word against the text views."""
    subs: list[Q.Query] = []
    if has_diacritics(word):
        subs.append(Q.Term("exact", lower(word), boost=TEXT_FIELDS["exact"]))
    # The query is analysed like a document, so an OCR spelling pasted from a
    # scan ("ciia") also asks for what it repairs to ("cua").
    for term in dict.fromkeys(analyzer.query_terms(word, "repaired")):
        subs.append(Q.Term("repaired", term, boost=TEXT_FIELDS["repaired"]))
    if not subs:
        return Q.NullQuery
    return Q.Or(subs) if len(subs) > 1 else subs[0]


def phrase_query(words: list[str], analyzer: Analyzer, boost: float = 1.0) -> Q.Query:
    """Consecutive words, in the exact view when accented, else folded/repaired."""
    if len(words) == 1:
        return word_query(words[0], analyzer)
    subs: list[Q.Query] = []
    if all(has_diacritics(w) or w.isdigit() for w in words):
        subs.append(Q.Phrase("exact", [lower(w) for w in words], boost=TEXT_FIELDS["exact"] * boost))
    subs.append(Q.Phrase("repaired", [fold(w) for w in words], boost=TEXT_FIELDS["repaired"] * boost))
    return Q.Or(subs) if len(subs) > 1 else subs[0]


def number_query(number: str, analyzer: Analyzer) -> Q.Query:
    """A số ký hiệu: the document itself, documents citing it, then its text."""
    term = number_term(number)
    serial, _, rest = term.partition("/")
    partial = "-" not in rest and term.count("/") == 1  # "qd 173" -> "173/qd"
    patterns = [term + "*" if partial else term]
    if term.count("/") == 1:
        # Typed without the year its number carries: "58/NĐ-CP" is "58/2024/NĐ-CP".
        patterns.append(f"{serial}/????/{rest}" + ("*" if partial else ""))

    def field_query(field: str, boost: float) -> Q.Query:
        subs = [Q.Wildcard(field, p) if "*" in p or "?" in p else Q.Term(field, p) for p in patterns]
        return Q.Or(subs, boost=boost)

    own = field_query("numbers", NUMBER_BOOST)
    cited = field_query("cited_numbers", CITED_NUMBER_BOOST)
    parts = [w for w in _words(number) if w]
    return Q.Or([own, cited, phrase_query(parts, analyzer, 0.5)])


def _words(text: str) -> list[str]:
    return Clause("word", text).words()


def clause_query(clause: Clause, analyzer: Analyzer) -> Q.Query:
    if clause.kind == "number":
        typed = _words(clause.original)
        if clause.original and typed != _words(clause.text):
            # "Nghị định số 58": the number, or the words as typed.
            return Q.Or([number_query(clause.text, analyzer), phrase_query(typed, analyzer)])
        return number_query(clause.text, analyzer)
    words = _words(clause.text)
    if not words:
        return Q.NullQuery
    if clause.kind == "phrase":
        return phrase_query(words, analyzer)
    return word_query(words[0], analyzer)


def build(pq: ParsedQuery, analyzer: Analyzer, *, relaxed: bool = False) -> Q.Query:
    """The scoring query for the text part of a parsed query.

    ``relaxed`` ORs the groups instead of ANDing them: BM25 then ranks by how
    many and how rare the matched words are (for long natural-language queries).
    """
    groups = [Q.Or([clause_query(c, analyzer) for c in g]) if len(g) > 1 else clause_query(g[0], analyzer)
              for g in pq.groups]
    if not groups:
        main: Q.Query = Q.Every()
    elif relaxed:
        main = Q.Or(groups)
    else:
        main = Q.And(groups)
    if pq.excluded:
        main = Q.AndNot(main, Q.Or([clause_query(c, analyzer) for c in pq.excluded]))
    return main
