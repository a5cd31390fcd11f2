"""Word segmentation of queries with pyvi: which adjacent syllables are compounds.

pyvi's CRF joins compounds only in accented text ("kế hoạch" -> kế_hoạch;
"ke hoach" stays two syllables), so unaccented queries fall back to treating
every adjacent pair as a possible compound: the phrase bonus then rewards
documents where the words stand together, which is what a compound query means.

Documents are not segmented: the CRF reads about 0.5 MB/s, too slow for the
indexing budget, and positional phrase matching on syllables gives the same
"compound above scattered syllables" ranking at query time.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.analysis.text import has_diacritics


@lru_cache(maxsize=1)
def _tokenizer():
    # Loaded on first use: importing pyvi loads its CRF model from disk.
    from pyvi import ViTokenizer

    return ViTokenizer


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    return tuple(_tokenizer().tokenize(text).split())


def compounds(words: list[str]) -> list[tuple[str, ...]]:
    """Groups of consecutive query words that read as one compound word."""
    if len(words) < 2:
        return []
    if not any(has_diacritics(w) for w in words):
        return [tuple(words[i : i + 2]) for i in range(len(words) - 1)]
    groups = []
    for token in _segment(" ".join(words)):
        parts = tuple(token.split("_"))
        if len(parts) > 1:
            groups.append(parts)
    return groups
