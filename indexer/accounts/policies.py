"""The folder policies a build read, remembered so that a change is audited
(who wrote a policy file is not known to us: the log says the build saw it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer.accounts import audit
from indexer.accounts.tables import FolderPolicy


def remember(s: Session, seen: dict[str, tuple[tuple[str, ...], str]], now: datetime, actor: str,
             address: str) -> list[dict]:
    """Store the policies seen ({path: (groups, problem)}) and audit each change; the changes."""
    known = {row.path: row for row in s.scalars(select(FolderPolicy))}
    changes = []
    for path in sorted(set(known) | set(seen)):
        before = known.get(path)
        was = (before.groups, before.problem) if before else None
        now_is = (",".join(seen[path][0]), seen[path][1]) if path in seen else None
        if was == now_is:
            continue
        change = {"policy": path, "before": _show(was), "after": _show(now_is)}
        changes.append(change)
        audit.record(s, now, "policy.change", actor, address, detail=change)
        if now_is is None:
            s.delete(before)
        elif before is None:
            s.add(FolderPolicy(path=path, groups=now_is[0], problem=now_is[1], seen_at=now))
        else:
            before.groups, before.problem, before.seen_at = now_is[0], now_is[1], now
    return changes


def _show(state) -> str | None:
    if state is None:
        return None
    groups, problem = state
    return f"unreadable ({problem}): no group" if problem else f"groups: {groups.replace(',', ', ')}"


def current(s: Session) -> list[tuple[str, str, str]]:
    return [(r.path, r.groups, r.problem) for r in s.scalars(select(FolderPolicy).order_by(FolderPolicy.path))]
