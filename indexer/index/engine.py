"""What an engine gives the build: the protocol the one build loop (``index.build``) writes through.

An ``EngineWriter`` names one index of one engine (a Whoosh folder, an
OpenSearch alias).  The loop holds its ``lock`` for the whole build, asks for
the ``encoder`` its workers run, and ``open``s a ``Target``: the index the
build writes, what it holds already (``known``: each document's checksum,
mtime and size) and, when it is a new one, why (``rebuilt``).  Then it
``put``s each new or changed document, ``delete``s the ones the folder lost,
``flush``es (the engine may refuse a document) and ``finish``es: one commit
that readers see whole, with the build's record.  ``cancel`` leaves the index
as the last finished build left it, where the engine can.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from indexer.analysis.analyzer import Analyzer
from indexer.extract.records import Document
from indexer.index.analysed import Encoded, Encoder
from indexer.index.report import BuildReport

# id -> (checksum, mtime, size, policy state) of a document as the index holds it
# (index.fields.file_state; the policy state is index.access.policy_state).
FileStates = dict[str, tuple[str, float, int, str]]


class Target(Protocol):
    known: FileStates
    rebuilt: str | None  # why the build writes a new index, None when it updates the current one
    location: str  # the index, as messages name it

    def put(self, doc: Document, encoded: Encoded) -> None:
        """Add the document, or replace the one of the same id."""

    def delete(self, doc_id: str) -> None: ...

    def flush(self) -> dict[str, str]:
        """Send what is buffered; the documents the engine refused, with why."""

    def finish(self, report: BuildReport) -> None:
        """Make the build visible to readers in one step, keeping ``report.record()``."""

    def cancel(self) -> None: ...


class EngineWriter(Protocol):
    name: str  # the backend's name ("whoosh", "opensearch")
    ocr_cache: Path | None  # where OCR results are cached unless the options say

    def lock(self) -> AbstractContextManager:
        """Hold the index for this build; IndexBusyError when another builder holds it."""

    def encoder(self, analyzer: Analyzer) -> Encoder: ...

    def open(self, analyzer: Analyzer, full: bool = False) -> Target:
        """The index to write: the current one when this code built it and it is
        sound (and ``full`` is not asked for), else a new one that replaces it at ``finish``."""
