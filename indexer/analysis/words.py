"""What a Vietnamese reader takes for one word, as data (loaded on first use).

- Function words (``data/function_words.txt``): grammatical words ("của",
  "và", "các") that carry no topic; a page never marks one standing alone.
- Compounds: pairs of syllables that stand together in pyvi's word list
  (25,000 words of two syllables or more: "phân tích", "chủ tịch"), so a
  page can tell a query's "tịch" from the second half of another word.
  Folded pairs too, for OCR'd text whose marks are unknown.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from indexer.analysis.text import fold, lower, normalize


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Function words, lower-case with their marks, and folded."""
    text = resources.files("indexer.analysis").joinpath("data/function_words.txt").read_text(encoding="utf-8")
    words = {lower(normalize(w.strip())) for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(words)


def is_function_word(word: str) -> bool:
    return lower(word) in function_words()


def _pyvi_words() -> Path | None:
    try:
        import pyvi
    except ImportError:  # pragma: no cover - pyvi is a dependency
        return None
    path = Path(pyvi.__file__).with_name("models") / "words.txt"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def compound_pairs() -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    """(accented pairs, folded pairs) of adjacent syllables inside a compound word."""
    path = _pyvi_words()
    accented: set[tuple[str, str]] = set()
    if path is not None:
        for line in lower(normalize(path.read_text(encoding="utf-8"))).splitlines():
            parts = line.split()
            accented.update(zip(parts, parts[1:]))
    return frozenset(accented), frozenset((fold(a), fold(b)) for a, b in accented)


def in_compound(first: str, second: str, marks_known: bool = True) -> bool:
    """Whether two adjacent words read as (part of) one compound word."""
    accented, folded = compound_pairs()
    if marks_known:
        return (lower(first), lower(second)) in accented
    return (fold(first), fold(second)) in folded
