"""The fingerprint of an index: everything that shaped its terms, as one hash.

Lucene records the codec and version in its segment infos and Tantivy keeps
the schema in ``meta.json``, so an index refuses a reader that would read it
wrongly.  Ours goes further, because our terms depend on our own code: the
fingerprint hashes

- the code of analysis, the domain and extraction, the index's neutral
  fields and analysed form, and the engine's own modules that shape what it
  stores (each engine names them: ``whoosh.store``, ``opensearch.mapping``),
  as syntax trees without comments or docstrings, so rewording a comment
  changes nothing and changing a rule changes everything;
- every data file those packages ship;
- the OCR-repair model the index was analysed with (a retrained model is a
  new index), and the repair switch;
- the versions of the libraries whose output is indexed (pyvi, the
  administrative-unit list, and the engine's: Whoosh's codec).

Nobody bumps a version by hand: a build on an index of another fingerprint
rebuilds it, and a reader on one refuses it with what to run.
"""

from __future__ import annotations

import ast
import hashlib
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from indexer.analysis.analyzer import Analyzer
from indexer.analysis.ocr_repair import DEFAULT_MODEL

PACKAGE = Path(__file__).resolve().parent.parent
# What shapes terms and stored fields in every engine.  search/ reads them but
# shapes nothing; the build's orchestration (build.py, pipeline.py, the
# engines' writers) moves them but decides none.
SHAPING = ("analysis", "legal", "extract", "index/weights.py", "index/analysed.py", "index/fields.py",
           "index/chunks.py", "index/access.py")
LIBRARIES = ("pyvi", "vietnam-provinces")
_lock = threading.Lock()


@dataclass(frozen=True)
class Fingerprint:
    digest: str  # 16 hex digits, the index's identity
    parts: dict[str, str]  # what went in, each with its own digest (for `indexer status`)


def fingerprint(analyzer: Analyzer = Analyzer(), engine: tuple[str, ...] = (),
                libraries: tuple[str, ...] = ()) -> Fingerprint:
    """The fingerprint of indexes built by this code with this analyzer; ``engine``
    names the engine's modules (below the package) that shape its index, and
    ``libraries`` the engine's libraries whose output it stores."""
    # One thread at a time: CPython 3.11's ast.parse fails with "AST constructor
    # recursion depth mismatch" when threads race it.
    with _lock:
        parts = dict(_code_parts(SHAPING + engine, LIBRARIES + libraries))
    model = Path(analyzer.model) if analyzer.model else DEFAULT_MODEL
    parts["ocr model"] = _file_digest(model) if analyzer.repair else "repair off"
    digest = hashlib.sha256("\n".join(f"{k}={v}" for k, v in sorted(parts.items())).encode()).hexdigest()[:16]
    return Fingerprint(digest, parts)


@lru_cache(maxsize=4)
def _code_parts(shaping: tuple[str, ...], libraries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(name, digest) of every shaping module and data file, and library versions.
    Computed once per process: the code does not change under a running process."""
    out = []
    for rel in shaping:
        path = PACKAGE / rel
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".py":
                out.append((f.relative_to(PACKAGE).as_posix(), _code_digest(f)))
            elif f.is_file() and f.parent.name == "data":
                out.append((f.relative_to(PACKAGE).as_posix(), _file_digest(f)))
    for lib in libraries:
        try:
            out.append((lib, metadata.version(lib)))
        except metadata.PackageNotFoundError:
            out.append((lib, "absent"))
    return tuple(out)


def _code_digest(path: Path) -> str:
    """Digest of a module's syntax tree with docstrings dropped (comments never reach it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()[:16]


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _digest_of(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _digest_of(path: str, mtime_ns: int, size: int) -> str:
    """Keyed by the file's state too, so a model retrained under a running process is seen."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]
