"""The engines an index can live in, by name: the one place that names them.

``whoosh``: an index folder on this machine; ``opensearch``: an alias in a
cluster (``--index`` names the alias, ``--opensearch-url`` the nodes).  An
entry says where its engine's code is, as "module:function" strings resolved
on use: importing the registry imports no engine, and either side (the build,
search) can read it without importing the other side's code.  A new engine
is a new entry, a writer (``indexer.index.engine``) and a search service.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from indexer.errors import IndexerError


@dataclass(frozen=True)
class Backend:
    name: str
    # Opens the engine's writer (indexer.index.engine.EngineWriter): (index, url,
    # shards, user_cache, recovery_seconds) -> writer; ``user_cache`` is where an
    # engine without an index folder of its own caches OCR results,
    # ``recovery_seconds`` how long a clustered engine waits for a lost node's
    # shards (None: the engine's default).  An engine ignores what it has no use for.
    writer: str
    # Reads a whole index and returns what to print (IndexerError when damaged);
    # None when the engine checks itself, and ``no_check`` says how.
    check: str | None = None
    no_check: str = ""

    def open_writer(self, index: str, url: str, shards: int = 1, user_cache: str | None = None,
                    recovery_seconds: float | None = None):
        return _resolve(self.writer)(index, url, shards, user_cache, recovery_seconds)

    def check_index(self, index: str) -> str:
        if self.check is None:
            raise IndexerError(f"check reads a whole index of this machine; {self.no_check}")
        return _resolve(self.check)(index)


BACKENDS = {
    "whoosh": Backend("whoosh", "indexer.index.whoosh.writer:open_writer", "indexer.index.whoosh.store:check"),
    "opensearch": Backend("opensearch", "indexer.index.opensearch.writer:open_writer",
                          no_check="an OpenSearch cluster checks its own shards (GET _cluster/health)"),
}


def backend(name: str) -> Backend:
    try:
        return BACKENDS[name]
    except KeyError:
        raise ValueError(f"unknown backend {name!r} (known: {', '.join(BACKENDS)})") from None


def _resolve(spec: str):
    module, _, attr = spec.partition(":")
    return getattr(import_module(module), attr)
