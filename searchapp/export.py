"""Export the whole result set (metadata of every match) as CSV or JSON.

Same arguments as /search; the page and per_page arguments are ignored.  The
CSV is for people: its first column is the trích yếu as the page shows it (the
restored reading of an OCR'd document), the OCR form beside it when it
differs, then a link to the document; dates as dd/mm/yyyy.  It starts with a
byte-order mark so Excel opens the Vietnamese text as UTF-8.  The JSON is for
programs: the service's fields as they are (ISO dates) plus the link.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from .formatting import vn_date
from .params import search_request
from .resources import service

bp = Blueprint("export", __name__)

# (header, how the cell is read from a row): the shown value first, its OCR form beside it.
COLUMNS = [
    ("Trích yếu", lambda r: r.get("restored_title") or r.get("title")),
    ("Trích yếu như OCR đọc (nếu khác)", lambda r: _if_other(r, "title")),
    ("Liên kết", lambda r: r["url"]),
    ("Số ký hiệu", lambda r: r.get("number")),
    ("Loại", lambda r: r.get("type")),
    ("Tên loại", lambda r: r.get("type_name")),
    ("Ngày ban hành", lambda r: vn_date(r.get("date"))),
    ("Năm", lambda r: r.get("year")),
    ("Cơ quan ban hành", lambda r: r.get("restored_unit") or r.get("unit")),
    ("Cơ quan ban hành như OCR đọc (nếu khác)", lambda r: _if_other(r, "unit")),
    ("Tỉnh/thành phố", lambda r: r.get("province")),
    ("Người ký", lambda r: r.get("restored_signer") or r.get("signer")),
    ("Người ký như OCR đọc (nếu khác)", lambda r: _if_other(r, "signer")),
    ("Tệp", lambda r: r.get("path")),
    ("Mã", lambda r: r.get("id")),
]
HEADERS = [header for header, _ in COLUMNS]


def _if_other(row: dict, name: str) -> str:
    """The value as OCR read it, when the restored one shown beside it differs."""
    value, restored = row.get(name) or "", row.get(f"restored_{name}") or ""
    return value if restored and value != restored else ""


def _rows() -> list[dict]:
    """The service's rows, each with the absolute URL of its document's page."""
    req = search_request(request.args, current_app.config["MAX_PER_PAGE"], current_app.config["MAX_PAGE"])
    rows = service().export(req)
    for row in rows:
        row["url"] = url_for("views.document", doc_id=row["id"], _external=True)
    return rows


@bp.get("/export.json")
def export_json():
    rows = _rows()
    resp = jsonify({"query": request.args.get("q", ""), "total": len(rows), "documents": rows})
    resp.headers["Content-Disposition"] = 'attachment; filename="ket-qua.json"'
    return resp


# A cell that starts with one of these is a formula to Excel and LibreOffice
# (OWASP, "CSV Injection"): "=cmd|' /C calc'!A0" in a title must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """The value as CSV text, with a leading quote where it would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@bp.get("/export.csv")
def export_csv():
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in _rows():
        writer.writerow([csv_cell(cell(row)) for _, cell in COLUMNS])
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="ket-qua.csv"',
    })
