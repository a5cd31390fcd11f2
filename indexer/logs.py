"""How the command line shows log records: one readable line each.

Without a handler, Python prints a warning's whole traceback to stderr (the
OpenSearch client logs one for every request a stopped node refused, the
build one for every file a loader failed on).  A person running a build
wants the sentence and the error's name; ``VDOC_TRACEBACKS=1`` brings the
tracebacks back for whoever debugs.
"""

from __future__ import annotations

import logging
import os
import sys


class OneLine(logging.Formatter):
    """``warning: message (ErrorName: what it said)``, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f" ({error.__class__.__name__}: {str(error)[:200]})"
        return f"{record.levelname.lower()}: {' '.join(text.split())}"


def one_line_logging(level: int = logging.WARNING) -> None:
    """Log to stderr in one line per record, unless logging is set up already
    (a test's capture, an application's own handlers) or tracebacks are asked for."""
    root = logging.getLogger()
    if root.handlers or os.environ.get("VDOC_TRACEBACKS"):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    root.addHandler(handler)
    root.setLevel(level)
