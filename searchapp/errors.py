"""One place that turns errors into pages: JSON under /api/, HTML elsewhere.

A traceback is never shown: unexpected errors are logged and answered with a
plain 500 message.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissingError

from .params import BadRequest

MESSAGES = {
    400: "Yêu cầu không hợp lệ",
    404: "Không tìm thấy",
    405: "Phương thức không được phép",
    500: "Lỗi máy chủ",
    503: "Chưa có chỉ mục",
}


def error_response(status: int, message: str):
    if request.path.startswith("/api/"):
        return jsonify({"error": MESSAGES.get(status, "Lỗi"), "message": message, "status": status}), status
    return render_template("error.html", status=status, title=MESSAGES.get(status, "Lỗi"), message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def bad_request(exc):
        return error_response(400, str(exc))

    @app.errorhandler(IndexMissingError)
    def no_index(exc):
        return error_response(503, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return error_response(exc.code or 500, exc.description or "")

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.")
