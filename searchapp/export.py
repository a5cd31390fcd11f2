"""Export the whole result set (metadata of every match) as CSV or JSON.

Same arguments as /search; the page and per_page arguments are ignored.  The
CSV starts with a byte-order mark so Excel opens the Vietnamese text as UTF-8.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, jsonify, request

from indexer.search import EXPORT_FIELDS

from .params import search_request
from .resources import service

bp = Blueprint("export", __name__)

HEADERS = {
    "id": "Mã", "number": "Số ký hiệu", "title": "Trích yếu", "type": "Loại", "type_name": "Tên loại",
    "date": "Ngày ban hành", "year": "Năm", "unit": "Cơ quan ban hành", "province": "Tỉnh/thành phố",
    "signer": "Người ký", "path": "Tệp",
    "restored_title": "Trích yếu (bản đọc đã sửa)", "restored_signer": "Người ký (bản đọc đã sửa)",
    "restored_unit": "Cơ quan ban hành (bản đọc đã sửa)",
}


def _rows() -> list[dict]:
    req = search_request(request.args, current_app.config["MAX_PER_PAGE"], current_app.config["MAX_PAGE"])
    return service().export(req)


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
    writer.writerow([HEADERS[f] for f in EXPORT_FIELDS])
    for row in _rows():
        writer.writerow([csv_cell(row[f]) for f in EXPORT_FIELDS])
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="ket-qua.csv"',
    })
