"""Word and OpenDocument files: .docx and .odt read from their XML, .doc through antiword.

.docx and .odt are zips of XML; what we need of them is six kinds of element,
read with the standard library in document order, so the header block
(a two-cell table: issuing body | motto, Số: | place and date) reaches
metadata extraction as the lines it shows on paper.  python-docx has no
footnotes and mammoth drops page headers and page breaks; both would be a
dependency for less.  Page breaks are Word's own (``lastRenderedPageBreak``,
where Word laid the pages out) or, failing those, the typed ones.
Legacy-font text (a TCVN3 .doc reads "Céng hoµ") is converted like a .txt.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from indexer.errors import SkipFile
from indexer.extract.loaders.encodings import read_unicode
from indexer.extract.loaders.record import Loaded
from indexer.extract.loaders.tables import PAGE_BREAK, blocks_text
from indexer.extract.loaders.text import check_text, loaded_from_reading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
MAX_XML_BYTES = 64 * 1024 * 1024  # unpacked; a zip bomb stops here
DOC_SECONDS = 60.0


def _zip_member(data: bytes, names: list[str], kind: str) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        listed = {i.filename: i for i in zf.infolist()}
        if names[0] not in listed:
            raise SkipFile(f"not a {kind} file (no {names[0]} inside; encrypted or another format)")
        out = {}
        for name in names:
            if name in listed:
                if listed[name].file_size > MAX_XML_BYTES:
                    raise SkipFile(f"{kind} too large to read ({name} unpacks to {listed[name].file_size >> 20} MB)")
                out[name] = zf.read(name)
        return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise SkipFile(f"not a readable {kind} file ({exc.__class__.__name__}: {str(exc)[:120]})") from None


def _parse(xml: bytes, kind: str) -> ET.Element:
    try:
        return ET.fromstring(xml)
    except ET.ParseError as exc:
        raise SkipFile(f"damaged {kind} file (XML: {exc})") from None


# --- .docx -------------------------------------------------------------------

def _docx_runs(p: ET.Element, rendered: bool) -> str:
    out = []
    for el in p.iter():
        tag = el.tag
        if tag == W + "t" and el.text:
            out.append(el.text)
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            kind = el.get(W + "type")
            out.append(PAGE_BREAK if kind == "page" and not rendered else "\n")
        elif tag == W + "lastRenderedPageBreak" and rendered:
            out.append(PAGE_BREAK)
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "softHyphen":
            out.append("\xad")  # TCVN3 keeps ư at this byte: the encoding step decides
    return "".join(out)


def _docx_blocks(parent: ET.Element, rendered: bool) -> list:
    """Paragraphs as strings, tables as rows of cells (each a list of blocks), in order."""
    out: list = []
    for el in parent:
        if el.tag == W + "p":
            out.append(_docx_runs(el, rendered))
        elif el.tag == W + "tbl":
            rows = [[_docx_blocks(tc, rendered) for tc in tr.iter(W + "tc")] for tr in el.iter(W + "tr")]
            out.append(rows)
        elif el.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            out.extend(_docx_blocks(el, rendered))
    return out


def load_docx(data: bytes) -> Loaded:
    parts = _zip_member(data, ["word/document.xml", "word/_rels/document.xml.rels", "word/footnotes.xml",
                               "word/endnotes.xml"], ".docx")
    root = _parse(parts["word/document.xml"], ".docx")
    body = root.find(W + "body")
    if body is None:
        raise SkipFile("damaged .docx file (no document body)")
    rendered = any(True for _ in body.iter(W + "lastRenderedPageBreak"))
    headers = [_docx_blocks(_parse(xml, ".docx"), False) for xml in _headers(data, parts)]
    main = blocks_text(_docx_blocks(body, rendered))
    notes = [blocks_text(_docx_blocks(note, False)) for n in ("word/footnotes.xml", "word/endnotes.xml") if n in parts
             for note in _parse(parts[n], ".docx")]
    text = "\n".join([blocks_text(h) for h in headers] + [main] + notes)
    return _office_loaded(text)


def _headers(data: bytes, parts: dict[str, bytes]) -> list[bytes]:
    """The page headers' XML, first-page and default ones (a letterhead, rarely more)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(n for n in zf.namelist() if n.startswith("word/header") and n.endswith(".xml"))
        return [zf.read(n) for n in names if zf.getinfo(n).file_size <= MAX_XML_BYTES]


def _office_loaded(text: str) -> Loaded:
    return loaded_from_reading(read_unicode(check_text(text)))


# --- .odt --------------------------------------------------------------------

def _odt_text(el: ET.Element, notes: list[str]) -> str:
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == TEXT_NS + "s":
            out.append(" " * int(child.get(TEXT_NS + "c", "1")))
        elif tag == TEXT_NS + "tab":
            out.append("\t")
        elif tag == TEXT_NS + "line-break":
            out.append("\n")
        elif tag == TEXT_NS + "soft-page-break":
            out.append(PAGE_BREAK)
        elif tag == TEXT_NS + "note":
            body = child.find(TEXT_NS + "note-body")
            if body is not None:
                notes.append(blocks_text(_odt_blocks(body, notes)))
        else:
            out.append(_odt_text(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def _odt_blocks(parent: ET.Element, notes: list[str]) -> list:
    out: list = []
    for el in parent:
        if el.tag in (TEXT_NS + "p", TEXT_NS + "h"):
            out.append(_odt_text(el, notes))
        elif el.tag == TEXT_NS + "soft-page-break":
            out.append(PAGE_BREAK)
        elif el.tag == TABLE_NS + "table":
            rows = [[_odt_blocks(cell, notes) for cell in row if cell.tag == TABLE_NS + "table-cell"]
                    for row in el.iter(TABLE_NS + "table-row")]
            out.append(rows)
        elif el.tag in (TEXT_NS + "list", TEXT_NS + "list-item", TEXT_NS + "section", TEXT_NS + "list-header"):
            out.extend(_odt_blocks(el, notes))
    return out


def load_odt(data: bytes) -> Loaded:
    parts = _zip_member(data, ["content.xml"], ".odt")
    root = _parse(parts["content.xml"], ".odt")
    body = root.find(f"{OFFICE_NS}body/{OFFICE_NS}text")
    if body is None:
        raise SkipFile("damaged .odt file (no text body)")
    notes: list[str] = []
    main = blocks_text(_odt_blocks(body, notes))
    return _office_loaded("\n".join([main] + notes))


# --- .doc --------------------------------------------------------------------

def _antiword_tables(text: str) -> str:
    """antiword draws a table row as '|cell   |cell   |': cells joined by a tab, as in .docx."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
        out.append(line)
    return "\n".join(out)


def load_doc(data: bytes) -> Loaded:
    """Word 97-2003 through antiword (tables, page breaks), catdoc when antiword cannot."""
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SkipFile("not a Word .doc file (no OLE header)")
    tools = [t for t in ("antiword", "catdoc") if shutil.which(t)]
    if not tools:
        raise SkipFile(".doc converter not installed (antiword or catdoc; run scripts/install-system-deps.sh)")
    with tempfile.TemporaryDirectory(prefix="vdoc-doc-") as tmp:
        path = Path(tmp) / "in.doc"
        path.write_bytes(data)
        errors = []
        for tool in tools:
            cmd = ["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)] if tool == "antiword" else ["catdoc", "-d", "utf-8", "-w", str(path)]
            try:
                done = subprocess.run(cmd, capture_output=True, timeout=DOC_SECONDS)
            except subprocess.TimeoutExpired:
                errors.append(f"{tool}: took longer than {DOC_SECONDS:g} s")
                continue
            text = done.stdout.decode("utf-8", errors="replace")
            if tool == "antiword":
                text = _antiword_tables(text)
            if done.returncode == 0 and text.strip():
                return loaded_from_reading(read_unicode(check_text(text)))
            errors.append(f"{tool}: {done.stderr.decode('utf-8', 'replace').strip()[:120] or 'no text'}")
    raise SkipFile(f"unreadable .doc file ({'; '.join(errors)})")
