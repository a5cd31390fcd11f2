"""Validity at search time, once for every engine: which documents still stand, today.

Nothing about validity is written into a document when a later one replaces
it: the later one's relation terms (``legal.relation_terms``) say so.  On
each request the engine's lexicon of ``relation_acts`` gives every act of the
archive (kind, the day it takes effect, the document doing it, the key acted
on); the archive documents those keys name are read (by ``key_identity``:
their own key and its variants without an issuing body); and the one rule,
``legal.validity.validities``, says on ``today`` what each of them is.  Every
other document has no act upon it, so its dates of force and its type decide
(``het_hieu_luc``, ``chua_co_hieu_luc``, ``con_hieu_luc``, ``khong_ro``) — the
same rule, expressed as ranges on the ``end_date`` / ``effective_date``
keywords so that an engine can count and filter it.  An incremental build that
adds the replacing document changes the replaced one's validity at once, with
no rewrite of the older document.
"""

from __future__ import annotations

from datetime import date, timedelta

from indexer.legal.relation_terms import parse_act_term
from indexer.legal.relations import ended_values
from indexer.legal.validity import VALUES, Facts, Validity, identity, validities
from indexer.search import query
from indexer.search.engine import Ask

# The stored fields validity is decided from.
FACT_FIELDS = ("id", "key", "type", "date", "effective_date", "end_date")
# Archive documents acted on, read per request at most (beyond: see the README).
MAX_ACTED = 10000
LAST_DAY = "9999-12-31"


def stored_facts(f: dict) -> Facts:
    """What ``legal.validity`` needs of a document, from its stored fields."""
    return Facts(f.get("key") or None, f.get("id") or None, f.get("type") or None, f.get("date") or None,
                 f.get("effective_date") or None, f.get("end_date") or None)


def _ids(ids: list[str]):
    return query.any_of([query.Keyword("id", i) for i in sorted(ids)])


class Standing:
    """The validity of the archive's documents on ``today`` (ISO), for one request."""

    def __init__(self, engine, today: str):
        self.today = today
        acts = [f for t in engine.keyword_terms("relation_acts") if (f := parse_act_term(t))]
        idents = sorted({identity(a.acts[0].target) for a in acts})
        found = []
        if idents:
            ask = Ask(query.any_of([query.Keyword("key_identity", i) for i in idents]), order="oldest",
                      size=MAX_ACTED, fields=FACT_FIELDS)
            found = [stored_facts(h.stored) for h in engine.run(ask).hits]
        # The acting documents first: an archive document's own facts decide its key.
        judged = validities(acts + found, today)
        self.decided: dict[str, Validity] = {f.doc_id: judged.by_doc[f.doc_id] for f in found}
        self.by_key = judged.by_key

    def of(self, stored: dict) -> Validity:
        """One document's validity, from its stored fields (FACT_FIELDS)."""
        doc_id = stored.get("id")
        if doc_id in self.decided:
            return self.decided[doc_id]
        facts = stored_facts(stored)
        return validities([facts], self.today).by_doc.get(doc_id) or Validity("khong_ro", reason="unknown")

    def of_key(self, key: str) -> Validity:
        """A cited key's validity: its archive document's, or what the acts upon it say."""
        return self.by_key.get(key) or Validity("khong_ro", reason="outside")

    # --- as queries ------------------------------------------------------
    def node(self, value: str):
        """The documents whose validity is ``value``, as a query node."""
        if value not in VALUES:
            return query.NOTHING
        decided = [i for i, v in self.decided.items() if v.value == value]
        if value in ("bi_thay_the", "bi_bai_bo", "bi_sua_doi"):
            return _ids(decided)
        others = _ids(list(self.decided))
        ended = query.Range("end_date", "0000", self.today)
        not_yet = query.Range("effective_date", _next_day(self.today), LAST_DAY)
        force = query.Keyword("force", "force")
        by_dates = {
            "het_hieu_luc": query.all_of([ended]),
            "chua_co_hieu_luc": _without(not_yet, [ended]),
            "con_hieu_luc": _without(force, [ended, not_yet]),
            "khong_ro": _without(query.EVERYTHING, [ended, not_yet, force]),
        }[value]
        return query.any_of([_ids(decided), _without(by_dates, [others])])

    def ended(self):
        """The documents no longer in force (``relations.ended_values``)."""
        return query.any_of([self.node(v) for v in ended_values()])


def _without(node, nots: list):
    nots = [n for n in nots if not isinstance(n, query.Nothing)]
    return query.Not(node, query.any_of(nots)) if nots else node


def _next_day(iso: str) -> str:
    try:
        return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()
    except ValueError:
        return iso
