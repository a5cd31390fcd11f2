"""Whether a document still stands: validity derived from the archive's own texts.

Pure and engine-neutral: given, for a set of documents, their keys, dates,
dates of force and the acts their citations read (``Facts``, ``Act``), and a
day ``today`` passed in (never the clock), ``validities`` says for every
document and every key cited:

* ``bi_thay_the`` / ``bi_bai_bo``: a document in force replaced / repealed it
  whole.  A document ends once: the earliest such act decides, and nothing
  later revives it (a repeal of the replacing document leaves it replaced);
* ``het_hieu_luc``: its own end date has come (``Metadata.end_date``, the first
  day no longer in force), before any act ended it;
* ``chua_co_hieu_luc``: its effective date is still ahead;
* ``bi_sua_doi``: in force, but amended, or replaced or repealed in part
  ("bãi bỏ Điều 5 ..."), by documents in force; the latest one is named;
* ``con_hieu_luc``: a document of the archive of a type with force (decisions,
  resolutions, directives, regulations, guidance, decrees, circulars, laws:
  ``relations.force``) that nothing later replaced, repealed or amended;
* ``khong_ro``: anything else.  A plan or programme binds for a period we do
  not read (reason "period"); a report, notice, letter or proposal has no force
  to lose ("no_force"); a document cited but not in the archive, about which no
  act was read, is unknown ("outside").

An act takes effect on its document's effective date, else its date; an act
whose document is not in force yet changes nothing yet.  A correction
(đính chính) fixes wording and changes no validity.  ``affected_keys`` names
the keys whose validity a new, changed or removed document can change, for an
incremental build to update.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from indexer.legal import relations

ENDING = {"thay_the": "bi_thay_the", "bai_bo": "bi_bai_bo"}
VALUES = ("bi_thay_the", "bi_bai_bo", "bi_sua_doi", "het_hieu_luc", "con_hieu_luc", "chua_co_hieu_luc", "khong_ro")


@dataclass(frozen=True)
class Act:
    """One thing a document's text does to another: replaces, repeals, amends ..."""

    kind: str  # a kind of legal.relations (only the acts count)
    target: str  # the key of the document acted on
    partial: bool = False  # a part only ("bãi bỏ khoản 2 Điều 5"): the target is amended
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facts:
    """What the archive knows of one document."""

    key: str | None  # its identity key (legal.keys), None when no number was read
    doc_id: str | None = None  # its id in the archive
    type_code: str | None = None
    date: str | None = None  # ISO
    effective_date: str | None = None
    end_date: str | None = None  # the first day no longer in force
    acts: tuple[Act, ...] = ()
    cites: tuple[str, ...] = ()  # every key it cites, acted on or not

    @property
    def takes_effect(self) -> str | None:
        return self.effective_date or self.date


@dataclass(frozen=True)
class Validity:
    value: str  # one of VALUES
    by: str | None = None  # the key of the document that decided it
    by_id: str | None = None  # ... and its archive id
    date: str | None = None  # when that took effect (ISO), or the date of force that decided
    reason: str = ""  # replaced, repealed, amended, ended, not_yet, in_force, period, no_force, outside, unknown
    amended_by: tuple[str, ...] = field(default=())  # every amending document in force, oldest first


@dataclass
class Validities:
    by_key: dict[str, Validity]  # every document's key and every key cited
    by_doc: dict[str, Validity]  # every archive document, keyed or not


def identity(key: str) -> str:
    """Type, number, issuer code and year: a key without its issuing body (legal.keys)."""
    return "-".join(key.split("-", 4)[:4])


def _resolver(docs: list[Facts]):
    """Cited key -> the archive's key for it: the same key, or the one archive key of the
    same identity when one of the two names no issuing body."""
    own = {f.key for f in docs if f.key}
    by_identity: dict[str, set[str]] = {}
    for k in own:
        by_identity.setdefault(identity(k), set()).add(k)

    def resolve(key: str) -> str:
        if key in own or key.endswith("-x") or "-x-" in key:
            return key
        same = by_identity.get(identity(key), set())
        return next(iter(same)) if len(same) == 1 else key

    return resolve


@dataclass(frozen=True)
class _Event:
    when: str | None
    kind: str
    partial: bool
    by: Facts


def _order(e: _Event) -> tuple:
    return (e.when or "9999", 0 if e.kind == "thay_the" else 1, e.by.key or "", e.by.doc_id or "")


def validities(docs: Iterable[Facts], today: str) -> Validities:
    """The validity of every document of ``docs`` and every key they cite, on ``today`` (ISO)."""
    docs = list(docs)
    resolve = _resolver(docs)
    events: dict[str, list[_Event]] = {}
    for f in docs:
        for a in f.acts:
            target = resolve(a.target)
            if a.kind not in relations.acts() or a.kind == "dinh_chinh" or target == f.key:
                continue
            if f.takes_effect and f.takes_effect > today:
                continue  # its document is not in force yet
            events.setdefault(target, []).append(_Event(f.takes_effect, a.kind, a.partial, f))
    by_key: dict[str, Validity] = {}
    by_doc: dict[str, Validity] = {}
    for f in docs:
        v = _decide(f, events.get(f.key, []) if f.key else [], today, in_archive=True)
        if f.key:
            by_key[f.key] = v
        if f.doc_id:
            by_doc[f.doc_id] = v
    for target, evs in events.items():
        if target not in by_key:
            by_key[target] = _decide(Facts(target), evs, today, in_archive=False)
    for f in docs:
        for k in (*f.cites, *(a.target for a in f.acts)):
            by_key.setdefault(resolve(k), Validity("khong_ro", reason="outside"))
    return Validities(by_key, by_doc)


def _decide(f: Facts, evs: list[_Event], today: str, in_archive: bool) -> Validity:
    ending = sorted((e for e in evs if e.kind in ENDING and not e.partial), key=_order)
    first = ending[0] if ending else None
    if f.end_date and f.end_date <= today and (first is None or (first.when and first.when > f.end_date)):
        return Validity("het_hieu_luc", date=f.end_date, reason="ended")
    if first is not None:
        return Validity(ENDING[first.kind], first.by.key, first.by.doc_id, first.when,
                        "replaced" if first.kind == "thay_the" else "repealed")
    if f.effective_date and f.effective_date > today:
        return Validity("chua_co_hieu_luc", date=f.effective_date, reason="not_yet")
    amending = sorted((e for e in evs if e.kind not in ENDING or e.partial), key=_order)
    if amending:
        last = amending[-1]
        return Validity("bi_sua_doi", last.by.key, last.by.doc_id, last.when, "amended",
                        tuple(dict.fromkeys(e.by.key or e.by.doc_id or "" for e in amending)))
    if not in_archive:
        return Validity("khong_ro", reason="outside")
    force = relations.force(f.type_code)
    if force == "force":
        return Validity("con_hieu_luc", date=f.takes_effect, reason="in_force")
    return Validity("khong_ro", reason={"period": "period", "none": "no_force"}.get(force, "unknown"))


def affected_keys(new: Facts | None, old: Facts | None = None) -> set[str]:
    """The keys whose validity adding, changing (``old`` -> ``new``) or removing (``new``
    None) a document can change: its own key (its dates, its type) and every key its
    acts name, before and after.  Cited keys match archive keys by ``identity`` too."""
    out: set[str] = set()
    for f in (new, old):
        if f is None:
            continue
        if f.key:
            out.add(f.key)
        out.update(a.target for a in f.acts if a.kind in relations.acts())
    return out
