"""Real files of every format an archive holds, made from known text (tests and bench/formats.py).

Scans are drawn with Pillow in Liberation Serif (Debian fonts-liberation2,
which has every Vietnamese letter) at 300 dpi; office files are written as
the XML Word and LibreOffice write; nothing here calls the code under test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
DPI = 300


def page_image(lines: list[str], *, width_in: float = 8.27, height_in: float | None = None, pt: float = 13.0,
               dpi: int = DPI, angle: float = 0.0, noise: float = 0.0, seed: int = 0):
    """A white page with ``lines`` in black serif type; optional skew (degrees) and grey noise."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, round(pt / 72 * dpi))
    step = round(pt / 72 * dpi * 1.5)
    margin = dpi // 2
    height = round(height_in * dpi) if height_in else margin * 2 + step * max(1, len(lines))
    img = Image.new("L", (round(width_in * dpi), height), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * step), line, font=font, fill=0)
    if angle:
        img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if noise:
        rng = np.random.default_rng(seed)
        a = np.asarray(img, dtype=np.float32) + rng.normal(0, noise, (img.height, img.width))
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return img


def blank_image(width: int = 1200, height: int = 900):
    from PIL import Image

    return Image.new("L", (width, height), 255)


def save(img, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, dpi=(DPI, DPI), **kw)
    return buf.getvalue()


def scanned_pdf(pages) -> bytes:
    """A PDF of page images only, no text layer (what a scanner writes)."""
    buf = io.BytesIO()
    first, *rest = [p.convert("RGB") for p in pages]
    first.save(buf, format="PDF", resolution=DPI, save_all=True, append_images=rest)
    return buf.getvalue()


def multipage_tiff(pages) -> bytes:
    buf = io.BytesIO()
    first, *rest = pages
    first.save(buf, format="TIFF", dpi=(DPI, DPI), save_all=True, append_images=rest, compression="tiff_lzw")
    return buf.getvalue()


def pdf_with_garbage_layer(page, garbage: str) -> bytes:
    """One page: the scan as an image, under an invisible text layer of ``garbage``
    (what a font without a Unicode map gives a text extractor)."""
    jpeg = save(page.convert("L"), "JPEG", quality=90)
    w_pt, h_pt = page.width * 72 / DPI, page.height * 72 / DPI
    text = garbage.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = (f"q {w_pt:.2f} 0 0 {h_pt:.2f} 0 0 cm /Im0 Do Q "
               f"BT 3 Tr /F1 12 Tf 40 {h_pt - 60:.2f} Td ({text}) Tj ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.2f} {h_pt:.2f}] /Contents 4 0 R "
        f"/Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {page.width} /Height {page.height} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode() + jpeg + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the catalog first) with its xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def encrypted_pdf(page) -> bytes:
    return encrypt_pdf(scanned_pdf([page]), user_password="mat-khau", algorithm="RC4-128")


def encrypt_pdf(pdf: bytes, user_password: str, algorithm: str = "AES-256", owner_password: str = "chu") -> bytes:
    """``pdf`` encrypted as Acrobat does it; an empty ``user_password`` opens it to
    anyone (only printing and copying are guarded: the owner's password)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """One A4 page with ``lines`` as its text layer (Helvetica, WinAnsi: Latin-1 text only)."""
    esc = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = ("BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({t}) '" for t in esc) + " ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return _pdf_file(objects)


# --- office files ------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _w_par(text: str, page_break_before: bool = False, footnote: int | None = None) -> str:
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break_before else ""
    note = f'<w:r><w:footnoteReference w:id="{footnote}"/></w:r>' if footnote else ""
    return f'<w:p>{brk}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>{note}</w:p>'


def _w_table(rows: list[list[list[str]]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join("<w:tc>" + "".join(_w_par(t) for t in cell) + "</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def docx(header_rows: list[list[list[str]]], pages: list[list[str]], footnote: str = "", page_header: str = "") -> bytes:
    """A .docx: a header-block table, then paragraphs, a typed page break before each later page."""
    body = _w_table(header_rows) if header_rows else ""
    for n, paras in enumerate(pages):
        for k, para in enumerate(paras):
            note = 1 if footnote and n == 0 and k == 0 else None
            body += _w_par(para, page_break_before=(n > 0 and k == 0), footnote=note)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
            "</Relationships>"),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W} {_R}><w:body>{body}'
            '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/></w:sectPr></w:body></w:document>'),
        "word/footnotes.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_W}>'
            + (f'<w:footnote w:id="1">{_w_par(footnote)}</w:footnote>' if footnote else "") + "</w:footnotes>"),
        "word/header1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {_W}>'
            + (_w_par(page_header) if page_header else "<w:p/>") + "</w:hdr>"),
    }
    return _zip(files)


def odt(paragraphs: list[str], note: str = "") -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    if note:
        paras += (f'<text:p>Ghi chú<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                  f"<text:note-body><text:p>{escape(note)}</text:p></text:note-body></text:note></text:p>")
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:text>{paras}</office:text></office:body></office:document-content>'
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def junk_docx() -> bytes:
    """A zip named .docx that holds no Word document."""
    return _zip({"notes.txt": "không phải văn bản Word", "random.bin": "x" * 100})


def convert_with_soffice(src: Path, fmt: str, out_dir: Path) -> Path:
    """LibreOffice's conversion (bench only: tests ship the tiny .doc they need)."""
    import subprocess

    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
                   check=True, capture_output=True, timeout=300)
    return out_dir / (src.stem + "." + fmt)
