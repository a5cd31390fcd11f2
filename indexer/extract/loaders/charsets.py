"""The legacy Vietnamese charsets: bytes (or their Latin-1 look) <-> Unicode.

Before Unicode, Vietnamese files were typed in font encodings: TCVN3 (ABC,
".VnTime" fonts), VNI-Windows ("VNI-Times"), VISCII, VPS, and Microsoft's
Windows-1258.  Read as Windows-1252 they come out as "Céng hoµ x· héi"
(TCVN3) or "Coäng hoøa xaõ hoäi" (VNI).  The single-byte tables are data
(``data/charsets.json``, made and cross-checked by
``scripts/make_charset_tables.py``); VNI and Windows-1258 are rules.

Each charset both decodes and encodes, so every table is tested by round
trips (``tests/extract/test_encodings.py``, ``bench/formats.py``).  TCVN3 has no
upper-case toned letters (the ".VnTimeH" font draws lower-case bytes as
capitals), so its round trip keeps letters, not their case.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "charsets.json"
_TONE_MARKS = {"\u0301": "sac", "\u0300": "huyen", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
_QUALITY = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}
# VNI-Windows writes a toned vowel as a base letter and one mark character.
_VNI_TONE = {"sac": "ù", "huyen": "ø", "hoi": "û", "nga": "õ", "nang": "ï"}
_VNI_CIRCUMFLEX = {None: "â", "sac": "á", "huyen": "à", "hoi": "å", "nga": "ã", "nang": "ä"}
_VNI_BREVE = {None: "ê", "sac": "é", "huyen": "è", "hoi": "ú", "nga": "ü", "nang": "ë"}
# ...except the i family, đ and the horned vowels, which are one character each.
_VNI_I = {"sac": "í", "huyen": "ì", "hoi": "æ", "nga": "ó", "nang": "ò"}
_VNI_SINGLE = {"đ": "ñ", "ơ": "ô", "ư": "ö"}


@dataclass(frozen=True, eq=False)
class Charset:
    """One legacy encoding: ``decode_map`` maps each Latin-1/cp1252 look-alike
    character (or VNI sequence) to its Vietnamese letter; ``encode`` goes back."""

    name: str
    label: str
    decode_map: dict[str, str]
    longest: int  # the longest key of decode_map (2 for VNI)

    def convert(self, surface: str) -> str:
        """Text as a Windows-1252 reader shows it -> Unicode NFC."""
        if self.name == "cp1258":
            return unicodedata.normalize("NFC", surface)
        if self.longest == 1:
            return unicodedata.normalize("NFC", surface.translate(_translation(self.name)))
        out, i, n = [], 0, len(surface)
        get = self.decode_map.get
        while i < n:
            pair = get(surface[i : i + 2])
            if pair is not None:
                out.append(pair)
                i += 2
                continue
            out.append(get(surface[i], surface[i]))
            i += 1
        return unicodedata.normalize("NFC", "".join(out))

    def decode(self, data: bytes) -> str:
        """The file's bytes -> Unicode NFC."""
        if self.name == "cp1258":
            return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
        return self.convert(surface_of(data))

    def encode(self, text: str) -> bytes:
        """Unicode -> this charset's bytes (for tests, benchmarks and round trips)."""
        return b"".join(_encode_char(self, ch) for ch in unicodedata.normalize("NFC", text))


def surface_of(data: bytes) -> str:
    """Bytes as a Windows-1252 reader shows them (Latin-1 where cp1252 has a hole)."""
    return "".join(_SURFACE[b] for b in data) if len(data) < 64 else data.decode("latin-1").translate(_TO_CP1252)


_SURFACE = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
_TO_CP1252 = {b: _SURFACE[b] for b in range(0x80, 0xA0) if _SURFACE[b] != chr(b)}


def _split(ch: str) -> tuple[str, str | None, str | None]:
    """'ấ' -> ('a', 'circumflex', 'sac'); 'đ' stays itself."""
    parts = unicodedata.normalize("NFD", ch)
    base = parts[0]
    quality = next((_QUALITY[m] for m in parts[1:] if m in _QUALITY), None)
    tone = next((_TONE_MARKS[m] for m in parts[1:] if m in _TONE_MARKS), None)
    return base, quality, tone


def _vni_surface(ch: str) -> str:
    base, quality, tone = _split(ch)
    upper = base.isupper()
    low = base.lower()
    if ch.lower() == "đ":
        s = _VNI_SINGLE["đ"]
    elif low == "i" and tone:
        s = _VNI_I[tone]
    elif quality == "horn":
        s = _VNI_SINGLE["ơ" if low == "o" else "ư"] + (_VNI_TONE[tone] if tone else "")
    elif quality == "circumflex":
        s = low + _VNI_CIRCUMFLEX[tone]
    elif quality == "breve":
        s = low + _VNI_BREVE[tone]
    elif tone and low in "aeouy":
        s = low + _VNI_TONE[tone]
    else:
        return ch
    return s.upper() if upper else s


# The vowel marks each base vowel takes: â ă, ê, ô ơ, ư.
_QUALITIES = {"a": ("", "\u0302", "\u0306"), "e": ("", "\u0302"), "i": ("",), "o": ("", "\u0302", "\u031b"),
              "u": ("", "\u031b"), "y": ("",)}


def vietnamese_letters() -> list[str]:
    """The 67 lower-case letters with marks or without (vowels with each tone, and đ)."""
    return sorted({unicodedata.normalize("NFC", v + q + t) for v, qs in _QUALITIES.items() for q in qs
                   for t in ("", *_TONE_MARKS)} | {"đ"})


def _vni_map() -> dict[str, str]:
    out = {}
    for letter in vietnamese_letters():
        for ch in (letter, letter.upper()):
            surface = _vni_surface(ch)
            if surface != ch:
                out[surface] = ch
    # Some VNI typists put the tone on a plain i (seen by viparse in real files).
    out.update({"iø": "ì", "iù": "í", "IØ": "Ì", "IÙ": "Í"})
    return out


@lru_cache(maxsize=None)
def _tables() -> dict[str, dict[int, str]]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {name: {int(b, 16): c for b, c in table.items()} for name, table in raw.items()}


def _byte_charset(name: str, label: str) -> Charset:
    table = _tables()[name]
    return Charset(name, label, {_SURFACE[b]: c for b, c in table.items()}, 1)


@lru_cache(maxsize=None)
def _translation(name: str) -> dict[int, str]:
    return {ord(k): v for k, v in CHARSETS[name].decode_map.items()}


@lru_cache(maxsize=None)
def _encoder(name: str) -> dict[str, bytes]:
    """Letter -> bytes; a letter a charset lacks in capitals falls back to lower case (TCVN3)."""
    cs = CHARSETS[name]
    out = {v: k.encode("cp1252") if k in _CP1252_CHARS else bytes([ord(k)])
           for k, v in cs.decode_map.items() if len(k) == 1}
    out.update({v: k.encode("latin-1") for k, v in cs.decode_map.items() if len(k) == 2})
    return out


_CP1252_CHARS = frozenset(_SURFACE[b] for b in range(0x80, 0xA0) if _SURFACE[b] != chr(b))


def _encode_char(cs: Charset, ch: str) -> bytes:
    return _choose(cs, ch)[1]


# Punctuation that a charset with letters at 0x80-0x9F (VISCII, VPS) cannot
# hold: such files were typed with the ASCII forms.
_ASCII_PUNCT = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                              "\u2013": "-", "\u2014": "-"})


@lru_cache(maxsize=4096)
def _choose(cs: Charset, ch: str) -> tuple[str, bytes]:
    """(what the character becomes, its bytes) in this charset.

    A letter of the charset is itself; another character keeps its cp1252
    byte unless that byte is one of the charset's letters.  TCVN3 writes
    capitals it lacks with the lower-case letter (as ".VnTimeH" users did),
    others fall back to lower case or ASCII punctuation; '?' when nothing fits.
    """
    if cs.name == "cp1258":
        return _cp1258(ch)
    letters = _encoder(cs.name)
    lower = ch.lower() if len(ch.lower()) == 1 else ch
    options = [ch, lower] if cs.name == "tcvn3" else [ch]
    for option in options:
        if option in letters:
            return option, letters[option]
    for option in (ch, lower, ch.translate(_ASCII_PUNCT)):
        if option in letters:
            return option, letters[option]
        raw = option.encode("cp1252", errors="ignore")
        if len(raw) == 1 and _SURFACE[raw[0]] not in cs.decode_map:
            return option, raw
    return "?", b"?"


def _cp1258(ch: str) -> tuple[str, bytes]:
    """Windows-1258 has â, ơ, ư ... precomposed and the five tones as combining marks."""
    try:
        return ch, ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    nfd = unicodedata.normalize("NFD", ch)
    tone = "".join(m for m in nfd if m in _TONE_MARKS)
    body = unicodedata.normalize("NFC", nfd.replace(tone, "")) if tone else ch
    try:
        return ch, (body + tone).encode("cp1258")
    except UnicodeEncodeError:
        return "?", b"?"


def representable(cs: Charset, text: str) -> str:
    """What ``text`` becomes in this charset's repertoire: its round trip's target."""
    return "".join(_choose(cs, ch)[0] for ch in unicodedata.normalize("NFC", text))


CHARSETS: dict[str, Charset] = {}


def charsets() -> dict[str, Charset]:
    """Every legacy charset by name (built on first use: no I/O at import)."""
    if not CHARSETS:
        CHARSETS.update({
            "tcvn3": _byte_charset("tcvn3", "TCVN3 (ABC, .VnTime)"),
            "vni": Charset("vni", "VNI-Windows", _vni_map(), 2),
            "viscii": _byte_charset("viscii", "VISCII"),
            "vps": _byte_charset("vps", "VPS"),
            "cp1258": Charset("cp1258", "Windows-1258", {}, 1),
        })
    return CHARSETS
