"""OCR text -> its restored reading: words repaired and accents restored.

Per stretch of text between sentence boundaries: each word's candidates
(``lattice``), a Viterbi pass with the trigram model (``decode``), then the
chosen reading written in the word's case ("KẾ HOẠCH", "Quyết", "của").
Numbers, codes and unit names are settled before (``guard``).  The words
the model cannot read keep their OCR form, so the reading never loses
anything the scan had.

The OCR repairer is asked once per text for the alternatives of every word,
the same call (same tokens) the analyzer makes right after, which it answers
from its memo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.analysis.analyzer import WORD, folded_view
from indexer.analysis.ocr_repair import Repairer
from indexer.analysis.text import lower
from indexer.extract.restore import guard, lattice
from indexer.extract.restore.decode import Pool, decode
from indexer.extract.restore.model import RestoreModel, load
from indexer.extract.restore.spans import Span, spans
from indexer.extract.restore.tokens import PIECE

# Candidates are made once per distinct word (with its repairs) and kept,
# up to this many candidates in all.
_MAX_POOL = 2_000_000


@dataclass
class Restoration:
    """A restored reading and what ties it to the text it was made from."""

    original: str
    text: str
    expanded: list[int] = field(default_factory=list)  # indices of words read as two

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def spans(self) -> list[Span]:
        return spans(self.original, self.text, self.expanded)


class Restorer:
    """Restores texts with one model and one OCR repairer (both loaded on first use)."""

    def __init__(self, model: str | None = None, repair_model: str | None = None):
        self.model_path = model
        self.repair_model = repair_model
        self._model: RestoreModel | None = None
        self._repairer: Repairer | None = None
        self._blocks: dict = {}  # word key -> its (offset, count) in the pool
        self._pool = Pool()

    @property
    def model(self) -> RestoreModel:
        if self._model is None:
            self._model = load(self.model_path)
        return self._model

    @property
    def repairer(self) -> Repairer:
        if self._repairer is None:
            self._repairer = Repairer.load(self.repair_model)
        return self._repairer

    def restore(self, text: str) -> Restoration:
        """The reading of normalised ``text`` (an OCR'd document or a value from it)."""
        folded = WORD.findall(folded_view(text))
        if not folded:
            return Restoration(text, text)
        alts = self.repairer.repair(folded)
        words, fresh = [], []
        boundary = True
        for m in PIECE.finditer(text):
            word = m.group(1)
            if word is None:
                boundary = True
                continue
            words.append((word, m.start(), m.end()))
            fresh.append(boundary)
            boundary = False
        if len(words) != len(folded):  # cannot happen: one word regex
            return Restoration(text, text)
        forced = guard.unit_names(folded, [w for w, _, _ in words], alts)
        blocks = self._lattice(text, words, alts, forced)
        model = self.model
        return _assemble(text, words, decode(model, self._pool, blocks, fresh, model.params["beam"]))

    def _lattice(self, text: str, words: list, alts: list, forced: dict) -> list[tuple[int, int]]:
        """Each word's block of candidates in the pool (made on first sight)."""
        if len(self._pool) > _MAX_POOL:
            self._blocks, self._pool = {}, Pool()
        known = self._blocks
        is_syllable = self.repairer.is_syllable
        last = len(text)
        out = []
        for i, (word, start, end) in enumerate(words):
            a = alts[i]
            key = (word, *a) if a else word
            if forced and i in forced:
                key = ("=", forced[i])
            elif start and text[start - 1] in "/-" or end < last and text[end] in "/-":
                part = guard.number_part(text, start, end, word, is_syllable)
                if part is not None:
                    key = ("#", word) if part == word else ("!", part)
            block = known.get(key)
            if block is None:
                block = known[key] = self._pool.add(self._candidates(key, word, a))
            out.append(block)
        return out

    def _candidates(self, key, word: str, alts: list[str]) -> tuple:
        model = self.model
        if type(key) is tuple and key[0] == "=":
            reading = lower(key[1])
            return (lattice.Cand((model.word_id(reading),), 0.0, reading),)
        if type(key) is tuple and key[0] == "#":
            return (lattice.as_read(model, word),)
        if type(key) is tuple and key[0] == "!":  # a code, spelled as the tables spell it
            return (lattice.Cand((model.word_id(lower(key[1])),), 0.0, key[1]),)
        return lattice.candidates(model, word, tuple(alts), self.repairer.is_syllable)


def cased(reading: str, word: str) -> str:
    """The reading in the word's case: all capitals, a capital first, or lower."""
    if word.islower():
        return reading
    if word.isupper() and sum(c.isalpha() for c in word) > 1:
        return reading.upper()
    if word[0].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


def _assemble(text: str, words, chosen) -> Restoration:
    parts, expanded, pos = [], [], 0
    for i, (word, start, end) in enumerate(words):
        cand = chosen[i]
        if cand.text is None:
            continue
        # Readings are lower case, except codes, which carry their own ("TTr").
        reading = cased(cand.text, word) if cand.text.islower() else cand.text
        if reading == word:
            continue
        parts.append(text[pos:start])
        parts.append(reading)
        pos = end
        if " " in reading:
            expanded.append(i)
    parts.append(text[pos:])
    return Restoration(text, "".join(parts), expanded)
