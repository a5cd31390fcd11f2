"""What a build did: the report it prints, and the record an index keeps of it.

Both engines fill the same ``BuildReport`` in the same loop (``index.build``)
and keep the same record of it (``record``: counts, and the first ``KEPT``
files of each list with why), so ``indexer status`` says the same things
whichever engine built the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Files listed by kind in the record an index keeps (an OpenSearch index keeps
# it in the cluster state, which every node holds in memory).
KEPT = 50
_LISTS = {"skipped": "reason", "converted": "encoding", "flagged": "note"}


@dataclass
class BuildReport:
    indexed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was
    converted: list[tuple[str, str]] = field(default_factory=list)  # (path, legacy encoding it was in)
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (path, what a reader should know)
    ocr_pages: int = 0  # pages read by OCR in this build
    ocr_cached: int = 0  # ... of which came from the OCR cache

    def summary(self) -> str:
        return "\n".join(summary_lines(self.record(kept=None)))

    def to_dict(self) -> dict:
        """Everything, every file named (``indexer build --json``)."""
        return {
            "rebuilt": self.rebuilt,
            "indexed": self.indexed,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "converted": [{"path": p, "encoding": e} for p, e in self.converted],
            "flagged": [{"path": p, "note": n} for p, n in self.flagged],
            "ocr_pages": self.ocr_pages,
            "ocr_cached": self.ocr_cached,
        }

    def record(self, kept: int | None = KEPT) -> dict:
        """The build as an index keeps it: every count, and the first ``kept``
        skipped, converted and flagged files (all of them when None)."""
        out = {"rebuilt": self.rebuilt, "indexed": len(self.indexed), "updated": len(self.updated),
               "removed": len(self.removed), "unchanged": self.unchanged, "ocr_pages": self.ocr_pages,
               "ocr_cached": self.ocr_cached}
        for name, what in _LISTS.items():
            items = getattr(self, name)
            out[name] = len(items)
            out[f"{name}_files"] = [{"path": p, what: v} for p, v in items[:kept]]
        return out

    def refused(self, failed: dict[str, str]) -> None:
        """Documents the engine refused are reported as skipped, not as written."""
        if not failed:
            return
        self.indexed = [d for d in self.indexed if d not in failed]
        self.updated = [d for d in self.updated if d not in failed]
        self.removed = [d for d in self.removed if d not in failed]
        self.skipped += sorted(failed.items())


def summary_lines(record: dict) -> list[str]:
    """The lines that say what a build did, from its record (``BuildReport.record``):
    what ``indexer build`` prints, and ``indexer status`` of the last build."""
    lines = [f"rebuilt from scratch: {record['rebuilt']}"] if record.get("rebuilt") else []
    lines.append(f"indexed {record['indexed']}, updated {record['updated']}, removed {record['removed']}, "
                 f"unchanged {record['unchanged']}, skipped {record['skipped']}")
    if record.get("ocr_pages"):
        lines.append(f"OCR: {record['ocr_pages']} pages ({record['ocr_cached']} from the OCR cache)")
    for name, what in ("converted", "encoding"), ("flagged", "note"), ("skipped", "reason"):
        files = record.get(f"{name}_files", [])
        lines += [f"  {name} {f['path']}: {f[what]}" for f in files]
        if record.get(name, 0) > len(files):
            lines.append(f"  ... and {record[name] - len(files)} more {name}")
    return lines
