"""The audit log: who did what, when, from where, to which document.  Append-only
(the migration's triggers refuse UPDATE and DELETE on both databases)."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from typing import IO, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indexer.accounts.records import AuditEntry, AuditQuery
from indexer.accounts.tables import AuditEvent

# What the log records (the admin page offers these as a filter).
ACTIONS = {
    "login": "Đăng nhập", "login.failed": "Đăng nhập sai", "login.throttled": "Đăng nhập bị chặn",
    "logout": "Đăng xuất", "search": "Tìm kiếm", "document.view": "Xem văn bản",
    "document.original": "Tải tệp gốc", "export": "Xuất kết quả", "account.add": "Thêm tài khoản",
    "account.change": "Sửa tài khoản", "policy.change": "Đổi quyền thư mục", "saved.add": "Lưu tìm kiếm",
    "saved.delete": "Xóa tìm kiếm đã lưu", "feed.read": "Đọc nguồn tin",
}
CSV_COLUMNS = ("id", "at", "actor", "address", "action", "document", "detail")
MAX_DETAIL = 4000  # characters of JSON kept per event (a hostile query is cut, not stored whole)


def record(s: Session, now: datetime, action: str, actor: str = "", address: str = "",
           document: str | None = None, detail: dict | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    if len(text) > MAX_DETAIL:
        text = json.dumps({"cut": text[:MAX_DETAIL]}, ensure_ascii=False)
    s.add(AuditEvent(at=now, actor=printable(actor)[:128], address=printable(address)[:64], action=action,
                     document=printable(document)[:1024] if document else None, detail=text))


def printable(text: str) -> str:
    """Control characters shown as \\xNN: PostgreSQL refuses NUL in text, and a log line must
    not carry a terminal's escape sequences."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _where(q: AuditQuery):
    conds = []
    if q.since is not None:
        conds.append(AuditEvent.at >= q.since)
    if q.until is not None:
        conds.append(AuditEvent.at < q.until)
    if q.actor:
        conds.append(AuditEvent.actor == q.actor)
    if q.document:
        conds.append(AuditEvent.document == q.document)
    if q.action:
        conds.append(AuditEvent.action == q.action)
    return conds


def _entry(row: AuditEvent) -> AuditEntry:
    try:
        detail = json.loads(row.detail or "{}")
    except ValueError:
        detail = {"raw": row.detail}
    return AuditEntry(row.id, row.at, row.actor, row.address, row.action, row.document, detail)


def entries(s: Session, q: AuditQuery) -> tuple[list[AuditEntry], int]:
    """The events matching ``q``, newest first, and how many match in all."""
    conds = _where(q)
    total = s.scalar(select(func.count()).select_from(AuditEvent).where(*conds))
    stmt = select(AuditEvent).where(*conds).order_by(AuditEvent.id.desc()).offset(q.offset)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return [_entry(r) for r in s.scalars(stmt)], total


def stream(s: Session, q: AuditQuery, batch: int = 1000) -> Iterable[AuditEntry]:
    """Every matching event, oldest first, read in batches (a CSV of a year's log)."""
    last = 0
    while True:
        rows = list(s.scalars(select(AuditEvent).where(*_where(q), AuditEvent.id > last)
                              .order_by(AuditEvent.id).limit(batch)))
        yield from (_entry(r) for r in rows)
        if len(rows) < batch:
            return
        last = rows[-1].id


def write_csv(events: Iterable[AuditEntry], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for e in events:
        writer.writerow([e.id, e.at.isoformat(timespec="seconds"), _cell(e.actor), e.address, e.action,
                         _cell(e.document or ""), _cell(json.dumps(e.detail, ensure_ascii=False, sort_keys=True))])
        n += 1
    return n


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (an attacker chooses login names and queries)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def openers(s: Session, document: str) -> tuple[int, list[tuple[str, int, datetime]]]:
    """How often a document was opened, and by whom: (total, [(actor, times, last)])."""
    rows = s.execute(select(AuditEvent.actor, func.count(), func.max(AuditEvent.at))
                     .where(AuditEvent.action == "document.view", AuditEvent.document == document)
                     .group_by(AuditEvent.actor).order_by(func.count().desc(), AuditEvent.actor)).all()
    return sum(n for _, n, _ in rows), [(actor, n, last) for actor, n, last in rows]
