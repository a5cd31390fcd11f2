"""The one place where matches become marks: the library's offsets turned into HTML.

The search service returns data (``Passage``: a piece of text and where the
query matched in it; a document section's text, its matches, the words the
restorer touched and where pages start).  Here they become escaped HTML:
each match one ``<mark>`` (numbered on a document page, for the hit
navigation), each restored word a span carrying its OCR form, each page
start a "Trang N" marker.  Restored words are whole words, and so are
matches (a phrase, words standing together), so a word is inside a match or
outside it; where one crosses the other the word's span is closed and
reopened around the mark's edge, so the HTML stays well nested.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

_KINDS = {"restored": "restored", "repaired": "restored repaired", "doubtful": "restored doubtful",
          "unsure": "unsure"}
_TITLES = {"unsure": "Máy không chắc chữ này, giữ như OCR đọc: {}", "doubtful": "Máy đã sửa nhưng chưa chắc — OCR: {}"}


def passage_html(passage) -> Markup:
    """One snippet: its text, its matches in <mark>, "…" where the document goes on."""
    out, pos = [], 0
    for start, end in passage.marks:
        if start < pos or end > len(passage.text):
            continue
        out += [escape(passage.text[pos:start]), Markup("<mark>"), escape(passage.text[start:end]), Markup("</mark>")]
        pos = end
    out.append(escape(passage.text[pos:]))
    return Markup("…" if passage.before else "") + Markup("").join(out) + Markup("…" if passage.after else "")


def _esc(text: str) -> str:
    """markupsafe's escape, character for character, as a plain string: a long OCR'd
    section has thousands of pieces, and a Markup object per piece cost a page a
    third of its time; the section is made Markup once, whole."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;") \
        .replace('"', "&#34;")


@lru_cache(maxsize=4096)
def _word_tag(kind: str, ocr: str) -> str:
    title = _TITLES.get(kind, "OCR: {}").format(ocr)
    # data-ocr: the OCR form again, for the page to show beside the word (a tooltip
    # opens for neither a keyboard nor a finger: the ocr_forms view, a tap).
    return (f'<span class="{_esc(_KINDS.get(kind, "restored"))}" title="{_esc(title)}" '
            f'data-ocr="{_esc(ocr)}" tabindex="0">')


def text_html(text: str, marks, words=(), breaks=(), first_hit: int = 1) -> Markup:
    """A section's text as HTML: matches in numbered <mark>s (hit-1, hit-2 ...),
    ``words`` (RestoredWord) wrapped, a "Trang N" marker at each page break."""
    events: dict[int, list] = {}
    for b in breaks:
        events.setdefault(b[0], []).append(("break", b[1]))
    for n, (start, end) in enumerate(marks, first_hit):
        events.setdefault(start, []).append(("open-mark", n))
        events.setdefault(end, []).append(("close-mark", n))
    for w in words:
        events.setdefault(w.start, []).append(("open-word", w))
        events.setdefault(w.end, []).append(("close-word", w))
    out: list[str] = []
    word = None  # the word span open now
    in_mark = False
    pos = 0
    order = {"close-word": 0, "close-mark": 1, "break": 2, "open-mark": 3, "open-word": 4}
    for at in sorted(events):
        if at > len(text):
            continue
        out.append(_esc(text[pos:at]))
        pos = at
        for kind, value in sorted(events[at], key=lambda e: order[e[0]]):
            if kind == "close-word" and word is value:
                out.append("</span>")
                word = None
            elif kind == "close-mark" and in_mark:
                if word is not None:  # a word crossing the mark's end: close it inside, reopen outside
                    out.append("</span></mark>" + _word_tag(word.kind, word.ocr))
                else:
                    out.append("</mark>")
                in_mark = False
            elif kind == "break":
                out.append(f'<span class="pagebreak" id="trang-{value}">Trang {value}</span>')
            elif kind == "open-mark":
                tag = f'<mark id="hit-{value}" tabindex="-1">'
                out.append("</span>" + tag + _word_tag(word.kind, word.ocr) if word is not None else tag)
                in_mark = True
            elif kind == "open-word" and word is None:
                out.append(_word_tag(value.kind, value.ocr))
                word = value
    out.append(_esc(text[pos:]))
    if word is not None:
        out.append("</span>")
    if in_mark:
        out.append("</mark>")
    return Markup("".join(out))


def document_html(doc, reading: bool) -> Markup:
    """The section a document page shows: its restored reading (``reading``) or its text."""
    if reading:
        breaks = [(b.restored_offset, b.page) for b in doc.breaks]
        return text_html(doc.restored_text, doc.restored_marks, doc.restored_words, breaks)
    return text_html(doc.text, doc.marks, (), [(b.offset, b.page) for b in doc.breaks])
