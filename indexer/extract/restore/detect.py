"""Does a text need restoring?  OCR'd (or typed-without-accents) Vietnamese
does; clean Vietnamese and other languages do not.

Measured on the development data (words of letters only, the first 3,000 (the test looks at the first 400)):
clean documents have marks on 71-93 % of their words (one page of URLs,
33 %), the simulated-OCR pairs on 8-25 %, the five real scans on 16-19 %;
Vietnamese, clean or OCR'd, has 70 % or more of its folded words in the
syllable inventory, English about 25 %.  So: few marks and many syllables.
"""

from __future__ import annotations

from indexer.analysis.analyzer import WORD
from indexer.analysis.text import fold

MAX_MARKED = 0.5  # a text with marks on more of its words is read as written
MIN_SYLLABLES = 0.55  # ... and one with fewer syllables is not Vietnamese
SAMPLE = 400  # words looked at: the two kinds differ by far more than a sample this size can blur
MIN_WORDS = 3


def needs_restoring(text: str, is_syllable) -> bool:
    """True for Vietnamese that lost its accents (OCR by an engine without Vietnamese)."""
    sample = text[: SAMPLE * 8]
    words = [w for w in WORD.findall(sample) if w.isalpha()][:SAMPLE]
    if len(words) < MIN_WORDS:
        return False
    # A Vietnamese word with a non-ASCII letter has a mark (text is normalised).
    marked = sum(1 for w in words if not w.isascii()) / len(words)
    syllables = sum(1 for w in fold(" ".join(words)).split() if is_syllable(w)) / len(words)
    return marked < MAX_MARKED and syllables >= MIN_SYLLABLES
