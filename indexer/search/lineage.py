"""What a document page and a decision page say of validity and relations, for every engine.

A page shows the document's validity today (``search.standing``: the value,
the document that decided it by name and date, for the banner "Đã bị thay thế
bởi Quyết định 45/2023/QĐ-UBND ngày …") and its relations grouped by kind in
both directions, as the portals' "Lược đồ" does: what it does to others (its
stored ``relations``), what others do to it (the documents whose
``relation_targets`` name its key: one keyword query, newest first).
"""

from __future__ import annotations

from dataclasses import replace

from indexer.legal import relations as rel
from indexer.search import query
from indexer.search.engine import Ask
from indexer.search.service import DecisionPage, DocumentPage, RelatedDocument, RelationGroup, Standing

# Documents listed per incoming kind at most (a law is the basis of thousands).
MAX_INCOMING = 200
_INCOMING_FIELDS = ("id", "key", "number", "date", "type", "type_name", "unit", "relations")
# A citing document's relation to a key, strongest first (the one a list shows).
_STRENGTH = ("thay_the", "bai_bo", "sua_doi", "dinh_chinh", "huong_dan", "thuc_hien", "can_cu", "dan_chieu")


def strongest(kinds: list[str]) -> str:
    return min(kinds, key=lambda k: _STRENGTH.index(k) if k in _STRENGTH else len(_STRENGTH), default="dan_chieu")


def standing_of(engine, stored: dict | None, validity) -> Standing:
    """The page's ``Standing`` of a validity (``legal.validity.Validity``)."""
    by_id = validity.by_id or (engine.owners([validity.by]).get(validity.by) if validity.by else None)
    by = engine.stored(by_id) if by_id else None
    stored = stored or {}
    return Standing(
        validity=validity.value, validity_label=rel.validity_label(validity.value), validity_by=validity.by,
        validity_by_id=by_id,
        validity_by_label=" ".join(x for x in ((by or {}).get("type_name"), (by or {}).get("number")) if x),
        validity_by_date=(by or {}).get("date") or "", validity_date=validity.date or "",
        validity_banner=rel.validity_banner(validity.value) if validity.by else "",
        amended_by=list(validity.amended_by), effective_date=stored.get("effective_date") or "",
        end_date=stored.get("end_date") or "")


def outgoing(engine, stored: dict) -> list[RelationGroup]:
    """What the document does to the documents it cites, grouped by kind (in the order of
    ``relations.kinds``), each cited document once per kind."""
    entries = [e for e in stored.get("relations") or [] if len(e) == 4]
    keys = [key for _, key, _, _ in entries]
    labels = engine.cite_labels(keys) if keys else {}
    owners = engine.owners(keys) if keys else {}
    groups: dict[str, RelationGroup] = {}
    for kind, key, partial, articles in entries:
        group = groups.setdefault(kind, RelationGroup(kind, "out", rel.kind_label(kind)))
        group.documents.append(RelatedDocument(key, labels.get(key, key), owners.get(key), bool(partial),
                                               list(articles)))
    return [groups[k] for k in rel.kinds() if k in groups]


def incoming(engine, key: str) -> list[RelationGroup]:
    """What the archive's documents do to ``key``, grouped by kind, newest first."""
    if not key:
        return []
    node = query.any_of([query.Keyword("relation_targets", f"{kind}:{key}") for kind in rel.kinds()])
    found = engine.run(Ask(node, order="newest", size=MAX_INCOMING * 2, fields=_INCOMING_FIELDS)).hits
    groups: dict[str, RelationGroup] = {}
    for f in (h.stored for h in found):
        name = " ".join(x for x in (f.get("type_name"), f.get("number")) if x) or f.get("id", "")
        for kind, target, partial, articles in (e for e in f.get("relations") or [] if len(e) == 4):
            if target != key:
                continue
            group = groups.setdefault(kind, RelationGroup(kind, "in", rel.kind_label(kind, incoming=True)))
            if len(group.documents) < MAX_INCOMING and f.get("id") not in {d.document_id for d in group.documents}:
                group.documents.append(RelatedDocument(f.get("key") or "", name, f.get("id"), bool(partial),
                                                       list(articles), f.get("date") or ""))
    return [groups[k] for k in rel.kinds() if k in groups]


def document(engine, page: DocumentPage, now) -> DocumentPage:
    """The page with its validity and both directions of its relations."""
    stored = engine.stored(page.id) or {}
    return replace(page, standing=standing_of(engine, stored, now.of(stored)),
                   relations=outgoing(engine, stored) + incoming(engine, page.key))


def decision(engine, page: DecisionPage, now) -> DecisionPage:
    """A cited decision's page with its validity (its archive document's, else what the
    acts upon it say) and its relations: incoming always, outgoing when the archive has it."""
    own = engine.stored(page.document_id) if page.document_id else None
    validity = now.of(own) if own else now.of_key(page.key)
    return replace(page, standing=standing_of(engine, own, validity),
                   relations=(outgoing(engine, own) if own else []) + incoming(engine, page.key))
