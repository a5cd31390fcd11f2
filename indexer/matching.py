"""ParsedQuery -> Whoosh query, with the ranking rules of the product.

- A word matches in three fields whose scores add up: exact accented
  (only when the user typed accents) > accent-folded > OCR-repaired.
- Adjacent query words that form a compound (pyvi on accented queries; any
  adjacent pair otherwise) add an optional phrase bonus, so "kế hoạch" as a
  unit outranks "kế ... hoạch" scattered through a page.
- A số ký hiệu matches the document's own number, then documents citing it,
  far above documents that merely contain its digits.
"""

from __future__ import annotations

from whoosh import query as Q

from .analysis import query_terms
from .query import Clause, ParsedQuery
from .schema import TEXT_FIELDS
from .segment import compounds
from .text import fold, has_diacritics, lower, number_term

NUMBER_BOOST = 20.0
CITED_NUMBER_BOOST = 8.0
PHRASE_BONUS = 1.5


def word_query(word: str, repair: bool = True) -> Q.Query:
    """One query word against the three text views."""
    subs: list[Q.Query] = []
    if has_diacritics(word):
        subs.append(Q.Term("exact", lower(word), boost=TEXT_FIELDS["exact"]))
    folded = fold(word)
    subs.append(Q.Term("folded", folded, boost=TEXT_FIELDS["folded"]))
    # The query is analysed like a document, so an OCR spelling pasted from a
    # scan ("ciia") also asks for what it repairs to ("cua").
    for term in dict.fromkeys(query_terms(word, "repaired", repair)):
        subs.append(Q.Term("repaired", term, boost=TEXT_FIELDS["repaired"]))
    return Q.Or(subs)


def phrase_query(words: list[str], boost: float = 1.0) -> Q.Query:
    """Consecutive words, in the exact view when accented, else folded/repaired."""
    if len(words) == 1:
        return word_query(words[0])
    subs: list[Q.Query] = []
    if all(has_diacritics(w) or w.isdigit() for w in words):
        subs.append(Q.Phrase("exact", [lower(w) for w in words], boost=TEXT_FIELDS["exact"] * boost))
    folded = [fold(w) for w in words]
    subs.append(Q.Phrase("folded", folded, boost=TEXT_FIELDS["folded"] * boost))
    subs.append(Q.Phrase("repaired", folded, boost=TEXT_FIELDS["repaired"] * boost))
    return Q.Or(subs)


def number_query(number: str) -> Q.Query:
    """A số ký hiệu: the document itself, documents citing it, then its text."""
    term = number_term(number)
    if "-" in term.split("/")[-1] or term.count("/") >= 2:
        own = Q.Term("numbers", term, boost=NUMBER_BOOST)
        cited = Q.Term("cited_numbers", term, boost=CITED_NUMBER_BOOST)
    else:
        # Partial ("qd 173" -> "173/qd"): any issuer code.
        own = Q.Prefix("numbers", term, boost=NUMBER_BOOST)
        cited = Q.Prefix("cited_numbers", term, boost=CITED_NUMBER_BOOST)
    parts = [w for w in _words(number) if w]
    return Q.Or([own, cited, phrase_query(parts, 0.5)])


def _words(text: str) -> list[str]:
    return Clause("word", text).words()


def clause_query(clause: Clause) -> Q.Query:
    if clause.kind == "number":
        return number_query(clause.text)
    words = _words(clause.text)
    if not words:
        return Q.NullQuery
    if clause.kind == "phrase":
        return phrase_query(words)
    return word_query(words[0])


def proximity_bonus(clauses: list[Clause]) -> list[Q.Query]:
    """Optional phrase clauses for compounds among adjacent plain words."""
    words = [c.text for c in clauses if c.kind == "word"]
    if len(words) < 2:
        return []
    return [phrase_query(list(group), PHRASE_BONUS) for group in compounds(words)]


def build(pq: ParsedQuery, *, relaxed: bool = False) -> Q.Query:
    """The scoring query for the text part of a parsed query.

    ``relaxed`` ORs the groups instead of ANDing them: BM25 then ranks by how
    many and how rare the matched words are (for long natural-language queries).
    """
    groups = [Q.Or([clause_query(c) for c in g]) if len(g) > 1 else clause_query(g[0]) for g in pq.groups]
    if not groups:
        main: Q.Query = Q.Every()
    elif relaxed:
        main = Q.Or(groups)
    else:
        main = Q.And(groups)
    bonus = proximity_bonus([g[0] for g in pq.groups if len(g) == 1])
    if bonus:
        main = Q.AndMaybe(main, Q.Or(bonus))
    if pq.excluded:
        main = Q.AndNot(main, Q.Or([clause_query(c) for c in pq.excluded]))
    return main
