"""The candidate readings of one OCR word, each with what the channel says.

For an OCR word the candidates are the accented spellings of its folded form
and of the OCR repairer's alternatives ("ciia" -> cua -> của, cửa; "s6" ->
so -> số, sở, sổ), two syllables for a merged word ("cachhanh" -> cách
hành).  Each carries the channel's log-score: how often the truth was that
alternative for this kind of word (or, for a frequent OCR form, P(true |
form)), plus the marks OCR kept ("Quyét": é votes for ế over e), relative to
the best-matching spelling of the same folded form, so marks only choose
among spellings and the alternatives' table chooses among forms.

A word the model cannot read (a code, a number, an unknown word) has one
candidate: itself, as read.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from indexer.analysis.text import fold, lower
from indexer.extract.restore.model import RestoreModel

# Accented spellings tried per syllable of a two-syllable alternative.
MERGED_SPELLINGS = 3


class Cand(NamedTuple):
    ids: tuple[int, ...]  # language-model ids of the syllables it reads as
    emit: float  # the channel's log-score, weighted
    text: str | None  # lower-case reading; None: the word as read


def kind(folded: str, is_syllable) -> str:
    if folded.isdigit():
        return "digit"
    if not folded.isalpha():
        return "mixed"
    return "syllable" if is_syllable(folded) else "other"


def as_read(model: RestoreModel, word: str) -> Cand:
    low = lower(word)
    return Cand((model.num if not low.isalpha() else model.word_id(low),), 0.0, None)


def candidates(model: RestoreModel, word: str, alts: tuple[str, ...], is_syllable) -> tuple[Cand, ...]:
    """Every reading of ``word`` (as it stands in the text) worth decoding."""
    low = lower(word)
    folded = fold(word)
    params = model.params
    w_rank, w_mark = params["rank_weight"], params["mark_weight"]
    ranks = model.ranks[kind(folded, is_syllable)]
    seen = model.forms.get(folded)
    out: list[Cand] = []
    if len(folded) == 1 and folded.isalpha():
        # A lone letter is too little to read another word into ("c@ ché" is not
        # "mục"); it may only take its accents.
        alts = ()
    for rank, form in enumerate((folded,) + alts):
        if seen is not None:
            channel = seen.get(form, min(seen[""], ranks[rank]))
        else:
            channel = ranks[rank]
        spellings = _spellings(model, form)
        if not spellings:
            if rank == 0:
                out.append(Cand(as_read(model, word).ids, w_rank * channel, None))
            continue
        marks = _mark_scores(model, low, form, spellings)
        for (ids, text), mark in zip(spellings, marks):
            out.append(Cand(ids, w_rank * channel + w_mark * mark, text))
    return tuple(out) or (as_read(model, word),)


def _spellings(model: RestoreModel, form: str) -> list[tuple[tuple[int, ...], str]]:
    """(ids, text) of each accented spelling of a folded form ("a b" for two)."""
    vocab = model.vocab
    parts = form.split(" ")
    if len(parts) == 1:
        return [((i,), vocab[i]) for i, _ in model.accents.get(form, ())]
    options = [model.accents.get(p, ())[:MERGED_SPELLINGS] for p in parts]
    if not all(options):
        return []
    return [(tuple(i for i, _ in combo), " ".join(vocab[i] for i, _ in combo)) for combo in itertools.product(*options)]


def _mark_scores(model: RestoreModel, low: str, form: str, spellings) -> list[float]:
    """log P(the OCR's characters | spelling), minus the best spelling's; 0
    for all when the OCR word does not line up letter by letter."""
    flat = form.replace(" ", "")
    if len(flat) != len(low):
        return [0.0] * len(spellings)
    marks = model.marks
    scores = []
    for _, text in spellings:
        s = 0.0
        for t, o in zip(text.replace(" ", ""), low):
            table = marks.get(t)
            if table is not None:
                s += table.get(o, table[""])
        scores.append(s)
    best = max(scores)
    return [s - best for s in scores]
