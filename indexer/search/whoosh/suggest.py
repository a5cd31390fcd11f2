""""Did you mean" and autocomplete, from the terms of the index itself.

A Vocabulary is read once per searcher (per commit) from three lexicons:
``folded`` (every word, with its document frequency), ``exact`` (the
accented spellings seen in the archive) and ``numbers``/``cited_numbers``
(số ký hiệu).  Requests then only do dictionary and bisect look-ups.

- An unaccented word gets the most frequent accented spelling of the same
  folded form ("ke" -> "kế"); a word the index does not know gets the most
  frequent known word one edit away ("hoachh" -> "hoach" -> "hoạch").
- Completion folds the last word typed, so "kế ho" offers "kế hoạch".
"""

from __future__ import annotations

import bisect
import heapq
import re
import threading
import weakref

from indexer.search.service import Completion, Suggestion
from indexer.search.whoosh import matching
from indexer.legal.numbers import canonical_number
from indexer.search.parse import parse
from indexer.analysis.syllables import is_syllable_shaped
from indexer.analysis.text import fold, has_diacritics, lower
from indexer.legal.numbers import number_term

WORD = re.compile(r"[^\W_]+")
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
MAX_COUNT = 100_000  # counting hits stops here: "more hits" needs no more
_lock = threading.Lock()
_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class Vocabulary:
    """Folded words with frequencies, their best accented form, and numbers."""

    def __init__(self, reader):
        # Frequencies are occurrence counts (weights): on a small archive most
        # words are in every document and document frequencies all tie.
        self.freq: dict[str, int] = {}
        for term, info in reader.iter_field("repaired"):
            self.freq[term.decode()] = int(info.weight())
        best: dict[str, tuple[int, str]] = {}
        plain: dict[str, int] = {}
        for term, info in reader.iter_field("exact"):
            word, n = term.decode(), int(info.weight())
            if not has_diacritics(word):
                plain[word] = n
            elif n > best.get(fold(word), (0, ""))[0]:
                best[fold(word)] = (n, word)
        # OCR drops and invents marks: an accented spelling rarer than the
        # unaccented one in the same archive is more likely noise ("kénh").
        self.accented = {k: w for k, (n, w) in best.items() if n >= plain.get(k, 0)}
        # Completion offers words only: OCR debris ("chirc") is not syllable-shaped.
        self.words = sorted(w for w in self.freq if is_syllable_shaped(w))
        numbers = {}
        for field in ("numbers", "cited_numbers"):
            for term, info in reader.iter_field(field):
                t = term.decode()
                numbers[t] = numbers.get(t, 0) + info.doc_frequency()
        self.number_terms = sorted(numbers)
        self.number_freq = numbers

    # --- did you mean ----------------------------------------------------
    def correct(self, word: str) -> str:
        """The best spelling of one word: accented, or a known word one edit away."""
        folded = fold(word)
        if has_diacritics(word) or folded.isdigit():
            return word
        if folded not in self.freq and len(folded) >= 3:
            near = [c for c in _edits1(folded) if c in self.freq]
            if near:
                folded = max(near, key=lambda c: (self.freq[c], c))
        return self.accented.get(folded, folded if folded != fold(word) else word)

    def correct_query(self, text: str) -> str:
        """The query with each plain word corrected; fields, numbers and OR kept."""
        out = []
        for token in re.split(r"(\s+)", text):
            if not token.strip() or ":" in token or token == "OR" or re.match(r"^-?\d+[/\\]", token):
                out.append(token)
            else:
                out.append(WORD.sub(lambda m: self.correct(m.group()), token))
        return "".join(out)

    # --- autocomplete ----------------------------------------------------
    def complete_word(self, prefix: str, limit: int) -> list[str]:
        """The most frequent known words starting with the folded prefix."""
        p = fold(prefix)
        lo = bisect.bisect_left(self.words, p)
        hi = bisect.bisect_left(self.words, p + "\uffff")
        top = heapq.nlargest(limit, self.words[lo:hi], key=lambda w: (self.freq[w], w))
        return [self.accented.get(w, w) for w in top]

    def complete_number(self, prefix: str, limit: int) -> list[str]:
        """Số ký hiệu starting with what was typed, in their canonical spelling."""
        p = number_term(prefix.strip())
        lo = bisect.bisect_left(self.number_terms, p)
        hi = bisect.bisect_left(self.number_terms, p + "\uffff")
        top = heapq.nlargest(limit, self.number_terms[lo:hi], key=lambda t: self.number_freq[t])
        return [canonical_number(t) or t.upper() for t in top]


def _edits1(word: str) -> set[str]:
    """Every string one deletion, substitution, insertion or swap away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    out |= {a + c + b for a, b in splits for c in ALPHABET}
    return out


def vocabulary(searcher) -> Vocabulary:
    """The Vocabulary of this searcher, read on first use and kept with it."""
    with _lock:
        vocab = _cache.get(searcher)
        if vocab is None:
            vocab = _cache[searcher] = Vocabulary(searcher.reader())
        return vocab


def count(searcher, text: str, analyzer) -> int:
    """How many documents the query text matches (every word required)."""
    n = 0
    for _ in searcher.docs_for_query(matching.build(parse(text), analyzer)):
        n += 1
        if n >= MAX_COUNT:
            break
    return n


def did_you_mean(handle, text: str, total: int) -> Suggestion | None:
    """A corrected query worth offering, or None.

    Adding accents keeps the folded match set (so the same hits, ranked with
    exact matches first) and is offered whenever the archive knows the accented
    words; a spelling correction is offered only when it finds more documents.
    """
    if not text.strip() or parse(text).only_number():
        return None
    searcher, _ = handle.current()
    vocab = vocabulary(searcher)
    fixed = vocab.correct_query(text)
    if lower(fixed) == lower(text):
        return None
    if fold(fixed) == fold(text):
        return Suggestion(fixed, total) if total else None
    found = count(searcher, fixed, handle.analyzer)
    return Suggestion(fixed, found) if found > total else None


def complete(handle, text: str, limit: int = 8) -> list[Completion]:
    """Completions of what is typed: the whole query with its last word completed."""
    text = (text or "")[:200]
    if not text.strip() or text.endswith(" "):
        return []
    searcher, _ = handle.current()
    vocab = vocabulary(searcher)
    head, _, last = text.rpartition(" ")
    head = head + " " if head else ""
    out = []
    if re.match(r"^\d", last):
        out += [Completion("number", head + n) for n in vocab.complete_number(last, limit)]
    if len(fold(last)) >= 2 and not re.search(r"[/:\"]", last):
        words = vocab.complete_word(last, limit - len(out))
        out += [Completion("term", head + w) for w in words]
    return out[:limit]
