"""HTML: the visible text only (scripts, styles and markup dropped).

The text is read by a streaming parser (the standard library's HTMLParser):
it keeps no tree, so its cost is linear in the file.  BeautifulSoup's tree
took 84 s, and was stopped by the time budget, on 500,000 unclosed <div>s
(2.5 MB); this reads them in about a second.  BeautifulSoup's UnicodeDammit
still decides the encoding (BOM, <meta charset>, then a guess).
"""

from __future__ import annotations

from html.parser import HTMLParser

from indexer.errors import SkipFile
from indexer.extract.loaders.encodings import read_unicode
from indexer.extract.loaders.record import Loaded
from indexer.extract.loaders.text import check_text, loaded_from_reading, nul_heavy

# Elements whose content is never shown.
_HIDDEN = frozenset(("script", "style", "noscript", "template", "head"))
# Elements that end a line.
_BLOCKS = frozenset(("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section"))


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside hidden elements

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._newline()  # an unclosed <p> or <li> still starts a line

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self._newline()

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    def parse_html_declaration(self, i):
        # Before Python 3.13 a malformed "<![..." or "<!x" (random bytes, a
        # broken export) raises AssertionError ("unknown status keyword");
        # a browser reads it as a bogus comment up to the next ">", and so do we.
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            end = self.rawdata.find(">", i + 2)
            return len(self.rawdata) if end < 0 else end + 1


def visible_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def load_html(data: bytes) -> Loaded:
    from bs4.dammit import UnicodeDammit

    if nul_heavy(data):
        raise SkipFile("binary file (NUL bytes), not HTML")
    markup = UnicodeDammit(data, is_html=True).unicode_markup or ""
    check_text(markup)  # random bytes are binary before they are bad markup
    try:
        text = visible_text(markup)
    except AssertionError as exc:  # the parser's own checks, on markup no browser would mind either
        raise SkipFile(f"unreadable HTML (malformed markup: {str(exc)[:80]!r})") from None
    # Old pages typed in TCVN3/VNI fonts declare Latin-1 and read as mojibake.
    reading = read_unicode(check_text(text))
    return loaded_from_reading(reading)
