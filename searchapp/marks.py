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


def _word_tag(word) -> Markup:
    title = _TITLES.get(word.kind, "OCR: {}").format(word.ocr)
    # data-ocr: the OCR form again, for the page to show beside the word (a tooltip
    # opens for neither a keyboard nor a finger: the ocr_forms view, a tap).
    # An f-string of escaped parts: Markup.format (string.Formatter, in Python) cost a
    # long OCR'd page a third of its time; the HTML is the same.
    return Markup(f'<span class="{escape(_KINDS.get(word.kind, "restored"))}" title="{escape(title)}" '
                  f'data-ocr="{escape(word.ocr)}" tabindex="0">')


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
    out: list = []
    word = None  # the word span open now
    in_mark = False
    pos = 0
    order = {"close-word": 0, "close-mark": 1, "break": 2, "open-mark": 3, "open-word": 4}
    for at in sorted(events):
        if at > len(text):
            continue
        out.append(escape(text[pos:at]))
        pos = at
        for kind, value in sorted(events[at], key=lambda e: order[e[0]]):
            if kind == "close-word" and word is value:
                out.append(Markup("</span>"))
                word = None
            elif kind == "close-mark" and in_mark:
                if word is not None:  # a word crossing the mark's end: close it inside, reopen outside
                    out.append(Markup("</span></mark>") + _word_tag(word))
                else:
                    out.append(Markup("</mark>"))
                in_mark = False
            elif kind == "break":
                out.append(Markup('<span class="pagebreak" id="trang-{0}">Trang {0}</span>').format(value))
            elif kind == "open-mark":
                tag = Markup('<mark id="hit-{}" tabindex="-1">').format(value)
                out.append(Markup("</span>") + tag + _word_tag(word) if word is not None else tag)
                in_mark = True
            elif kind == "open-word" and word is None:
                out.append(_word_tag(value))
                word = value
    out.append(escape(text[pos:]))
    if word is not None:
        out.append(Markup("</span>"))
    if in_mark:
        out.append(Markup("</mark>"))
    return Markup("").join(out)


def document_html(doc, reading: bool) -> Markup:
    """The section a document page shows: its restored reading (``reading``) or its text."""
    if reading:
        breaks = [(b.restored_offset, b.page) for b in doc.breaks]
        return text_html(doc.restored_text, doc.restored_marks, doc.restored_words, breaks)
    return text_html(doc.text, doc.marks, (), [(b.offset, b.page) for b in doc.breaks])
