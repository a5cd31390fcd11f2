"""HTML: the visible text only (scripts, styles and markup dropped)."""

from __future__ import annotations

from indexer.errors import SkipFile
from indexer.extract.loaders.encodings import read_unicode
from indexer.extract.loaders.record import Loaded
from indexer.extract.loaders.text import check_text, loaded_from_reading, nul_heavy

_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section")


def load_html(data: bytes) -> Loaded:
    from bs4 import BeautifulSoup

    if nul_heavy(data):
        raise SkipFile("binary file (NUL bytes), not HTML")
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_after("\n")
    # Old pages typed in TCVN3/VNI fonts declare Latin-1 and read as mojibake.
    reading = read_unicode(check_text(soup.get_text()))
    return loaded_from_reading(reading)
