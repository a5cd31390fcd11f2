"""Trust under change and attack (issue 15): fresh results after every build, bounded work per file.

Each test reproduces a failure seen when the app was tried as a busy office and
as a hostile user would use it, with the real indexer, the real app and gunicorn.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from pathlib import Path

import pytest

from support import ROOT
from indexer.index.whoosh.writer import build
from indexer.index.pipeline import PrepareOptions
from searchapp import create_app

HEADER = "ỦY BAN NHÂN DÂN\nXÃ HƯƠNG LONG\nSố: {n}/BC-UBND Hương Long, ngày 11 tháng 12 năm 2023\nBÁO CÁO\n{title}\n\n"


def doc(n: int, words: str = "") -> str:
    return HEADER.format(n=n, title=f"Kết quả công tác số {n}") + f"Nội dung báo cáo tiếp dân {n}. {words}\n"


SERVED = {f"d{i:03d}.txt": doc(i) for i in range(120)}  # the archive the fixture "served" serves


def write(src: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", *args], cwd=ROOT, capture_output=True, text=True)


def get_json(base: str, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(base + path, timeout=120) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read() or b"{}")


def all_ids(base: str, q: str = "") -> list[str]:
    """Every hit id of a search, paging through the API."""
    ids, page = [], 1
    while True:
        status, data = get_json(base, f"/api/search?q={urllib.parse.quote(q)}&per_page=100&page={page}&sort=oldest")
        assert status == 200, data
        ids += [h["id"] for h in data["hits"]]
        if page >= data["pages"]:
            return ids
        page += 1


def settle(base: str, total: int) -> None:
    """Wait until every worker has seen the commit (each checks at most every 0.5 s)."""
    deadline = time.monotonic() + 120
    while not all(get_json(base, "/api/search?q=")[1].get("total") == total for _ in range(6)):
        assert time.monotonic() < deadline, f"the app never served the {total} documents of the last commit"
        time.sleep(0.2)


def test_a_running_app_serves_exactly_what_the_last_build_committed(served):
    base, src, index_dir = served
    assert len(all_ids(base)) == 120
    for i in range(100, 120):  # removed
        (src / f"d{i:03d}.txt").unlink()
    for i in range(0, 10):  # updated: a new word appended
        (src / f"d{i:03d}.txt").write_text(doc(i, "chuyển đổi số"), encoding="utf-8")
    write(src, {f"new/n{i:03d}.txt": doc(500 + i) for i in range(30)})  # added
    built = cli("build", str(src), "--index", str(index_dir), "--json")
    report = json.loads(built.stdout)
    assert (len(report["indexed"]), len(report["updated"]), len(report["removed"])) == (30, 10, 20), built.stderr
    expected = sorted([f"d{i:03d}.txt" for i in range(100)] + [f"new/n{i:03d}.txt" for i in range(30)])
    settle(base, 130)
    for _ in range(4):  # both workers, several times
        ids = all_ids(base)
        assert (len(ids), sorted(ids)) == (130, expected)  # no removed document, none twice
        assert sorted(all_ids(base, '"chuyển đổi số"')) == [f"d{i:03d}.txt" for i in range(10)]
        assert get_json(base, "/api/documents/d105.txt")[0] == 404
        with pytest.raises(urllib.error.HTTPError) as removed:
            urllib.request.urlopen(base + "/documents/d105.txt", timeout=120)
        assert removed.value.code == 404
        removed.value.close()
    status = cli("status", "--index", str(index_dir))
    assert status.stdout.startswith("130 documents")

    shutil.rmtree(index_dir)  # the folder deleted and built again from scratch
    write(src, {"later.txt": doc(900)})
    assert cli("build", str(src), "--index", str(index_dir)).returncode == 0
    settle(base, 131)
    for _ in range(4):
        ids = all_ids(base)
        assert (len(ids), len(set(ids))) == (131, 131)
        assert get_json(base, "/api/documents/later.txt")[0] == 200


def test_one_long_word_is_cut_short_and_the_rest_indexed(make_corpus, tmp_path):
    """A file of one 400,000-letter "word" once took 21 s (a 19 MB one never ended)."""
    src = make_corpus({"blob.txt": "Kết luận " + "x" * 400_000 + " của Chủ tịch", "good.txt": doc(1)})
    report = build(src, tmp_path / "ix")
    assert (sorted(report.indexed), report.skipped) == (["blob.txt", "good.txt"], [])
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    hits = client.get("/api/search?q=kết+luận+của+chủ+tịch").get_json()["hits"]
    assert hits[0]["id"] == "blob.txt"


@pytest.mark.parametrize("workers, others", [(2, 20), (1, 20), (2, 2)], ids=["pool", "one-worker", "few-files"])
def test_a_file_over_its_time_budget_is_skipped_with_the_reason(make_corpus, tmp_path, workers, others):
    """In a pool and in the one worker of a small build alike: the worker reading the
    file is killed at its deadline, and the files after it are read by its replacement.

    18 MB of text take a minute to read on a 2-core machine (and many seconds on any
    machine), the others milliseconds: 2 s tell them apart whatever the machine."""
    slow = "Kế hoạch cải cách hành chính năm 2023 của UBND xã.\n" * 300_000
    files = {"slow.txt": slow, **{f"ok{i:02d}.txt": doc(i) for i in range(others)}, "z-after.txt": doc(99)}
    src = make_corpus(files)
    options = PrepareOptions(file_seconds=2, seconds_per_mb=0, workers=workers)
    report = build(src, tmp_path / "ix", options=options)
    assert report.skipped == [("slow.txt", "took longer than 2 s to read (time budget per file)")]
    assert report.indexed == [f"ok{i:02d}.txt" for i in range(others)] + ["z-after.txt"]


def _bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    stream = zlib.compress(b" " * inflated, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_decompression_bomb_pdf_is_skipped_and_the_build_goes_on(make_corpus, tmp_path):
    src = make_corpus({"bomb.pdf": _bomb_pdf(120_000_000), "good.txt": doc(1)})
    out = cli("build", str(src), "--index", str(tmp_path / "ix"), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["indexed"] == ["good.txt"]
    assert [s["path"] for s in report["skipped"]] == ["bomb.pdf"]
    assert "Traceback" not in out.stderr


def _damage(index_dir: Path, how: str) -> None:
    files = sorted(index_dir.glob("docs_*.pst" if how == "truncate" else "docs_*.trm"), key=lambda f: -f.stat().st_size)
    if how == "truncate":
        with files[0].open("r+b") as fh:
            fh.truncate(files[0].stat().st_size // 2)
    else:
        files[0].unlink()


@pytest.mark.parametrize("how", ["truncate", "delete"])
def test_a_damaged_index_is_reported_and_rebuilt(tmp_path, how):
    src = ROOT / "corpus"
    index_dir = tmp_path / "ix"
    build(src, index_dir)
    _damage(index_dir, how)

    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    page = client.get("/search?q=kế+hoạch")
    body = page.get_data(as_text=True)
    assert (page.status_code, "python -m indexer build" in body, "Traceback" in body) == (503, True, False)
    assert client.get("/api/search?q=x").status_code == 503
    for command in ("status", "check"):
        out = cli(command, "--index", str(index_dir))
        assert (out.returncode, "damaged" in out.stderr, "Traceback" in out.stderr) == (1, True, False), out.stderr

    rebuilt = cli("build", str(src), "--index", str(index_dir))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.startswith("rebuilt from scratch: the index was damaged")
    assert "indexed 5," in rebuilt.stdout
    assert cli("check", "--index", str(index_dir)).stdout.startswith("ok: 5 documents")
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    assert client.get("/api/search?q=").get_json()["total"] == 5


def test_csv_export_never_writes_a_formula(make_corpus, tmp_path):
    formula = "=cmd|'/C calc'!A0"
    text = HEADER.format(n=7, title=formula) + "Nội dung.\n"
    src = make_corpus({"a.txt": text, "=HYPERLINK(\"x\").txt": doc(8), "+b.txt": doc(9), "@c.txt": doc(10)})
    build(src, tmp_path / "ix")
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    rows = list(csv.reader(io.StringIO(client.get("/export.csv?q=&sort=oldest").get_data(as_text=True)[1:])))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert f"'{formula}" in cells and "'=HYPERLINK(\"x\").txt" in cells
    # JSON is data, not a spreadsheet: it keeps the values as they are.
    titles = [d["title"] for d in client.get("/export.json?q=").get_json()["documents"]]
    assert formula in titles


@pytest.mark.parametrize("args", [
    "page=%D9%A1%D9%A2", "per_page=%DB%B5", "page=%EF%BC%91",    # Arabic-Indic, Persian, full-width digits
    "date_from=2023-13-45", "date_to=2023-02-30", "date_from=%D9%A2%D9%A0%D9%A2%D9%A3-01-01", "year=%D9%A2%D9%A0%D9%A2%D9%A3",
])
def test_non_ascii_digits_and_impossible_dates_are_400(client, args):
    for path in ("/search?", "/api/search?", "/export.csv?"):
        assert client.get(path + args).status_code == 400, path + args


def readable_copy_of_the_library(dest: Path) -> Path:
    """The indexer package's Python sources copied below ``dest``, readable by every
    user (the checkout may sit in a folder only root can read, as a clone in /root
    does); returns the folder to put on PYTHONPATH."""
    lib = dest / "lib"

    def not_sources(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n == "__pycache__" or (not n.endswith(".py") and not (Path(folder) / n).is_dir())]

    shutil.copytree(ROOT / "indexer", lib / "indexer", ignore=not_sources)
    for path in [lib, *lib.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return lib


def test_folder_links_and_unreadable_folders_are_reported(tmp_path, public_tmp):
    src = public_tmp / "src"
    write(src, {"a/good.txt": doc(1), "locked/hidden.txt": doc(2)})
    for path in [src, *src.rglob("*")]:  # whatever the umask: only "locked" is closed
        path.chmod(0o755 if path.is_dir() else 0o644)
    (src / "link").symlink_to(src / "a")
    (src / "locked").chmod(0)
    try:
        if os.geteuid() == 0:
            # root reads any folder: list it as an unprivileged user, with the system Python
            # (the library's sources module needs nothing beyond the standard library).
            code = ("import json; from pathlib import Path; from indexer.extract.sources import discover; "
                    f"print(json.dumps(discover(Path({str(src)!r}))[1]))")
            out = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/python3", "-c", code],
                                 cwd="/", env={"PYTHONPATH": str(readable_copy_of_the_library(public_tmp))},
                                 capture_output=True, text=True)
            assert out.returncode == 0, out.stderr
            passed = [tuple(p) for p in json.loads(out.stdout)]
        else:
            passed = build(src, tmp_path / "ix").skipped
        assert ("link/", "symlink to a folder: not followed") in passed
        assert [p for p, r in passed if "cannot be read" in r] == ["locked/"]
    finally:
        (src / "locked").chmod(0o755)
    report = build(src, tmp_path / "ix2")
    assert ("link/", "symlink to a folder: not followed") in report.skipped
    assert "skipped link/: symlink to a folder" in report.summary()


def test_an_index_of_a_retrained_model_is_refused_with_what_to_run(make_corpus, tmp_path):
    """The OCR model retrained in place under an index built with it: the app answers 503
    (never old repairs in the index and new ones in queries), build rebuilds with the new
    model (not one a worker loaded before), it serves again."""
    import gzip

    from indexer.analysis.analyzer import Analyzer
    from indexer.analysis.ocr_repair import DEFAULT_MODEL

    model = tmp_path / "model.json.gz"
    shutil.copy(DEFAULT_MODEL, model)
    # An OCR'd text (no marks at all): OCR repairs apply to such text only.
    scan = "UY BAN NHAN DAN XA AN PHU\nBAO CAO\nKet qua cong tac tiep dan thang 9 nam 2023 xyzq\n" * 2
    src = make_corpus({"a.txt": scan})
    index_dir = tmp_path / "ix"
    build(src, index_dir, analyzer=Analyzer(model=str(model)))
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    assert client.get("/api/search?q=").get_json()["total"] == 1
    assert client.get("/api/search?q=cua").get_json()["total"] == 0  # "xyzq" is no OCR spelling yet

    with gzip.open(DEFAULT_MODEL, "rt", encoding="utf-8") as fh:
        retrained = json.load(fh)
    retrained["alts"]["xyzq"] = ["cua"]
    with gzip.open(model, "wt", encoding="utf-8") as fh:
        json.dump(retrained, fh)
    fresh = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    page = fresh.get("/search?q=báo+cáo")
    body = page.get_data(as_text=True)
    assert (page.status_code, "another OCR model" in body, "python -m indexer build" in body) == (503, True, True)
    api = fresh.get("/api/search?q=x")
    assert (api.status_code, api.get_json()["status"]) == (503, 503)

    report = build(src, index_dir, analyzer=Analyzer(model=str(model)))
    assert "another OCR model" in report.rebuilt
    rebuilt = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    assert rebuilt.get("/api/search?q=").get_json()["total"] == 1
    assert rebuilt.get("/api/search?q=cua").get_json()["total"] == 1  # repaired as the new model says


def test_deeply_nested_html_is_read_not_given_up_on(make_corpus, tmp_path):
    """500,000 unclosed <div>s: BeautifulSoup's tree ran past the file's time budget (84 s);
    the streaming reader gives the text."""
    src = make_corpus({"deep.html": b"<div>" * 500_000 + "Kế hoạch chuyển đổi số".encode(), "good.txt": doc(1)})
    report = build(src, tmp_path / "ix")
    assert (sorted(report.indexed), report.skipped) == (["deep.html", "good.txt"], [])
    client = create_app({"INDEX_DIR": str(tmp_path / "ix"), "TESTING": True}).test_client()
    assert [h["id"] for h in client.get('/api/search?q="chuyển+đổi+số"').get_json()["hits"]] == ["deep.html"]
