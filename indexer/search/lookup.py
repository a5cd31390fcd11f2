"""Where a query that is only a số ký hiệu leads: one document or decision, or the
candidates to choose from, never a dead end.

Decision numbers restart every year for every issuer: "173/QĐ-UBND" may be
the province's decision of 2023 and a district's of 2021, and "qd 173"
(read "173/QĐ") names no issuer at all.  So a lookup goes to a page only
when exactly one document or cited decision answers it; otherwise the
search page lists the candidates, each with what tells them apart (its
issuer, year and date as the archive read them: nothing is guessed).

The candidates, in this order of preference:
1. the number exactly: archive documents numbered so, decisions cited so;
2. numbers that start with it ("173/QĐ" -> "173/QĐ-UBND", "173/QĐ-TTg");
3. numbers with the same serial ("173/KH-UBND" typed, "173/QĐ-UBND" held).
"""

from __future__ import annotations

import re

from indexer.analysis.text import fold
from indexer.legal.doctypes import by_code
from indexer.legal.labels import resolved_issuer
from indexer.legal.numbers import number_term
from indexer.search import query, sentences
from indexer.search.engine import Ask
from indexer.search.reading import restored_values
from indexer.search.service import MatchedNumber, NumberCandidate

MOST = 12  # candidates listed at most (the list says when there are more)
_OWN_FIELDS = ("id", "number", "title", "restored_title", "type", "type_name", "date", "year", "unit")


EXACT, LONGER, SERIAL = "exact", "longer", "serial"  # how the candidates answer the number typed


def resolve(engine, number: str) -> tuple[tuple[str, str] | None, list[NumberCandidate], int, str]:
    """(the page to go to: ("document", id) or ("decision", key), or None; the
    candidates when it is not one; how many there are; how they answer it).

    A number with the same serial but another symbol is another document: it is
    offered, never gone to ("173/KH-UBND" typed is not "173/QĐ-UBND")."""
    term = number_term(number)
    steps = ((EXACT, lambda: [term]), (LONGER, lambda: _longer(engine, term)),
             (SERIAL, lambda: _same_serial(engine, term)))
    for how, terms in steps:
        # Of the same serial, the kind typed ("nghị quyết 25": Nghị quyết 25/2022/UBTVQH15,
        # not Nghị định 25/2020/NĐ-CP) when there are some of that kind.
        kind = _kind_code(number) if how == SERIAL else ""
        found, total = _candidates(engine, terms(), kind)
        if kind and not total:
            found, total = _candidates(engine, terms())
        if total == 1 and how != SERIAL:
            c = found[0]
            return (("document", c.document_id) if c.document_id else ("decision", c.key)), [], 1, how
        if total:
            return None, found, total, how
    return None, [], 0, ""


def _longer(engine, term: str) -> list[str]:
    """Numbers that go on from ``term`` at a boundary ("173/qd" -> "173/qd-ubnd", not "1730/...")."""
    found = engine.number_terms(term, MOST)
    return sorted(t for t in found if t != term and t.startswith(term) and t[len(term)] in "-/")


def _same_serial(engine, term: str) -> list[str]:
    serial = term.split("/", 1)[0]
    if not serial.isdigit() or serial == term:
        return []
    return sorted(t for t in engine.number_terms(serial + "/", MOST) if t != term)


def _kind_code(number: str) -> str:
    """The type code a number names, folded as keys begin ("25/NQ" -> "nq", "173/QĐ-UBND" -> "qd")."""
    symbol = number.split("/", 1)[1] if "/" in number else ""
    code = symbol.split("-", 1)[0]
    return fold(code).replace(" ", "") if code and by_code(code) else ""


def _candidates(engine, terms: list[str], kind: str = "") -> tuple[list[NumberCandidate], int]:
    """The archive documents numbered with any of ``terms``, then the decisions cited
    under them that the archive does not hold (newest first in each part); of the
    type ``kind`` only (its folded code) when given."""
    own: list[NumberCandidate] = []
    total = 0
    for t in terms:
        answer = engine.run(Ask(query.Keyword("numbers", t), order="newest", size=MOST, fields=_OWN_FIELDS))
        hits = [f.stored for f in answer.hits if not kind or fold(f.stored.get("type") or "") == kind]
        total += answer.total if not kind else len(hits)
        own += [_own(f) for f in hits]
    keys: dict[str, str] = {}
    for t in terms:
        for key, label in engine.cited_keys(t).items():
            # cited_keys matches any number a document cites; keep the keys of this one
            # (a key begins with its type: "nq-25-cp-2006").
            if number_term(label.split(" (")[0]) in terms and (not kind or key.split("-", 1)[0] == kind):
                keys.setdefault(key, label)
    owners = engine.owners(list(keys))
    cited = [k for k in keys if k not in owners]
    total += len(cited)
    room = max(0, MOST - len(own))
    decisions = [_cited(engine, k, keys[k]) for k in cited[:room]]
    decisions.sort(key=lambda c: (c.year or "", c.date or ""), reverse=True)
    return (own + decisions)[:MOST], total


def _own(f: dict) -> NumberCandidate:
    return NumberCandidate(number=f.get("number", ""), kind=f.get("type_name", ""), issuer=f.get("unit", ""),
                           year=str(f.get("year") or ""), date=f.get("date", "") or "",
                           title=restored_values(f)["restored_title"] or f.get("title", ""), document_id=f["id"])


def _cited(engine, key: str, label: str) -> NumberCandidate:
    """A decision only cited: what its first citing document says of it."""
    docs, citing = engine.citing(key, 0, 1)
    said = engine.mentions([docs[0]["id"]], key).get(docs[0]["id"], {}) if docs else {}
    number = said.get("number") or label.split(" (")[0]
    year = str(said.get("year") or _year_of(label) or "")
    # What the citing sentence says where the citation does not (search.sentences).
    told = sentences.said_of(said.get("restored_context") or said.get("context", ""), number) if said else {}
    date = said.get("date") or (told.get("date", "") if not year or told.get("date", "")[:4] == year else "")
    return NumberCandidate(number=number, kind=said.get("kind") or "",
                           issuer=resolved_issuer(key, number, said.get("issuer")) or told.get("issuer", ""),
                           year=year or date[:4], date=date, title=told.get("title", ""), key=key, citing=citing)


def _year_of(label: str) -> str:
    """The year a cite label shows ("173/QĐ-UBND (2023-02-08, …)" -> "2023"), never read from the key."""
    m = re.search(r"\((\d{4})\b", label)
    return m.group(1) if m else ""


def link_matches(engine, hits) -> None:
    """Fill each hit's ``matched``: its ``matched_numbers`` with the page each leads to.

    The hit's own number leads to the hit; a cited one to the archive's copy of the
    decision, else to the decision's page, found by the keys cited under that
    number (the one the hit cites, when several decisions share the number)."""
    cited = {number_term(n) for h in hits for n in h.matched_numbers if not _own_number(h, n)}
    keys = {t: [k for k, label in engine.cited_keys(t).items() if number_term(label.split(" (")[0]) == t]
            for t in sorted(cited)}
    every = sorted({k for ks in keys.values() for k in ks})
    owners = engine.owners(every) if every else {}
    shared = {k for ks in keys.values() if len(ks) > 1 for k in ks}
    ids = [h.id for h in hits]
    citing = {k: set(engine.mentions(ids, k)) for k in sorted(shared)}
    for h in hits:
        h.matched = []
        for n in h.matched_numbers:
            if _own_number(h, n):
                h.matched.append(MatchedNumber(n, document_id=h.id))
                continue
            ks = keys.get(number_term(n), [])
            ks = ks if len(ks) == 1 else [k for k in ks if h.id in citing.get(k, ())]
            key = ks[0] if len(ks) == 1 else ""
            h.matched.append(MatchedNumber(n, document_id=owners.get(key, ""), key=key))


def _own_number(hit, number: str) -> bool:
    return bool(hit.number) and number_term(hit.number) == number_term(number)
