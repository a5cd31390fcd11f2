"""What any engine should reward beyond matching words: words found together.

The whole query as typed, its compounds (pyvi on accented queries; any
adjacent pair otherwise) and each adjacent pair earn a bonus when found
together, so "kế hoạch" as a unit outranks "kế ... hoạch" scattered through a
page.  Engine-neutral: the Whoosh engine scores these groups over positions,
another engine sends them as phrase clauses.
"""

from __future__ import annotations

from indexer.analysis.segment import compounds
from indexer.analysis.text import fold
from indexer.search.parse import ParsedQuery

PHRASE_BONUS = 1.5  # a compound of the query (pyvi) found as a unit
PAIR_BONUS = 0.5  # any two adjacent query words found together
WHOLE_PHRASE_BONUS = 2.0  # the whole query found as typed


def proximity_groups(pq: ParsedQuery) -> list[tuple[tuple[str, ...], float]]:
    """(folded words, weight) that earn a bonus when found together."""
    words = [g[0].text for g in pq.groups if len(g) == 1 and g[0].kind == "word"]
    if len(words) < 2:
        return []
    groups = {tuple(words): WHOLE_PHRASE_BONUS}
    for group in compounds(words):
        groups.setdefault(group, PHRASE_BONUS)
    for pair in zip(words, words[1:]):
        groups.setdefault(pair, PAIR_BONUS)
    return [(tuple(fold(w) for w in group), weight) for group, weight in groups.items()]
