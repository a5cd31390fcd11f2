"""A document's relations as keyword terms: what makes validity a query on the archive.

Every engine indexes the same terms (``index.fields``):

* ``relation_targets``: "<kind>:<cited key>" for every relation the document
  reads ("thay_the:qd-12-ubnd-2020-tinh-binh-phuoc"): the documents that
  replace, amend, implement ... a key are one keyword query (its incoming
  relations, newest first);
* ``relation_acts``: "<kind>[.phan]:<takes effect>:<own key>:<cited key>" for
  every act (``relations.acts``, corrections left out): the engine's lexicon of
  this field is every act of the archive with the day it takes effect and the
  document that does it, which is all ``legal.validity`` needs to say which
  keys are replaced, repealed or amended on a given day, and by which
  document, without reading one.

Nothing is written into the cited document: its validity is derived at search
time from the terms of the documents indexed after it.
"""

from __future__ import annotations

from indexer.legal import relations
from indexer.legal.validity import Act, Facts

PART = ".phan"  # a part only ("bãi bỏ khoản 2 Điều 5"): read as an amendment


def target_term(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def act_term(act: Act, takes_effect: str | None, own_key: str | None) -> str:
    return f"{act.kind}{PART if act.partial else ''}:{takes_effect or ''}:{own_key or ''}:{act.target}"


def parse_act_term(term: str) -> Facts | None:
    """The act of one ``relation_acts`` term as the facts of the document doing it
    (its key, no id, no type) taking effect on its day; None for a malformed term."""
    parts = term.split(":", 3)
    if len(parts) != 4 or not parts[3]:
        return None
    kind, when, by, target = parts
    partial = kind.endswith(PART)
    kind = kind[: -len(PART)] if partial else kind
    if kind not in relations.acts():
        return None
    return Facts(by or None, effective_date=when or None, acts=(Act(kind, target, partial),))


def document_terms(own_key: str | None, takes_effect: str | None, rels: list[list]) -> dict[str, list[str]]:
    """``relation_targets`` and ``relation_acts`` of one document from its relations
    ([kind, key, partial, articles], ``index.fields``); its own key left out (a
    document never acts on itself).  Correcting (đính chính) is listed, never an act
    that changes validity (``legal.validity``)."""
    rels = [r for r in rels if r[1] and r[1] != own_key]
    return {
        "relation_targets": sorted({target_term(kind, key) for kind, key, _, _ in rels}),
        "relation_acts": sorted({act_term(Act(kind, key, partial), takes_effect, own_key) for kind, key, partial, _ in rels
                                 if kind in relations.acts() and kind != "dinh_chinh"}),
    }
