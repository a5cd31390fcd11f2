"""The physical indexes behind an alias: which one a build writes, and the swap.

The alias (``vdoc``) points at one physical index ``vdoc-<fingerprint>-<n>``
and ``vdoc.chunks`` at its companion ``vdoc-<fingerprint>-<n>.chunks``.  A
build writes into the current pair when it is this code's, else into a new
pair (no replica, no refresh while loading); ``finish`` refreshes once, gives
a new pair its replicas and moves both aliases in one ``_aliases`` call.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass

from indexer.analysis.analyzer import Analyzer
from indexer.errors import IndexerError
from indexer.index.report import BuildReport
from indexer.index.opensearch.chunks import chunk_index_body, chunks_name
from indexer.index.opensearch.health import wait_for_shards
from indexer.index.opensearch.mapping import index_body

REPLICA_SECONDS = 300.0  # for a new index's replicas to be copied


@dataclass
class Target:
    name: str  # the physical index written
    fresh: bool
    known: dict[str, tuple[str, float, int, str]]
    rebuilt: str | None
    previous: list[str]  # physical indexes the alias points at now
    layout: dict[str, tuple[int, int]]  # id -> (chunk records, details records)

    @property
    def chunks(self) -> str:
        return chunks_name(self.name)


def physical_names(client, alias: str) -> list[str]:
    pattern = re.compile(rf"^{re.escape(alias)}-[0-9a-f]{{16}}-\d+$")
    found = client.indices.get(index=f"{alias}-*", expand_wildcards="all", ignore_unavailable=True)
    return sorted(n for n in found if pattern.match(n))


def alias_targets(client, alias: str) -> list[str]:
    if not client.indices.exists_alias(name=alias):
        if client.indices.exists(index=alias):
            raise IndexerError(f"'{alias}' is an index, not an alias: delete it or choose another --index name")
        return []
    return sorted(client.indices.get_alias(name=alias))


def read_meta(client, name: str) -> dict:
    found = client.indices.get_mapping(index=name)
    return next(iter(found.values()))["mappings"].get("_meta", {}) or {}


def read_states(client, name: str) -> tuple[dict[str, tuple[str, float, int, str]], dict[str, tuple[int, int]]]:
    """id -> (checksum, mtime, size) of every document, and id -> (chunk records,
    details records), from doc values (no _source)."""
    from opensearchpy.helpers import scan

    states, layout = {}, {}
    fields = ["id", "filestate", "chunk_count", "detail_pages"]
    hits = scan(client, index=name, query={"query": {"match_all": {}}, "_source": False, "docvalue_fields": fields},
                size=2000, preserve_order=False)
    for hit in hits:
        f = hit["fields"]
        checksum, mtime, size, *policy = f["filestate"][0].split(" ")
        states[f["id"][0]] = (checksum, float(mtime), int(size), policy[0] if policy else "")
        layout[f["id"][0]] = (int(f.get("chunk_count", [1])[0]), int(f.get("detail_pages", [0])[0]))
    return states, layout


def open_target(client, alias: str, fp: str, analyzer: Analyzer, shards: int, fresh: bool = False) -> Target:
    """The current physical index when it is this code's, else a new one."""
    previous = alias_targets(client, alias)
    why = "a full rebuild was asked for" if fresh and previous else None
    if previous and not fresh:
        meta = read_meta(client, previous[0])
        if meta.get("fingerprint") == fp and len(previous) == 1:
            states, layout = read_states(client, previous[0])
            return Target(previous[0], False, states, None, previous, layout)
        why = (f"the index was built by other code or another OCR model "
               f"(fingerprint {meta.get('fingerprint')}, now {fp})")
    taken = [int(n.rsplit("-", 1)[1]) for n in physical_names(client, alias) if n.startswith(f"{alias}-{fp}-")]
    for orphan in set(physical_names(client, alias)) - set(previous):
        # A killed rebuild's leftovers.
        client.indices.delete(index=f"{orphan},{chunks_name(orphan)}", params={"ignore_unavailable": "true"})
    name = f"{alias}-{fp}-{max(taken, default=0) + 1}"
    body = index_body(_meta(fp, analyzer, None), shards)
    # Loading without a replica halves the work; the replica is copied once at the end.
    body["settings"].update(auto_expand_replicas=False, number_of_replicas=0, refresh_interval=-1)
    client.indices.create(index=name, body=body)
    client.indices.create(index=chunks_name(name), body=chunk_index_body(shards))
    return Target(name, True, {}, why, previous, {})


def _meta(fp: str, analyzer: Analyzer, report: BuildReport | None) -> dict:
    return {"fingerprint": fp, "repair": analyzer.repair, "model": analyzer.model,
            "build_id": uuid.uuid4().hex, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "last_build": report.record() if report else None}


def finish(client, target: Target, alias: str, fp: str, analyzer: Analyzer, report: BuildReport,
           url: str = "the cluster") -> None:
    """Refresh once, record the build in _meta; a fresh index then gets its
    replica and both aliases, in one step, and the old indexes go."""
    # Chunks first: a document becomes visible after the records it points at.
    client.indices.refresh(index=target.chunks)
    client.indices.refresh(index=target.name)
    both = f"{target.name},{target.chunks}"
    if target.fresh:
        client.indices.put_settings(index=both, body={"index": {"auto_expand_replicas": "0-1"}})
        # A replica that cannot be placed (a node lost) says so instead of a timeout.
        wait_for_shards(client, url, [target.name, target.chunks], REPLICA_SECONDS, "green")
    client.indices.put_mapping(index=target.name, body={"_meta": _meta(fp, analyzer, report)})
    if target.fresh:
        actions = [{"remove": {"index": old, "alias": alias}} for old in target.previous]
        actions += [{"remove": {"index": chunks_name(old), "alias": chunks_name(alias)}} for old in target.previous
                    if client.indices.exists(index=chunks_name(old))]
        actions += [{"add": {"index": target.name, "alias": alias}},
                    {"add": {"index": target.chunks, "alias": chunks_name(alias)}}]
        client.indices.update_aliases(body={"actions": actions})
        for old in target.previous:
            client.indices.delete(index=f"{old},{chunks_name(old)}", params={"ignore_unavailable": "true"})
