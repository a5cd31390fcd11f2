"""Did-you-mean, completion and similar documents from the index's term statistics.

OpenSearch has no API to walk a field's terms, but it gives the collection
frequency of any list of terms (term vectors of an artificial document).
Vietnamese makes the candidates few: a syllable has a closed shape
(``analysis.syllables``), so the words starting with "ho" and the accented
spellings of "hoach" can be listed, then asked for in one request.  The rules
are the Whoosh engine's (``search.whoosh.suggest``, ``similar``):

- an unaccented word gets its most frequent accented spelling; an unknown
  word (three letters or more) the most frequent known word one edit away;
- completion offers the most frequent known syllables with the typed prefix,
  and số ký hiệu with it (terms aggregations on the number fields);
- similar documents: the document's most distinctive words (its most
  frequent words, recorded at index time, weighed by the idf of the day) ORed
  into one query: no text is read.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
from collections import defaultdict
from functools import lru_cache

from indexer.analysis.syllables import _FINALS, _NUCLEI, _ONSETS
from indexer.analysis.text import fold, has_diacritics, lower, normalize
from indexer.legal.numbers import canonical_number, number_term
from indexer.search.opensearch.query import build
from indexer.search.parse import parse
from indexer.search.service import Completion, DocumentSummary, Suggestion

WORD = re.compile(r"[^\W_]+")
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_BASES = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "i": "i", "y": "y"}
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# Words every administrative text has; as key terms they would only find "any document".
_COMMON = {"ubnd", "nam", "ngay", "thang", "tinh", "huyen", "xa", "cua", "va", "cac", "nhung", "theo"}


@lru_cache(maxsize=1)
def syllables() -> list[str]:
    """Every syllable-shaped folded word, sorted (about 9,000)."""
    words = {o + n + f for o in [""] + _ONSETS for n in _NUCLEI for f in [""] + _FINALS}
    return sorted(words)


@lru_cache(maxsize=4096)
def accented_forms(folded: str) -> tuple[str, ...]:
    """Every accented spelling of a folded syllable, as ``normalize`` writes them."""
    slots = [("dđ" if ch == "d" else _BASES.get(ch, ch)) for ch in folded]
    vowels = [i for i, ch in enumerate(folded) if ch in _BASES]
    if len(vowels) > 3 or not vowels:
        return ()
    out = set()
    for letters in itertools.product(*slots):
        for tone in _TONES:
            for at in (vowels if tone else vowels[:1]):
                chars = list(letters)
                chars[at] += tone
                out.add(normalize("".join(chars)))
    out.discard(folded)
    return tuple(sorted(w for w in out if has_diacritics(w)))


def _edits1(word: str) -> set[str]:
    """Every string one deletion, substitution, insertion or swap away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    return out


class Lexicon:
    def __init__(self, handle):
        self.handle = handle

    def _best_accented(self, folded_words: list[str]) -> dict[str, str]:
        forms = {w: accented_forms(w) for w in folded_words if w.isalpha() and w.isascii()}
        stats = self.handle.term_stats("exact", [f for fs in forms.values() for f in fs])
        best = {}
        for word, fs in forms.items():
            scored = [(stats[f], f) for f in fs if stats.get(f)]
            if scored:
                best[word] = max(scored)[1]
        return best

    # --- did you mean ----------------------------------------------------
    def correct_query(self, text: str) -> str:
        tokens = re.split(r"(\s+)", text)
        plain = [i for i, t in enumerate(tokens)
                 if t.strip() and ":" not in t and t != "OR" and not re.match(r"^-?\d+[/\\]", t)]
        words = {m.group() for i in plain for m in WORD.finditer(tokens[i])}
        folded = {w: fold(w) for w in words if not has_diacritics(w) and not fold(w).isdigit()}
        candidates = set(folded.values())
        candidates |= {c for f in folded.values() if len(f) >= 3 for c in _edits1(f)}
        freq = self.handle.term_stats("repaired", sorted(candidates))
        chosen = {}
        for word, f in folded.items():
            if f not in freq and len(f) >= 3:
                near = [c for c in _edits1(f) if c in freq]
                if near:
                    f = max(near, key=lambda c: (freq[c], c))
            chosen[word] = f
        accented = self._best_accented(sorted(set(chosen.values())))
        fixed = {w: accented.get(f, f if f != fold(w) else w) for w, f in chosen.items()}
        for i in plain:
            tokens[i] = WORD.sub(lambda m: fixed.get(m.group(), m.group()), tokens[i])
        return "".join(tokens)

    def did_you_mean(self, text: str, total: int) -> Suggestion | None:
        if not text.strip() or parse(text).only_number():
            return None
        fixed = self.correct_query(text)
        if lower(fixed) == lower(text):
            return None
        if fold(fixed) == fold(text):
            return Suggestion(fixed, total) if total else None
        found = self.handle.count(build(parse(fixed), self.handle.analyzer))
        return Suggestion(fixed, found) if found > total else None

    # --- completion ------------------------------------------------------
    def complete_word(self, prefix: str, limit: int) -> list[str]:
        p = fold(prefix)
        words = syllables()
        lo, hi = bisect.bisect_left(words, p), bisect.bisect_left(words, p + "\uffff")
        freq = self.handle.term_stats("repaired", words[lo:hi])
        top = heapq.nlargest(limit, freq, key=lambda w: (freq[w], w))
        accented = self._best_accented(top)
        return [accented.get(w, w) for w in top]

    def complete_number(self, prefix: str, limit: int) -> list[str]:
        p = number_term(prefix.strip())
        if not p:
            return []
        pattern = re.sub(r"([^0-9a-z])", r"\\\1", p) + ".*"
        aggs = {f: {"terms": {"field": f, "include": pattern, "size": limit * 4}} for f in ("numbers", "cited_numbers")}
        query = {"bool": {"should": [{"prefix": {"numbers": p}}, {"prefix": {"cited_numbers": p}}]}}
        found = self.handle.search({"query": query, "size": 0, "aggs": aggs})["aggregations"]
        freq: dict[str, int] = defaultdict(int)
        for f in aggs:
            for b in found[f]["buckets"]:
                freq[b["key"]] += b["doc_count"]
        top = heapq.nlargest(limit, freq, key=lambda t: freq[t])
        return [canonical_number(t) or t.upper() for t in top]

    def complete(self, text: str, limit: int = 8) -> list[Completion]:
        text = (text or "")[:200]
        if not text.strip() or text.endswith(" "):
            return []
        head, _, last = text.rpartition(" ")
        head = head + " " if head else ""
        out = []
        if re.match(r"^\d", last):
            out += [Completion("number", head + n) for n in self.complete_number(last, limit)]
        if len(fold(last)) >= 2 and not re.search(r"[/:\"]", last):
            out += [Completion("term", head + w) for w in self.complete_word(last, limit - len(out))]
        return out[:limit]

    # --- similar ---------------------------------------------------------
    def key_terms(self, recorded: list, count: int, documents: int) -> list[str]:
        """The ``count`` most distinctive of a document's words recorded at index time
        (``index.opensearch_chunks.KEY_TERMS``): weight x idf, as ``search.whoosh.similar``."""
        weights = {t: w for t, w in recorded or [] if t not in _COMMON}
        found = self.handle.term_counts("repaired", sorted(weights))
        n = max(1, documents)
        scored = [(w * (math.log(n / (found[t][0] + 1)) + 1), t) for t, w in weights.items() if t in found]
        scored.sort(key=lambda st: (-st[0], st[1]))
        return [t for _, t in scored[:count]]

    def similar(self, stored: dict, limit: int, key_terms: int, documents: int) -> list[DocumentSummary]:
        terms = self.key_terms(stored.get("key_terms"), key_terms, documents)
        if not terms:
            return []
        should = [{"term": {"repaired": t}} for t in terms] + [{"term": {"folded": {"value": t, "boost": 0.5}}}
                                                              for t in terms]
        body = {"query": {"bool": {"should": should, "minimum_should_match": 1,
                                   "must_not": [{"term": {"id": stored["id"]}}]}},
                "size": limit, "_source": ["id", "title", "number", "date", "unit", "restored_title"]}
        return [DocumentSummary(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""), f.get("unit", ""),
                                f.get("restored_title") or f.get("title", ""))
                for f in (h["_source"] for h in self.handle.search(body)["hits"]["hits"])]
