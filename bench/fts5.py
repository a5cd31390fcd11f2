"""The SQLite FTS5 baseline: the same documents, as a plain WSGI app.

The FTS5 table is filled from the stored fields of a built Whoosh index, so
both engines hold exactly the same normalised text and the same metadata
(year, type, unit); only the matching and ranking differ.  Tokenizer:
``unicode61 remove_diacritics 2`` (accent-insensitive; it does not fold đ to d,
so unaccented queries with "d" miss words with "đ" — Whoosh's folded view does).

    FTS_DB=/work/benchdata/c10k.fts5 gunicorn -w 2 bench.fts5:app
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import parse_qs

SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(
    id UNINDEXED, title, text, year UNINDEXED, type UNINDEXED, unit UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""
FACETS = ("year", "type", "unit")


def build_from_whoosh(index_dir: Path, db_path: Path) -> tuple[int, float]:
    """Copy every stored document into a fresh FTS5 table; (count, seconds spent in SQLite)."""
    from indexer.index.whoosh.store import documents, open_index
    from indexer.search.whoosh.texts import full_text

    if db_path.exists():
        db_path.unlink()
    ix = open_index(index_dir)
    rows = []
    with ix.searcher() as s:
        for fields in documents(s):
            rows.append((fields["id"], fields.get("title", ""), full_text(s, fields["id"]),
                         fields.get("year", ""), fields.get("type", ""), fields.get("unit", "")))
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.executescript(SCHEMA)
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.commit()
    db.close()
    return len(rows), time.perf_counter() - started


def to_match(q: str) -> str | None:
    """Our query syntax -> an FTS5 MATCH expression (words ANDed, phrases kept)."""
    q = re.sub(r"\b(?:so|loai|nam|donvi):\S+", " ", q)
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', q):
        words = re.findall(r"[^\W_]+", phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " AND ".join(parts) or None


def search(db: sqlite3.Connection, q: str, filters: dict[str, str], limit: int = 10) -> dict:
    """Total, facet counts over all matches, and a page of hits with snippets."""
    match = to_match(q)
    where, args = [], []
    if match:
        where.append("docs MATCH ?")
        args.append(match)
    for name, value in filters.items():
        where.append(f"{name} = ?")
        args.append(value)
    cond = " AND ".join(where) or "1"
    total = db.execute(f"SELECT count(*) FROM docs WHERE {cond}", args).fetchone()[0]
    facets = {
        name: db.execute(f"SELECT {name}, count(*) c FROM docs WHERE {cond} GROUP BY {name} ORDER BY c DESC LIMIT 20",
                         args).fetchall()
        for name in FACETS
    }
    order = "ORDER BY rank" if match else ""
    hits = db.execute(
        f"SELECT id, title, snippet(docs, 2, '<mark>', '</mark>', '…', 30) FROM docs WHERE {cond} {order} LIMIT ?",
        args + [limit],
    ).fetchall()
    return {"total": total, "facets": facets, "hits": hits}


_DB = None


def app(environ, start_response):
    """GET /search?q=...&year=...&type=...&unit=... -> JSON."""
    global _DB
    if _DB is None:
        _DB = sqlite3.connect(os.environ["FTS_DB"], check_same_thread=False)
    params = parse_qs(environ.get("QUERY_STRING", ""))
    q = params.get("q", [""])[0]
    filters = {k: params[k][0] for k in FACETS if k in params}
    try:
        body = json.dumps(search(_DB, q, filters), ensure_ascii=False).encode()
        status = "200 OK"
    except sqlite3.OperationalError as exc:
        body, status = json.dumps({"error": str(exc)}).encode(), "400 Bad Request"
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
