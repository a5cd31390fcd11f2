"""What a query asks of an index, as a small tree every engine can answer.

``build`` turns a parsed query into nodes; each engine compiles the nodes
into its own query objects (``search.whoosh.compile``, ``search.opensearch.dsl``)
and nothing else: the rules of matching — which views a word is looked for
in, how much each counts, what a số ký hiệu matches — are written here once.

Nodes name *logical* views of the text (``rules.VIEWS``); an engine maps a
view to its own fields (OpenSearch splits the folded view's weight over two
fields, see its mapping).  Keyword fields (``numbers``, ``cites`` ...) are
named as the index names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from indexer.analysis.analyzer import ANY_MARKS, Analyzer
from indexer.analysis.text import fold, has_diacritics, lower
from indexer.legal.numbers import number_term
from indexer.search import rules
from indexer.search.parse import Clause, ParsedQuery


@dataclass(frozen=True)
class Term:
    """One term of a text view."""

    view: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words at consecutive positions; each slot is the (view, term) pairs any of
    which may stand at its position (the views share one position sequence)."""

    slots: tuple[tuple[tuple[str, str], ...], ...]
    boost: float = 1.0

    def single_view(self) -> str | None:
        """The view every slot asks in, one term each (a plain phrase), else None."""
        views = {view for slot in self.slots for view, _ in slot}
        return views.pop() if len(views) == 1 and all(len(slot) == 1 for slot in self.slots) else None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(slot[0][1] for slot in self.slots)


@dataclass(frozen=True)
class Keyword:
    """A whole value of a keyword field (a number, a citation key, an id)."""

    field: str
    value: str
    boost: float = 1.0


@dataclass(frozen=True)
class Pattern:
    """Values of a keyword field matching a pattern: ``*`` any run, ``?`` one character."""

    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True)
class Range:
    """Values of a keyword field between two ends (as text; either end open)."""

    field: str
    lo: str | None
    hi: str | None


@dataclass(frozen=True)
class Any:
    """At least one of the nodes; the scores of those found add up."""

    nodes: tuple
    boost: float = 1.0


@dataclass(frozen=True)
class All:
    """Every one of the nodes."""

    nodes: tuple


@dataclass(frozen=True)
class Not:
    """``node`` without what ``without`` matches."""

    node: object
    without: object


@dataclass(frozen=True)
class Everything:
    """Every document."""


@dataclass(frozen=True)
class Nothing:
    """No document."""


Node = Union[Term, Phrase, Keyword, Pattern, Range, Any, All, Not, Everything, Nothing]
EVERYTHING, NOTHING = Everything(), Nothing()


def any_of(nodes: list, boost: float = 1.0) -> Node:
    nodes = [n for n in nodes if not isinstance(n, Nothing)]
    if not nodes:
        return NOTHING
    if len(nodes) == 1 and boost == 1.0:
        return nodes[0]
    return Any(tuple(nodes), boost)


def all_of(nodes: list) -> Node:
    if any(isinstance(n, Nothing) for n in nodes):
        return NOTHING
    nodes = [n for n in nodes if not isinstance(n, Everything)]
    if not nodes:
        return EVERYTHING
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))


# --- the rules of matching ---------------------------------------------------

def word_slot(word: str, analyzer: Analyzer | None = None) -> tuple[tuple[str, str], ...]:
    """Where one query word may stand, as (view, term) pairs: the rule of precise matching.

    A word typed with marks is a precise request: it matches that word wherever
    the text's marks are known (``exact``), and where they are not (``unsure``:
    OCR'd words the restorer could not tell) wherever it was a plausible
    reading, or nothing at all is known of the marks (its letters after
    ANY_MARKS).  A word typed
    without marks matches every accented form (``repaired``), and, analysed like
    a document, what OCR makes of it (an OCR spelling pasted from a scan, "ciia",
    also asks for what it repairs to, "cua")."""
    if has_diacritics(word):
        return ((rules.EXACT, lower(word)), (rules.UNSURE, lower(word)), (rules.UNSURE, ANY_MARKS + fold(word)))
    terms = analyzer.query_terms(word, rules.REPAIRED) if analyzer is not None else [fold(word)]
    return tuple((rules.REPAIRED, t) for t in dict.fromkeys(terms) if t)


def word_query(word: str, analyzer: Analyzer) -> Node:
    """One query word, in the views its marks call for, each weighed by its view."""
    return any_of([Term(view, term, rules.VIEWS[view]) for view, term in word_slot(word, analyzer)])


def phrase_query(words: list[str], analyzer: Analyzer, boost: float = 1.0, precise: bool = True) -> Node:
    """Consecutive words, each asked as ``word_slot`` says (a quoted phrase follows the
    rule word by word); ``precise`` False asks every word folded (the digits and
    letters of a số ký hiệu typed as text)."""
    if len(words) == 1 and precise:
        return word_query(words[0], analyzer)
    if precise:
        slots = tuple(word_slot(w) for w in words)
    else:
        slots = tuple(((rules.REPAIRED, fold(w)),) for w in words)
    if not all(slots):
        return NOTHING
    return Phrase(slots, boost)


def number_query(number: str, analyzer: Analyzer) -> Node:
    """A số ký hiệu: the document itself, far above documents citing it, far above
    documents that merely contain its digits."""
    term = number_term(number)
    serial, _, rest = term.partition("/")
    partial = "-" not in rest and term.count("/") == 1  # "qd 173" -> "173/qd"
    patterns = [term + "*" if partial else term]
    if term.count("/") == 1:
        # Typed without the year its number carries: "58/NĐ-CP" is "58/2024/NĐ-CP".
        patterns.append(f"{serial}/????/{rest}" + ("*" if partial else ""))

    def field_query(field: str, boost: float) -> Node:
        return any_of([Pattern(field, p) if "*" in p or "?" in p else Keyword(field, p) for p in patterns], boost)

    parts = [w for w in _words(number) if w]
    return any_of([field_query("numbers", rules.NUMBER_WEIGHT), field_query("cited_numbers", rules.CITED_NUMBER_WEIGHT),
                   phrase_query(parts, analyzer, rules.NUMBER_TEXT_WEIGHT, precise=False)])


def _words(text: str) -> list[str]:
    return Clause("word", text).words()


def clause_query(clause: Clause, analyzer: Analyzer) -> Node:
    if clause.kind == "number":
        typed = _words(clause.original)
        if clause.original and typed != _words(clause.text):
            # "Nghị định số 58": the number, or the words as typed.
            return any_of([number_query(clause.text, analyzer), phrase_query(typed, analyzer)])
        return number_query(clause.text, analyzer)
    words = _words(clause.text)
    if not words:
        return NOTHING
    if clause.kind == "phrase":
        return phrase_query(words, analyzer)
    return word_query(words[0], analyzer)


def build(pq: ParsedQuery, analyzer: Analyzer, *, relaxed: bool = False) -> Node:
    """The scoring query of the text part of a parsed query: every group required, or,
    ``relaxed``, any of them (BM25 then ranks by how many and how rare the matched
    words are: long natural-language queries)."""
    groups = [any_of([clause_query(c, analyzer) for c in g]) for g in pq.groups]
    if not groups:
        main: Node = EVERYTHING
    elif relaxed:
        main = any_of(groups)
    else:
        main = all_of(groups)
    if pq.excluded:
        main = Not(main, any_of([clause_query(c, analyzer) for c in pq.excluded]))
    return main


def known_marks(node: Node) -> Node:
    """The query matched only where the text's marks are known: every ``unsure``
    term left out (text without marks, OCR'd words the restorer could not tell).
    What a query finds beyond it matched through such text, which the page says."""
    if isinstance(node, Term):
        return NOTHING if node.view == rules.UNSURE else node
    if isinstance(node, Phrase):
        slots = tuple(tuple(p for p in slot if p[0] != rules.UNSURE) for slot in node.slots)
        return NOTHING if not all(slots) else Phrase(slots, node.boost)
    if isinstance(node, Any):
        return any_of([known_marks(n) for n in node.nodes], node.boost)
    if isinstance(node, All):
        return all_of([known_marks(n) for n in node.nodes])
    if isinstance(node, Not):
        return Not(known_marks(node.node), node.without)
    return node


def asks_unsure(node: Node) -> bool:
    """Whether a query may match through text whose marks are unknown."""
    return any(view == rules.UNSURE for view, _, _ in terms_of(node))


def date_range(date_from: str | None, date_to: str | None) -> Node:
    """ISO dates sort as text; either end may be open (an undated document is in no range)."""
    return Range("date", date_from or "0000", date_to or "9999")


def terms_of(node: Node) -> list[tuple[str, str, float]]:
    """(view, term, weight) of every positive text term a query asks for (what BM25
    scores): a term's weight is its node's boost; a phrase weighs each of its
    terms by its view (``rules.VIEWS``) times the phrase's boost."""
    if isinstance(node, Term):
        return [(node.view, node.text, node.boost)]
    if isinstance(node, Phrase):
        return [(view, term, rules.VIEWS[view] * node.boost) for slot in node.slots for view, term in slot]
    if isinstance(node, Not):
        return terms_of(node.node)
    if isinstance(node, (Any, All)):
        scale = node.boost if isinstance(node, Any) else 1.0
        return [(v, t, b * scale) for sub in node.nodes for v, t, b in terms_of(sub)]
    return []
