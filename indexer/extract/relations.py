"""What each citation says the citing document does: its relation kind (issue 21).

A sentence is cut into clauses (at ";", sentence ends, blank lines, a colon
before a list, a new line that starts an item or a preamble line).  A verb of
``legal.relations`` governs the citations after it in its clause when it stands
in head position: first in the clause ("Căn cứ ...", "Bãi bỏ ...", the title
"Sửa đổi, bổ sung ..."), after the document itself ("Quyết định này có hiệu
lực ... và thay thế ..."), after the enactment formula ("... ban hành Quyết
định bãi bỏ ..."), or after "và"/"," once the clause has acted ("thay thế A
... và bãi bỏ B").  A citation after another one in the same clause is either
listed beside it ("A, B và C": the same kind) or part of its title ("Căn cứ
Nghị định 154/2020 sửa đổi ... Nghị định 34/2016": a basis line stays can_cu,
anything else is a mention).  A clause without a verb takes the kind of the
list it is an item of ("Bãi bỏ các Quyết định sau: a) ...; b) ...", "Căn cứ
Luật A; Luật B;"), or says it after its subject ("Quyết định số 12/2020 ... hết
hiệu lực kể từ ngày Quyết định này có hiệu lực": thay_the).  Passive verbs
("được sửa đổi bởi ..."), quoted new wording, proposals ("Xét Tờ trình ... đề
nghị ban hành Nghị quyết thay thế ...") and a local document "amending" a
central one never act.

``read_relations`` reads a text; ``document_relations`` applies it to a
document (on the restored reading of OCR'd text, checked against the OCR).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.analysis.text import fold
from indexer.extract.clauses import NOTE, Clause, clauses, quoted
from indexer.extract.records import Metadata
from indexer.legal import relations as rel
from indexer.legal.articles import named_parts

DEFAULT = rel.DEFAULT
_INCLUSIVE = ("can_cu", "thuc_hien")  # a basis or implementing line covers every document it names

# "[50]" after an item's number is a consolidated text's footnote mark ("6.[50] Bổ sung ...").
_LEAD = re.compile(rel.spaced(r"^(?:\[\d{1,3}\]|[\s\W_]|ve viec\b|v/v\b|ve\b|nay\b|dong thoi\b)"))
_PARTS = r"(?:(?:diem|khoan|dieu|chuong|muc|phan|phu luc) [\w.]+(?:\s*,\s*|\s+va\s+|\s+))*"
_DOC_START = re.compile(rel.spaced(r"^(?:(?:cac|nhung) )?" + _PARTS + r"(?:(?:cua|tai) )?(?:{type}|" + rel.NUMBER_WORD + r"\s*\d|so hieu)"))
# "Bổ sung ... theo Nghị quyết ...", "Sửa đổi hồ sơ ... được hướng dẫn bởi ... Thông tư ...": not its object
# ("ban hành kèm theo" is, even with a scan's blank line or speck inside: "kèm °\ntheo").
_REFERENCE = re.compile(rel.spaced(r"\btheo\b|\bcan cu\b|\bboi\b"))
_ATTACHED = re.compile(r"\bkem[\W_]{1,6}$")
_NEW_WORDING = re.compile(rel.spaced(r"\bnhu sau\b"))
_SOME = re.compile(rel.spaced(r"\bmot (?:so|phan)\b|\b(?:diem|khoan|dieu)\b"))
_LISTED = re.compile(rel.spaced(r"(?:,|;|\bva\b|\bhoac\b|\bdong thoi\b)\s*"))
_TITLE_WORDS = re.compile(rel.spaced(r"\b(?:sua doi|bo sung|bai bo|thay the|huong dan|quy dinh|ve|theo|tai|cua|thuc hien|ban hanh)\b"))
# What may stand between the document naming itself and its verb: nothing ("Quyết định này
# thay thế"), its date and "về việc" (its own number in a heading), or its force and a
# link ("có hiệu lực kể từ ngày ký và thay thế", "đã được ... thông qua ngày ... và thay thế").
_SUBJECT_THEN_VERB = re.compile(rel.spaced(
    r"^\s*(?:(?:cung|dong thoi|se|nay) )?$|^[^;]*?(?:co hieu luc|thong qua)[^;]*?(?:,|\bva|\bdong thoi)\s*$"
    r"|^\s*(?:ngay [\d/.]+(?: thang \d+ nam \d+)?\s*)?(?:cua [^,;]{0,60}?)?(?:ve viec|v/v|ve)?\s*$"))
_HEAD = 120  # item markers, an article heading's number and "về việc" are shorter


@lru_cache(maxsize=1)
def _doc_start() -> re.Pattern:
    return re.compile(_DOC_START.pattern.replace("{type}", rel.type_alternation()))


_ALIAS = re.compile(rel.spaced(r"\(\s*(?:sau day )?(?:duoc )?(?:goi|viet) (?:tat |gon |chung )?(?:la )?[^()]{0,60}$"))


@dataclass
class Read:
    """What one citation's sentence says."""

    kind: str = DEFAULT
    partial: bool = False
    articles: list[str] = field(default_factory=list)
    said_at: tuple[int, int] | None = None  # the words that said it, in the text read
    role: str = "head"  # head (acted on), nested (in another's title), none


def read_relations(text: str, spans: list[tuple[int, int]], meta: Metadata | None = None,
                   folded: str | None = None) -> list[Read]:
    """The relation of each citation at ``spans`` (start, end of its number) in ``text``
    (``folded``: its fold, when the caller has it)."""
    folded = (folded if folded is not None else fold(text)).translate(rel.STREWN_MARKS)
    return _Reader(text, folded, spans, meta or Metadata()).run()


def _refers(folded: str) -> bool:
    """Whether a stretch refers to what the act follows ("theo", "căn cứ", "bởi"), not to
    what it acts on ("kèm theo" names the document the parts belong to)."""
    return any(m.group() != "theo" or not _ATTACHED.search(folded, 0, m.start()) for m in _REFERENCE.finditer(folded))


class _Reader:
    def __init__(self, text: str, folded: str, spans: list[tuple[int, int]], meta: Metadata):
        self.text, self.f, self.meta = text, folded, meta
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.spans = spans
        self.starts = [spans[i][0] for i in self.order]
        self.quotes = quoted(text)
        self.self_rx = rel.self_reference(meta.type_code, meta.number)
        self.doc_start = _doc_start()
        self.all_verbs = rel.find_verbs(folded)
        self.all_starts = [v.start for v in self.all_verbs]
        self.verbs = [v for v in self.all_verbs if not self._passive(v.start) and not self._quoted(v.start)]
        self.verb_starts = [v.start for v in self.verbs]
        self.out = [Read(role="none") for _ in spans]

    # --- head position -----------------------------------------------------------------
    def _passive(self, at: int) -> bool:
        return bool(rel.pattern("passive_before").search(self.f[max(0, at - 16) : at]))

    def _quoted(self, at: int) -> bool:
        i = bisect_right(self.quotes, (at, len(self.f))) - 1
        return i >= 0 and self.quotes[i][0] < at < self.quotes[i][1]

    def _citations_in(self, lo: int, hi: int) -> list[int]:
        a, b = bisect_right(self.starts, lo - 1), bisect_right(self.starts, hi - 1)
        return [self.order[k] for k in range(a, b)]

    def _head_verbs(self, c: Clause) -> list[rel.Verb]:
        a, b = bisect_right(self.verb_starts, c.start - 1), bisect_right(self.verb_starts, c.end - 1)
        heads: list[rel.Verb] = []
        for v in self.verbs[a:b]:
            prefix = self.f[c.start : v.start]
            if len(prefix) < _HEAD and _strip(prefix) == "":
                heads.append(v)
                continue
            me = _last(self.self_rx, prefix)
            after_self = c.start + me.end() if me is not None else None
            if (after_self is not None and _SUBJECT_THEN_VERB.match(self.f[after_self : v.start])
                    and not self._citations_in(after_self, v.start)
                    and bisect_right(self.verb_starts, v.start - 1) == bisect_right(self.verb_starts, after_self - 1)):
                heads.append(v)  # "Quyết định này ... và thay thế": the document's own verb
            elif rel.pattern("enact").search(prefix) and not self._citations_in(c.start, v.start):
                heads.append(v)
            elif (rel.pattern("coordinators").search(prefix)
                  and (me is not None or any(h.kind in rel.acts() for h in heads)) and v.kind in rel.acts()):
                heads.append(v)
        return heads

    # --- reading --------------------------------------------------------------------------
    def run(self) -> list[Read]:
        carry: Read | None = None
        prev: Clause | None = None
        for c in clauses(self.text, self.f, self.meta.title, ((v.start, v.end) for v in self.all_verbs)):
            body = _strip(self.f[c.start : min(c.end, c.start + _HEAD)])
            proposal = bool(rel.pattern("proposal_starts").match(body))
            inherit = carry if carry is not None and not proposal and (
                carry.role == "lead" and prev is not None and prev.ends_with == ":" or self._continues(prev, c, body)) else None
            heads = [] if proposal else self._head_verbs(c)
            cits = self._citations_in(c.start, c.end)
            self._clause(c, cits, heads, inherit)
            carry = None if proposal else self._carry(c, cits, heads, inherit)
            prev = c
        self._authority()
        return self.out

    def _continues(self, prev: Clause | None, c: Clause, body: str) -> bool:
        """An item of the list the previous clause opened or went on with."""
        if prev is None:
            return False
        head = self.f[c.start : min(c.end, c.start + _HEAD)].lstrip()
        item = bool(rel.pattern("item_marker").match(head))
        start = rel.pattern("item_marker").sub("", head, count=1)
        doc = bool(self.doc_start.match(_strip(start)))
        return doc and (prev.ends_with in (":", ";") or (item and prev.ends_with in (".", "\n\n", "\n")))

    def _clause(self, c: Clause, cits: list[int], heads: list[rel.Verb], inherit: Read | None) -> None:
        chain: list[int] = []  # the clause's own subjects, when no verb precedes them
        for k, i in enumerate(cits):
            s = self.spans[i][0]
            if self._quoted(s):
                self.out[i] = Read(role="nested")
                continue
            gv = next((v for v in reversed(heads) if v.end <= s), None)
            lo = gv.end if gv else c.start
            before = [j for j in cits[:k] if self.spans[j][0] >= lo]
            if before:
                p = before[-1]
                gap = self.f[self.spans[p][1] : s]
                if _ALIAS.search(gap):  # "(sau đây gọi là Luật Đất đai số 45/2013/QH13)": the same document
                    same = next((j for j in reversed(cits[:k]) if self._number(j) == self._number(i)), p)
                    self.out[i] = Read(self.out[same].kind, self.out[same].partial, list(self.out[same].articles),
                                       self.out[same].said_at, self.out[same].role)
                    if same in chain:
                        chain.append(i)
                    continue
                if _coordinated(gap, self.doc_start) and self.out[p].role == "nested" and len(gap) > 60:
                    # "Thông tư A ... hướng dẫn ... Quyết định B ... về ... và Thông tư C": C is listed beside A
                    p = next((j for j in reversed(before) if self.out[j].role == "head"), p)
                if _coordinated(gap, self.doc_start) and self.out[p].role in ("head", "nested"):
                    self.out[i] = self._like(self.out[p], gap, s)
                    if p in chain:
                        chain.append(i)
                    continue
                rule = gv.kind if gv else (inherit.kind if inherit else DEFAULT)
                self.out[i] = Read(rule if rule in _INCLUSIVE else DEFAULT, role="nested")
                continue
            if gv:
                self.out[i] = self._acted(gv.kind, gv.end, s, (gv.start, gv.end))
            elif inherit is not None:
                self.out[i] = self._acted(inherit.kind, c.start, s, inherit.said_at, lead=inherit.partial)
                chain.append(i)
            else:
                self.out[i] = Read(role="head")
                chain.append(i)
        if chain and all(self.out[i].kind == DEFAULT for i in chain):
            self._predicate(c, chain, cits)

    def _acted(self, kind: str, lo: int, s: int, said_at, lead: bool = False) -> Read:
        """A citation acted on by ``kind``: the parts named between the verb and it."""
        if kind not in rel.acts() and kind != "huong_dan":
            return Read(kind, said_at=said_at)
        span = self.text[lo:s]
        if kind in rel.acts() and _refers(NOTE.sub(" ", self.f[lo:s])):
            return Read(role="nested")  # "Bổ sung ... theo quy định tại Nghị quyết ...": a reference of the act
        articles = named_parts(NOTE.sub(" ", span))  # a note's words are not the clause's
        partial = kind in ("thay_the", "bai_bo") and (bool(articles) or lead or bool(rel.pattern("part_links").search(self.f[lo:s])))
        return Read(kind, partial, articles if kind != "huong_dan" or articles else [], said_at)

    def _like(self, p: Read, gap: str, s: int) -> Read:
        """A citation listed beside ``p`` ("A, B và C"): p's kind, its own named parts."""
        if p.role != "head" or p.kind not in rel.acts():
            return Read(p.kind, role=p.role, said_at=p.said_at)
        m = None
        for m in _LISTED.finditer(gap):
            pass
        lo = s - len(gap) + (m.end() if m else 0)
        return self._acted(p.kind, lo, s, p.said_at)

    def _predicate(self, c: Clause, chain: list[int], cits: list[int]) -> None:
        """"Quyết định số X ... hết hiệu lực kể từ ngày ...": the kind said after the subjects."""
        tail_from = max(self.spans[i][1] for i in cits)
        tail = self.f[tail_from : c.end]
        m = rel.pattern("ended").search(tail)
        kind, at = None, None
        if m and (_last(self.self_rx, tail[m.end() : m.end() + 80]) or rel.force(self.meta.type_code) != "none"):
            kind, at = "thay_the", (tail_from + m.start(), tail_from + m.end())
        else:
            a, b = bisect_right(self.all_starts, tail_from - 1), bisect_right(self.all_starts, c.end - 1)
            for v in self.all_verbs[a:b]:
                if v.kind in rel.acts() and self._passive(v.start) and rel.pattern("passive_done").match(self.f, v.end, c.end):
                    kind, at = v.kind, (v.start, v.end)
                    break
        if kind is None:
            return
        first = self.spans[chain[0]][0]
        lead = bool(rel.pattern("part_links").search(self.f[c.start : first]))
        for i in chain:
            r = self._acted(kind, c.start if i == chain[0] else self.spans[i][0], self.spans[i][0], at, lead=lead)
            self.out[i] = r

    def _carry(self, c: Clause, cits: list[int], heads: list[rel.Verb], inherit: Read | None) -> Read | None:
        """The kind a following list item takes from this clause, if any."""
        body = self.f[c.start : c.end]
        if c.ends_with == ":":
            if _NEW_WORDING.search(body):
                return None  # new wording follows, not a list of documents
            if heads and not cits:
                v = heads[-1]  # "Thay thế:", "Bãi bỏ các văn bản sau:": the list is its object
                lead = bool(_SOME.search(self.f[v.end : c.end]))
                return Read(v.kind, partial=lead, said_at=(v.start, v.end), role="lead")
            m = rel.pattern("ended").search(body) if not cits else None
            if m:
                return Read("thay_the", said_at=(c.start + m.start(), c.start + m.end()))
        if heads and not cits and not _NEW_WORDING.search(body):
            v = heads[-1]  # "Bãi bỏ toàn bộ các quyết định" before "1. Quyết định số ..."
            return Read(v.kind, partial=bool(_SOME.search(self.f[v.end : c.end])), said_at=(v.start, v.end))
        if c.ends_with in (":", ";", ".", "\n\n", "\n") and cits:
            first = self.out[cits[0]]
            if first.kind != DEFAULT and first.role == "head":
                return Read(first.kind, partial=inherit.partial if inherit else False, said_at=first.said_at)
        return None

    def _authority(self) -> None:
        """A document acts only on those its issuer may change (``relations.may_act``)."""
        for i, r in enumerate(self.out):
            if r.kind in rel.acts() and not rel.may_act(self.meta.number, self._number(i)):
                self.out[i] = Read(role="nested")

    def _number(self, i: int) -> str:
        s, e = self.spans[i]
        return self.text[s:e]


@lru_cache(maxsize=1)
def _lead() -> re.Pattern:
    parts = (_LEAD.pattern[1:], rel.pattern("item_marker").pattern[1:], rel.pattern("article_head").pattern[1:])
    return re.compile("^(?:" + "|".join(parts) + ")+")


def _strip(s: str) -> str:
    """A clause start without item markers, article headings, marks and "về việc"."""
    return _lead().sub("", s, count=1)


def _last(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    """The last match in ``text`` of any of ``patterns``."""
    best = None
    for rx in patterns:
        for m in rx.finditer(text):
            if best is None or m.end() > best.end():
                best = m
    return best


def _coordinated(gap: str, doc_start: re.Pattern) -> bool:
    """Whether the (folded) words between two citations list them ("..., Quyết định số" / "và số"),
    rather than name the second inside the first's title ("sửa đổi ... của Nghị định số")."""
    m = None
    for m in _LISTED.finditer(gap):
        pass
    if m is None:
        return False
    rest = gap[m.end() :].strip()
    return rest == "" or bool(doc_start.match(rest)) and not _TITLE_WORDS.search(rest)
