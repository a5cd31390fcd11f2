"""Web security: reflected values escaped (checked in chromium), headers, no traceback, no path escape.

The XSS archive holds documents whose titles, bodies, numbers and file names
carry script payloads.  Every payload would set ``window.__xss`` or open a
dialog if it ran, or leave an injected element in the DOM if it were parsed
as markup; the Content-Security-Policy would also block most of them, so a
"securitypolicyviolation" counts as a failure too (escaping must work without
the CSP's help).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from werkzeug.serving import make_server

from indexer.index.whoosh.writer import build
from searchapp import create_app

PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '"><img src=x onerror="window.__xss=2;alert(2)">',
    "'><svg onload=alert(3)>",
    "</textarea></title><iframe src=javascript:alert(4)>",
    "<a href=javascript:alert(5)>bấm</a>",
    "{{7*7}}{% raw %}${alert(6)}",
]
BODY = "\n".join(f"Kết luận của Chủ tịch {p} cải cách hành chính" for p in PAYLOADS)
XSS_FILES = {
    "xss.txt": f"ỦY BAN NHÂN DÂN\nSố: 9/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề {PAYLOADS[0]} {PAYLOADS[1]}\n\n"
               f"Căn cứ Quyết định số 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh {PAYLOADS[2]};\n\n{BODY}\n",
    "<img src=x onerror=alert(7)>.txt": f"BÁO CÁO\nVề cải cách {PAYLOADS[3]}\n\n{BODY}\n",
    "html/trang.html": f"<p>Kết luận {PAYLOADS[4]} cải cách</p><script>window.__xss=8</script>",
}
EVIL_QUERIES = PAYLOADS + ['kết luận" autofocus onfocus="alert(9)', "so:<script>alert(10)</script>"]
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
SECRET = "zzq bí mật ngoài thư mục"


@contextmanager
def serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def xss_urls() -> list[str]:
    urls = [f"/search?q={quote(q)}" for q in EVIL_QUERIES]
    urls += [
        "/search?q=k%E1%BA%BFt+lu%E1%BA%ADn",  # every payload document, with snippets
        f"/search?q=c%E1%BA%A3i+c%C3%A1ch&unit={quote(PAYLOADS[1])}&type={quote(PAYLOADS[0])}",
        f"/documents/xss.txt?q={quote(PAYLOADS[0])}&back={quote('q=' + PAYLOADS[1])}",
        "/documents/xss.txt?q=k%E1%BA%BFt",
        f"/documents/{quote('<img src=x onerror=alert(7)>.txt')}?q=c%E1%BA%A3i",
        "/documents/html/trang.html",
        f"/documents/{quote(PAYLOADS[0])}",  # a 404 that reflects the id
        f"/decisions/{quote(PAYLOADS[2])}",
    ]
    return urls


def test_no_script_runs_in_the_browser(xss_app, page):
    dialogs, violations, errors = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    injected = "script:not([src]), img[src='x'], svg, iframe, [onerror], [onload], [onfocus], a[href^='javascript']"
    with serve(xss_app) as base:
        for url in xss_urls():
            page.goto(base + url)
            found = (page.evaluate("window.__xss === undefined"), page.locator(injected).count())
            assert found == (True, 0), url
    assert (dialogs, violations, errors) == ([], [], [])


def test_payloads_are_shown_as_text(xss_app):
    body = xss_app.test_client().get(f"/search?q={quote(PAYLOADS[1])}").get_data(as_text=True)
    assert "&#34;&gt;&lt;img src=x onerror=&#34;window.__xss=2;alert(2)&#34;&gt;" in body
    assert "<img src=x" not in body


@pytest.mark.parametrize("url", [
    "/", "/search?q=k%E1%BA%BFt", "/search?page=0", "/documents/xss.txt", "/documents/none.txt",
    "/api/search?q=x", "/api/search?page=0", "/api/documents/none", "/static/app.css", "/nowhere",
])
def test_security_headers_everywhere(client, url):
    resp = client.get(url)
    resp.close()  # a static file response holds the file open
    assert {name: resp.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


@pytest.mark.parametrize("doc_id", [
    "../secret.txt", "../../../../etc/passwd", "/etc/passwd", "%2e%2e/secret.txt", "..%2fsecret.txt",
    "xss.txt/../../secret.txt", "html/../../secret.txt", "..\\secret.txt", "%00", "xss.txt%00.pdf",
])
@pytest.mark.parametrize("route", ["/documents/{}", "/documents/{}/original", "/api/documents/{}"])
def test_ids_cannot_reach_outside(xss_app, route, doc_id):
    resp = xss_app.test_client().get(route.format(doc_id), follow_redirects=True)  # "//" is merged by a 308
    body = resp.get_data(as_text=True)
    assert (resp.status_code, SECRET in body, "root:x:0:0" in body) == (404, False, False)


def test_original_download_serves_only_the_indexed_file(xss_app):
    resp = xss_app.test_client().get("/documents/xss.txt/original")
    got = (resp.status_code, resp.get_data(as_text=True))
    resp.close()
    assert got == (200, XSS_FILES["xss.txt"])


@pytest.mark.parametrize("url", ["/search?q=x", "/api/search?q=x", "/documents/a", "/decisions/qd-1-ubnd-2023"])
def test_a_damaged_index_answers_503_with_what_to_run(tmp_path, url):
    """Segment files deleted under the index: the page says the index is damaged and
    how to rebuild it; never a traceback."""
    index_dir = tmp_path / "index"
    build(Path(__file__).resolve().parents[2] / "corpus", index_dir)
    for segment_file in index_dir.iterdir():
        if segment_file.suffix in (".seg", ".pst", ".trm", ".col"):  # every segment part; the TOC stays
            segment_file.unlink()
    app = create_app({"INDEX_DIR": str(index_dir)})
    app.logger.disabled = True
    resp = app.test_client().get(url)
    body = resp.get_data(as_text=True)
    assert (resp.status_code, "damaged" in body, "python -m indexer build" in body) == (503, True, True)
    assert ("Traceback" in body, 'File "' in body, "whoosh" in body.lower()) == (False, False, False)
