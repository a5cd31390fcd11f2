"""Does a text need restoring?  OCR'd (or typed-without-accents) Vietnamese
does; clean Vietnamese and other languages do not.

Counted over the words that are Vietnamese syllables (folded), outside web
and e-mail addresses: a page of links ("thuvienphapluat.vn/van-ban/...")
or an English preamble ("Each line should contain one URL") adds words
without marks that are not OCR'd Vietnamese, and made a clean list of
decrees (its marked share of all words 21 %) look OCR'd.  Measured on the
development data (the first 400 words of letters): the 745 clean documents
have marks on 81 % (1st percentile) to 95 % of their syllables, the 300
simulated-OCR pairs on 7-25 %; Vietnamese, clean or OCR'd, has 75 % or more
of its folded words in the syllable inventory, English about 25 %.  So: few
marks and many syllables.
"""

from __future__ import annotations

from indexer.analysis.analyzer import WORD
from indexer.analysis.text import fold
from indexer.extract.restore.guard import in_links

MAX_MARKED = 0.5  # a text with marks on more of its syllables is read as written
MIN_SYLLABLES = 0.55  # ... and one with fewer syllables is not Vietnamese
SAMPLE = 400  # words looked at: the two kinds differ by far more than a sample this size can blur
MIN_WORDS = 3


def needs_restoring(text: str, is_syllable) -> bool:
    """True for Vietnamese that lost its accents (OCR by an engine without Vietnamese)."""
    words = _sample(text)
    syllables = [w for w in words if is_syllable(fold(w))]
    if len(syllables) < MIN_WORDS:
        return False
    # A Vietnamese word with a non-ASCII letter has a mark (text is normalised).
    marked = sum(1 for w in syllables if not w.isascii()) / len(syllables)
    return marked < MAX_MARKED and len(syllables) / len(words) >= MIN_SYLLABLES


def _sample(text: str) -> list[str]:
    """The first SAMPLE words of letters, web and e-mail addresses left out."""
    sample = text[: SAMPLE * 8]
    for _ in range(4):  # a page of long links: look further for the words
        links = in_links(sample)
        kept = "".join(sample[a:b] for a, b in _between(links, len(sample)))
        words = [w for w in WORD.findall(kept) if w.isalpha()]
        if len(words) >= SAMPLE or len(sample) == len(text):
            break
        sample = text[: len(sample) * 4]
    return words[:SAMPLE]


def _between(spans: list[tuple[int, int]], end: int) -> list[tuple[int, int]]:
    out, at = [], 0
    for a, b in spans:
        out.append((at, a))
        at = b
    out.append((at, end))
    return out
