"""How the restorer cuts text into words: one definition for the model's
training (scripts/build_restore_model.py) and for restoring at index time,
so the language model sees at run time the tokens it was trained on.

Words are the analyzer's (letters and digits, "s6" whole); the language model
sees them lower-cased, any word with a digit as NUM, and a boundary (SENT) at
sentence punctuation and blank lines, where context starts afresh.
"""

from __future__ import annotations

import re
from typing import Iterator

from indexer.analysis.text import lower

SENT = "<s>"
NUM = "<num>"
UNK = "<unk>"
SPECIAL = (SENT, NUM, UNK)

# A word (group 1), or a boundary: sentence punctuation or a blank line.
PIECE = re.compile(r"([^\W_]+)|[.;:!?]|\n[ \t]*\n")
BOUNDARY = re.compile(r"[.;:!?]|\n[ \t]*\n")


def lm_word(word: str) -> str:
    """The language model's token for a word as it stands in clean text."""
    low = lower(word)
    return low if low.isalpha() else NUM


def pieces(text: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of every word; a boundary comes as (SENT, start, end)."""
    for m in PIECE.finditer(text):
        word = m.group(1)
        yield (word if word is not None else SENT), m.start(), m.end()


def lm_stream(text: str) -> list[str]:
    """The language model's tokens of normalised clean text, SENT-delimited."""
    out = [SENT]
    for word, _, _ in pieces(text):
        if word == SENT:
            if out[-1] != SENT:
                out.append(SENT)
        else:
            out.append(lm_word(word))
    if out[-1] != SENT:
        out.append(SENT)
    return out
