"""ParsedQuery -> Whoosh query, with the ranking rules of the product.

- A word matches in two fields whose scores add up: exact accented (only
  when the user typed accents), then the folded/repaired view, where a
  folded reading weighs more than an OCR repair (see analysis.py).
- Adjacent query words that form a compound (pyvi on accented queries; any
  adjacent pair otherwise) add an optional phrase bonus, so "kế hoạch" as a
  unit outranks "kế ... hoạch" scattered through a page.
- A số ký hiệu matches the document's own number, then documents citing it,
  far above documents that merely contain its digits.
"""

from __future__ import annotations

from whoosh import query as Q

from indexer.analysis.analyzers import query_terms
from indexer.search.parse import Clause, ParsedQuery
from indexer.index.schema import TEXT_FIELDS
from indexer.analysis.segment import compounds
from indexer.analysis.text import fold, has_diacritics, lower, number_term

NUMBER_BOOST = 20.0
CITED_NUMBER_BOOST = 8.0
PHRASE_BONUS = 1.5  # a compound of the query (pyvi) found as a unit
PAIR_BONUS = 0.5  # any two adjacent query words found together
WHOLE_PHRASE_BONUS = 2.0  # the whole query found as typed


def word_query(word: str, repair: bool = True) -> Q.Query:
    """One query word against the three text views."""
    subs: list[Q.Query] = []
    if has_diacritics(word):
        subs.append(Q.Term("exact", lower(word), boost=TEXT_FIELDS["exact"]))
    # The query is analysed like a document, so an OCR spelling pasted from a
    # scan ("ciia") also asks for what it repairs to ("cua").
    for term in dict.fromkeys(query_terms(word, "repaired", repair)):
        subs.append(Q.Term("repaired", term, boost=TEXT_FIELDS["repaired"]))
    return Q.Or(subs) if len(subs) > 1 else subs[0]


def phrase_query(words: list[str], boost: float = 1.0) -> Q.Query:
    """Consecutive words, in the exact view when accented, else folded/repaired."""
    if len(words) == 1:
        return word_query(words[0])
    subs: list[Q.Query] = []
    if all(has_diacritics(w) or w.isdigit() for w in words):
        subs.append(Q.Phrase("exact", [lower(w) for w in words], boost=TEXT_FIELDS["exact"] * boost))
    subs.append(Q.Phrase("repaired", [fold(w) for w in words], boost=TEXT_FIELDS["repaired"] * boost))
    return Q.Or(subs) if len(subs) > 1 else subs[0]


def number_query(number: str) -> Q.Query:
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
    return Q.Or([own, cited, phrase_query(parts, 0.5)])


def _words(text: str) -> list[str]:
    return Clause("word", text).words()


def clause_query(clause: Clause) -> Q.Query:
    if clause.kind == "number":
        typed = _words(clause.original)
        if clause.original and typed != _words(clause.text):
            # "Nghị định số 58": the number, or the words as typed.
            return Q.Or([number_query(clause.text), phrase_query(typed)])
        return number_query(clause.text)
    words = _words(clause.text)
    if not words:
        return Q.NullQuery
    if clause.kind == "phrase":
        return phrase_query(words)
    return word_query(words[0])


def proximity_groups(pq: ParsedQuery) -> list[tuple[tuple[str, ...], float]]:
    """(folded words, weight) that earn a bonus when found together: the whole
    query as typed, its compounds (pyvi), and any adjacent pair."""
    words = [g[0].text for g in pq.groups if len(g) == 1 and g[0].kind == "word"]
    if len(words) < 2:
        return []
    groups = {tuple(words): WHOLE_PHRASE_BONUS}
    for group in compounds(words):
        groups.setdefault(group, PHRASE_BONUS)
    for pair in zip(words, words[1:]):
        groups.setdefault(pair, PAIR_BONUS)
    return [(tuple(fold(w) for w in group), weight) for group, weight in groups.items()]


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
    if pq.excluded:
        main = Q.AndNot(main, Q.Or([clause_query(c) for c in pq.excluded]))
    return main
