"""What a loader returns: the text of each page and what a person should know about it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Loaded:
    pages: list[str]  # raw text of each page (one page for formats without pages)
    # The legacy encoding the text was converted from, with its confidence
    # ("tcvn3 (confidence 0.99)"); None when the file was Unicode already.
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. an encoding that could not be decided
    ocr_pages: int = 0  # pages read by OCR
    ocr_cached: bool = False  # those pages came from the OCR cache
    data: bytes = b""  # the file's bytes (their hash identifies the document's content)

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)
