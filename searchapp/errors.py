"""One place that turns errors into pages: JSON under /api/, HTML elsewhere.

A traceback is never shown: unexpected errors are logged and answered with a
plain 500 message.
"""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.search import EngineUnavailableError, IndexUnavailableError

from .params import BadRequest

MESSAGES = {
    400: "Yêu cầu không hợp lệ",
    404: "Không tìm thấy",
    405: "Phương thức không được phép",
    500: "Lỗi máy chủ",
    503: "Chỉ mục chưa sẵn sàng",
}

# What a cluster that cannot serve found (EngineUnavailableError.kind), said to
# the reader first; the administrator's sentence (what to run) follows it.
ENGINE_PROBLEMS = {
    "unreachable": "Không kết nối được với cụm OpenSearch: không máy chủ nào của cụm trả lời.",
    "no_manager": "Cụm OpenSearch chưa bầu được nút quản lý (cluster manager): quá nửa số nút quản lý đã dừng.",
    "red": "Một phần chỉ mục không có bản sao nào đang chạy: máy chủ giữ phần đó đã rời khỏi cụm OpenSearch.",
    "failed": "Cụm OpenSearch báo lỗi khi xử lý yêu cầu.",
}


def error_response(status: int, message: str):
    if request.path.startswith("/api/"):
        body = jsonify({"error": MESSAGES.get(status, "Lỗi"), "message": message, "status": status})
    else:
        body = render_template("error.html", status=status, title=MESSAGES.get(status, "Lỗi"), message=message)
    return make_response(body, status)


def init_app(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def bad_request(exc):
        return error_response(400, str(exc))

    @app.errorhandler(IndexUnavailableError)
    def no_index(exc):
        # Missing, built by other code, damaged, or its cluster unreachable: the
        # message says what to run; the page is not cached.
        said = ENGINE_PROBLEMS[exc.kind] + " " if isinstance(exc, EngineUnavailableError) else ""
        response = error_response(503, said + str(exc))
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return error_response(exc.code or 500, exc.description or "")

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500, "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.")
