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

from bisect import bisect_left
from dataclasses import dataclass, field

from indexer.analysis.alignment import OffsetMap, Span
from indexer.analysis.analyzer import WORD, folded_view
from indexer.analysis.ocr_repair import Repairer
from indexer.analysis.text import lower
from indexer.extract.restore import guard, lattice
from indexer.extract.restore.decode import Pool, decode
from indexer.extract.restore.model import RestoreModel, load
from indexer.extract.restore.tokens import BOUNDARY

# Texts longer than this are restored in slices of about this size.
SLICE_CHARS = 200_000
# Candidates are made once per distinct word (with its repairs) and kept,
# up to this many candidates in all.
_MAX_POOL = 2_000_000


@dataclass
class Restoration:
    """A restored reading and what ties it to the text it was made from."""

    original: str
    text: str
    glued: list[int] = field(default_factory=list)  # offsets of OCR words read as two
    spans: list[Span] = field(default_factory=list)  # the restored words, in order (Spans or plain tuples)
    # Where the model was unsure (its posterior under min_posterior): the word is
    # left as read, and (start, end, readings) says where it stands in the OCR
    # text and which readings the model found plausible, likeliest first, lower
    # case (the word itself when reading it as it stands was one); no readings:
    # nothing is known of its marks (scan noise the model never reads).  For the
    # index only: a search may find the word by any of them, while the page
    # honestly leaves it as the scan had it.
    unsure: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    # Words changed although the model was not quite sure (posterior under
    # DOUBTFUL): (start, end) in the OCR text, what a reader should check.
    doubtful: list[tuple[int, int]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def offsets(self) -> OffsetMap:
        return OffsetMap(self.spans)


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

    def restore(self, text: str, places: tuple[str, ...] = ()) -> Restoration:
        """The reading of normalised ``text`` (an OCR'd document or a value from
        it); ``places`` are names the header gave (its unit's, its province's),
        spelled so wherever the text has them in capitals.

        A long text is read in slices cut at line breaks, so memory stays
        bounded (a word costs a few hundred bytes while it is decoded)."""
        if len(text) <= SLICE_CHARS:
            return self._restore(text, places)
        parts = [self._restore(text[a:b], places) for a, b in _slices(text, SLICE_CHARS)]
        return _joined(text, parts)

    def _restore(self, text: str, places: tuple[str, ...]) -> Restoration:
        folded = WORD.findall(folded_view(text))
        if not folded:
            return Restoration(text, text)
        alts = self.repairer.repair(folded)
        words = WORD.findall(text)
        spans = [m.span() for m in WORD.finditer(text)]
        gap_of = guard.gaps(text, spans)
        forced = guard.unit_names(folded, words, alts, gap_of)
        if places:
            forced = {**guard.hinted_names(folded, words, list(places), gap_of), **forced}
        # Words of web addresses and of another language are kept as written and
        # have no marks to restore: their marks are known (none), as in clean text.
        # Scan noise is kept as read too, but nothing says which marks its letters had.
        unmarked = guard.linked_words(text, spans) | guard.foreign_runs(words, folded, alts, self.repairer.is_syllable)
        noise = guard.letter_runs(words) | guard.noisy_words(text, spans)
        blocks = self._lattice(text, words, spans, alts, forced, noise | unmarked)
        model = self.model
        chosen, sure, plausible = decode(model, self._pool, blocks, _fresh(text, spans), model.params["beam"],
                                         PLAUSIBLE_SHARE)
        readings = self._pool.readings
        options = [tuple(dict.fromkeys(lower(readings[k] or word) for k in row)) for row, word in zip(plausible, words)]
        for i in noise - unmarked:
            sure[i], options[i] = 0.0, ()
        return _assemble(text, spans, [readings[i] for i in chosen], sure, options, model.params["min_posterior"])

    def _lattice(self, text: str, words: list[str], spans: list, alts: list, forced: dict,
                 noise: set) -> list[tuple[int, int]]:
        """Each word's block of candidates in the pool (made on first sight)."""
        if len(self._pool) > _MAX_POOL:
            self._blocks, self._pool = {}, Pool()
        known = self._blocks
        is_syllable = self.repairer.is_syllable
        last = len(text)
        out = []
        for i, word in enumerate(words):
            a = alts[i]
            key = (word, *a) if a else word
            if forced and i in forced:
                key = ("=", forced[i], word)
            elif noise and i in noise:
                key = ("#", word)
            else:
                start, end = spans[i]
                if start and text[start - 1] in "/-" or end < last and text[end] in "/-":
                    part = guard.number_part(text, start, end, word, is_syllable)
                    if part is not None:
                        key = ("#", word) if part == word else ("!", part, word)
            block = known.get(key)
            if block is None:
                block = known[key] = self._pool.add(self._candidates(key, word, a), word)
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


def _fresh(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """True for each word that starts a stretch: the first, and each after a boundary."""
    fresh = [False] * len(spans)
    if spans:
        fresh[0] = True
        starts = [a for a, _ in spans]
        for m in BOUNDARY.finditer(text):
            i = bisect_left(starts, m.start())
            if i < len(fresh):
                fresh[i] = True
    return fresh


def cased(reading: str, word: str) -> str:
    """The reading in the word's case: all capitals, a capital first, or lower."""
    if word.islower():
        return reading
    if word.isupper() and sum(c.isalpha() for c in word) > 1:
        return reading.upper()
    if word[0].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


def reading_of(cand, word: str) -> str | None:
    """What a candidate makes of a word as it stands, None for no change.
    Readings are lower case, except codes, which carry their own ("TTr")."""
    if cand.text is None:
        return None
    reading = cased(cand.text, word) if cand.text.islower() else cand.text
    return None if reading == word else reading


# A change the model is less sure of than this is shown as one to check.
DOUBTFUL = 0.9
# A reading holding this share of a word's posterior is one a search grants a
# word the model cannot settle (bench/precision.py: 0.1 keeps what an accented
# query asks to the readings the evidence allows).
PLAUSIBLE_SHARE = 0.1


def _assemble(text: str, spans: list, readings: list, sure: list[float], options: list[tuple[str, ...]],
              floor: float) -> Restoration:
    """The reading: each word as chosen, kept as read where the model is unsure."""
    parts, glued, found, unsure, doubtful, pos, shift = [], [], [], [], [], 0, 0
    for (start, end), reading, p, plausible in zip(spans, readings, sure, options):
        if p < floor:
            unsure.append((start, end, plausible))
            continue
        if reading is None:
            continue
        if p < DOUBTFUL:
            doubtful.append((start, end))
        parts.append(text[pos:start])
        parts.append(reading)
        pos = end
        rstart = start + shift
        shift += len(reading) - (end - start)
        found.append((start, end, rstart, end + shift))
        if " " in reading:
            glued.append(start)
    parts.append(text[pos:])
    return Restoration(text, "".join(parts), glued, found, unsure, doubtful)


def _slices(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of slices of about ``size`` characters, cut after a line break."""
    out, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + size // 2, start + size)
        end = cut + 1 if cut >= 0 else start + size
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _joined(text: str, parts: list[Restoration]) -> Restoration:
    """One restoration of ``text`` from restorations of its consecutive slices."""
    glued, found, unsure, doubtful, at, shift = [], [], [], [], 0, 0
    for part in parts:
        unsure += [(a + at, b + at, r) for a, b, r in part.unsure]
        doubtful += [(a + at, b + at) for a, b in part.doubtful]
        glued += [g + at for g in part.glued]
        found += [(a + at, b + at, c + at + shift, d + at + shift) for a, b, c, d in part.spans]
        at += len(part.original)
        shift += len(part.text) - len(part.original)
    return Restoration(text, "".join(p.text for p in parts), glued, found, unsure, doubtful)
