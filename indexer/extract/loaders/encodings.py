"""Which encoding is this text in?  Decide per file, with a confidence, or say so.

A candidate reading (UTF-8, each legacy charset, UTF-8 mojibake repaired by
ftfy) is scored by how much of it is Vietnamese: the share of its words with
marks that are well-formed syllables (Vietnamese letters only, one tone at
most, a syllable's shape, a stop final only under sắc or nặng).  Mojibake
fails that on most words ("Céng hoµ x· héi": hoµ, x·, héi), the right
charset passes it on nearly all.  The best reading wins when it is good, has
enough words to go on and clearly beats the runner-up; otherwise the text is
kept as read and the result says why it was not converted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from indexer.analysis.syllables import is_syllable_shaped
from indexer.analysis.text import fold
from indexer.extract.loaders.charsets import charsets, surface_of, vietnamese_letters

# Enough to decide: a good reading of at least this many marked words, this
# good, and the next reading with at least ERROR_RATIO times its share of
# malformed words and MIN_MARGIN more (VISCII and VPS share most letters, so
# a VPS file read as VISCII is still 92 % well-formed: 8 % against 0 %).
MIN_WORDS = 8
MIN_QUALITY = 0.85
ERROR_RATIO = 3.0
MIN_MARGIN = 0.03
# A Unicode text this good is left alone (clean Vietnamese scores ~0.98).
GOOD_ENOUGH = 0.9
SAMPLE_CHARS = 30000
SAMPLE_BYTES = 65536
BAD_UTF8 = "utf-8 with bad bytes"

_WORD = re.compile(r"[^\W\d_]+")
_VIET_LETTERS = frozenset(vietnamese_letters()) | frozenset("bcdđghklmnpqrstvx")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_STOP_TONES = frozenset("\u0301\u0323")


@dataclass(frozen=True)
class Reading:
    """A text as decided: ``encoding`` is "utf-8" when nothing was converted."""

    text: str
    encoding: str = "utf-8"
    confidence: float = 1.0
    uncertain: str | None = None  # why the text is kept as read, when it is

    @property
    def converted(self) -> bool:
        return self.encoding != "utf-8" and self.uncertain is None


# Asked of every marked word of every text file a build reads; the same few
# thousand words make most of any archive.
@lru_cache(maxsize=1 << 16)
def is_good_syllable(word: str) -> bool:
    """'nghiêng', 'Việt' yes; 'hoµ', 'héi', 'ViÖt', 'cac' (a stop final without sắc/nặng) no."""
    low = word.lower()
    if any(c not in _VIET_LETTERS for c in low):
        return False
    marks = [m for m in unicodedata.normalize("NFD", low) if m in _TONES]
    if len(marks) > 1:
        return False
    folded = fold(low)
    if not is_syllable_shaped(folded):
        return False
    if folded.endswith(("c", "ch", "p", "t")) and folded not in ("c", "p", "t") and (not marks or marks[0] not in _STOP_TONES):
        return False
    return True


def quality(text: str) -> tuple[float, int]:
    """(share of well-formed words among words that are not plain ASCII, how many)."""
    words = [w for w in _WORD.findall(text[:SAMPLE_CHARS]) if not w.isascii()]
    if not words:
        return 0.0, 0
    good = sum(map(is_good_syllable, words))
    return good / len(words), len(words)


def _decide(options: list[tuple[str, str]], as_read: tuple[str, str]) -> Reading:
    """The best of ``options`` [(encoding, text)] when it is clearly right, else ``as_read`` flagged.

    Charsets that read a file the same way are one reading ("viscii/vps"): a
    text whose letters all sit where both put them is not ambiguous.
    """
    merged: dict[str, list[str]] = {}
    for enc, text in options:
        merged.setdefault(text, []).append(enc)
    options = [("/".join(encs), text) for text, encs in merged.items()]
    scored = sorted(((*quality(text), enc, text) for enc, text in options), key=lambda s: (-s[0], -s[1]))
    best_q, best_n, best_enc, best_text = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    clear = (1 - second) >= max(ERROR_RATIO * (1 - best_q), (1 - best_q) + MIN_MARGIN)
    if best_q >= MIN_QUALITY and best_n >= MIN_WORDS and clear:
        return Reading(best_text, best_enc, round(best_q, 3))
    enc, text = as_read
    why = (f"encoding not certain: best reading {_label(best_enc)} ({best_q:.0%} of {best_n} marked words "
           f"well-formed, next {second:.0%}); indexed as read ({_label(enc)})")
    return Reading(text, enc, round(best_q, 3), why)


_LINE = re.compile(r"[^\n]+")


def restore_capitals(text: str) -> str:
    """TCVN3 has no toned capitals: "CỘNG HÒA" comes back "CộNG HòA".  A line
    whose plain letters are all capitals (four or more) was typed in capitals."""
    def fix(m: re.Match) -> str:
        line = m.group()
        plain = [c for c in line if c.isascii() and c.isalpha()]
        return line.upper() if len(plain) >= 4 and all(c.isupper() for c in plain) and not line.isupper() else line

    return _LINE.sub(fix, text)


def _label(enc: str) -> str:
    return "/".join(charsets()[e].label if e in charsets() else e for e in enc.split("/"))


def read_bytes(data: bytes) -> Reading:
    """Bytes of a plain-text file -> Unicode, deciding the encoding."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return read_unicode(text)
    # Decided on the head (cut at a line end), then the whole file is decoded once.
    head = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in head:
        head = head[: head.rindex(b"\n")]
    options = [(name, cs.decode(head)) for name, cs in charsets().items()]
    utf8 = head.decode("utf-8", errors="replace")
    options.append((BAD_UTF8, utf8))
    # A few bad bytes in UTF-8 (a file cut short) are read as UTF-8, not Latin-1.
    bad = utf8.count("\ufffd")
    multibyte = sum(1 for c in utf8 if not c.isascii()) - bad
    mostly_utf8 = bad <= max(2, len(utf8) // 1000) and multibyte >= bad
    as_read = (BAD_UTF8, utf8) if mostly_utf8 else ("windows-1252", surface_of(head))
    found = _decide(options, as_read)
    text = _decode_all(data, found.encoding)
    if "tcvn3" in found.encoding.split("/") and found.uncertain is None:
        text = restore_capitals(text)
    if found.encoding == BAD_UTF8:
        return Reading(text, "utf-8", found.confidence, f"{text.count(chr(0xFFFD))} bytes are not valid UTF-8 (replaced)")
    return Reading(text, found.encoding, found.confidence, found.uncertain)


def _decode_all(data: bytes, encoding: str) -> str:
    encoding = encoding.split("/")[0]
    if encoding in charsets():
        return charsets()[encoding].decode(data)
    if encoding.startswith("utf-8"):
        return data.decode("utf-8", errors="replace")
    return surface_of(data)


def read_unicode(text: str) -> Reading:
    """Unicode text that may still be legacy text seen through Windows-1252
    (a .doc, a PDF's text layer, a re-saved TCVN3 file) or UTF-8 mojibake."""
    q, n = quality(text)
    if n == 0 or q >= GOOD_ENOUGH:
        return Reading(text)
    options = [("utf-8", text)]
    options += [(name, cs.convert(text)) for name, cs in charsets().items() if name != "cp1258"]
    try:
        options.append(("cp1258", charsets()["cp1258"].decode(text.encode("cp1252"))))
    except UnicodeEncodeError:
        pass
    repaired = _ftfy(text)
    if repaired != text:
        options.append(("utf-8 read as windows-1252 (repaired)", repaired))
    found = _decide(options, ("utf-8", text))
    if "tcvn3" in found.encoding.split("/") and found.uncertain is None:
        found = Reading(restore_capitals(found.text), found.encoding, found.confidence)
    # Valid Unicode not clearly legacy text is what it says it is (OCR output
    # of an engine without Vietnamese scores low and must stay as it is).
    return found if found.uncertain is None else Reading(text)


def _ftfy(text: str) -> str:
    import ftfy

    return ftfy.fix_encoding(text)
