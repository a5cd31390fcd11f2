"""One place that turns errors into pages: JSON under /api/, HTML elsewhere.

Every message a person can read is Vietnamese, Werkzeug's English defaults
included ("The requested URL was not found…"): an error raised without a
message of ours gets the one of its status.  The JSON keeps its field names
(``error``, ``message``, ``status``) and adds ``code``, a stable word an API
client can test instead of the sentence.  A traceback is never shown:
unexpected errors are logged and answered with a plain 500 message.
"""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, NotFound

from indexer.search import EngineUnavailableError, IndexUnavailableError

from .params import BadRequest

# status: (title, what to say when the error carries no message of ours, API code)
STATUSES = {
    400: ("Yêu cầu không hợp lệ", "Địa chỉ này có tham số không đọc được.", "bad_request"),
    403: ("Không được phép", "Bạn không có quyền xem trang này.", "forbidden"),
    404: ("Không tìm thấy", "Không có trang nào ở địa chỉ này. Hãy kiểm tra lại địa chỉ, "
                            "hoặc tìm văn bản từ ô tìm kiếm.", "not_found"),
    405: ("Phương thức không được phép", "Địa chỉ này không nhận kiểu yêu cầu vừa gửi.", "method_not_allowed"),
    413: ("Yêu cầu quá lớn", "Dữ liệu gửi lên lớn hơn mức cho phép.", "too_large"),
    414: ("Địa chỉ quá dài", "Địa chỉ trang dài hơn mức cho phép: hãy rút ngắn truy vấn.", "uri_too_long"),
    429: ("Quá nhiều yêu cầu", "Máy chủ đang nhận quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.",
          "too_many_requests"),
    500: ("Lỗi máy chủ", "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.", "internal_error"),
    503: ("Chỉ mục chưa sẵn sàng", "Kho văn bản tạm thời chưa phục vụ được. Vui lòng thử lại sau ít phút.",
          "index_unavailable"),
}
OTHER = ("Lỗi", "Đã xảy ra lỗi.", "error")

# What a cluster that cannot serve found (EngineUnavailableError.kind), said to
# the reader first; the administrator's sentence (what to run) follows it.
ENGINE_PROBLEMS = {
    "unreachable": "Không kết nối được với cụm OpenSearch: không máy chủ nào của cụm trả lời.",
    "no_manager": "Cụm OpenSearch chưa bầu được nút quản lý (cluster manager): quá nửa số nút quản lý đã dừng.",
    "red": "Một phần chỉ mục không có bản sao nào đang chạy: máy chủ giữ phần đó đã rời khỏi cụm OpenSearch.",
    "failed": "Cụm OpenSearch báo lỗi khi xử lý yêu cầu.",
}


def status_text(status: int) -> tuple[str, str, str]:
    """(title, default message, API code) of an HTTP status."""
    if status in STATUSES:
        return STATUSES[status]
    return STATUSES[500] if status >= 500 else OTHER


def error_response(status: int, message: str = "", code: str = "", detail: str = "", **extra):
    """The error page, or the API's JSON; ``detail`` is for whoever runs the server
    (the command that fixes a missing index), shown below the reader's message."""
    title, default, status_code = status_text(status)
    message = message or default
    if request.path.startswith("/api/"):
        fields = {"error": title, "message": message, "status": status, "code": code or status_code, **extra}
        body = jsonify(dict(fields, detail=detail) if detail else fields)
    else:
        body = render_template("error.html", status=status, title=title, message=message, detail=detail)
    return make_response(body, status)


def not_found(message: str, code: str = "not_found") -> NotFound:
    """A 404 with our message and an API code ("document_not_found"): ``raise not_found(...)``."""
    exc = NotFound(message)
    exc.vdoc_code = code
    return exc


def _own_message(exc: HTTPException) -> str:
    """The message an abort() of ours gave, or "" for Werkzeug's English default."""
    description = exc.description or ""
    return "" if description == type(exc).description else description


def init_app(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def bad_request(exc):
        return error_response(400, str(exc), exc.code, param=exc.param)

    @app.errorhandler(IndexUnavailableError)
    def no_index(exc):
        # Missing, built by other code, damaged, or its cluster unreachable: the
        # reader gets a Vietnamese sentence, whoever runs the server what is wrong
        # and what to run; the page is not cached.
        said = ENGINE_PROBLEMS[exc.kind] + " " if isinstance(exc, EngineUnavailableError) else ""
        response = error_response(503, detail=said + str(exc))
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc):
        code = getattr(exc, "vdoc_code", "")  # set by aborts that name what was not found
        return error_response(exc.code or 500, _own_message(exc), code)

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error on %s", request.path)
        return error_response(500)

    @app.after_request
    def vietnamese_redirect(response):
        # A redirect's body is Werkzeug's English "Redirecting..." page; a browser
        # that does not follow it at once shows ours.
        if 300 <= response.status_code < 400 and response.location and response.mimetype == "text/html":
            target = escape(response.location)
            response.set_data(f'<!doctype html>\n<html lang="vi"><title>Đang chuyển trang</title>'
                              f'<p>Đang chuyển đến <a href="{target}">{target}</a>.</p></html>\n')
        return response
