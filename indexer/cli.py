"""`python -m indexer ...`: thin commands over the library.

Each command parses its options, calls one library function and turns
IndexerError into a message that says what to do next.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from indexer.errors import IndexerError

INDEX_HELP = "Index folder (env: VDOC_INDEX_DIR)."


def _progress(total_label: str):
    def wrap(items):
        from tqdm import tqdm

        return tqdm(items, desc=total_label, unit="file", file=sys.stderr, disable=None)

    return wrap


@click.group()
def main() -> None:
    """Index and search an archive of Vietnamese administrative documents."""


@main.command()
@click.argument("src_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--index", "index_dir", required=True, envvar="VDOC_INDEX_DIR", type=click.Path(path_type=Path), help=INDEX_HELP)
@click.option("--no-repair", is_flag=True, help="Index without OCR repair (for comparisons).")
@click.option("--max-mb", default=20, show_default=True, help="Skip files larger than this many MB.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def build(src_dir: Path, index_dir: Path, no_repair: bool, max_mb: int, as_json: bool) -> None:
    """Index every .txt/.html/.htm/.pdf below SRC_DIR (adds, updates, removes)."""
    from indexer.index.build import build as run_build

    try:
        report = run_build(
            src_dir, index_dir, repair=not no_repair, max_bytes=max_mb * 1024 * 1024,
            progress=_progress("indexing"),
        )
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if as_json else report.summary())


@main.command()
@click.argument("query")
@click.option("--index", "index_dir", required=True, envvar="VDOC_INDEX_DIR", type=click.Path(path_type=Path), help=INDEX_HELP)
@click.option("--limit", default=10, show_default=True)
def search(query: str, index_dir: Path, limit: int) -> None:
    """Print the best matches for QUERY, one per line."""
    from indexer.search.whoosh.engine import SearchRequest, SearchService

    try:
        result = SearchService(index_dir).search(SearchRequest(q=query, per_page=limit, snippets=False))
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{result.total} documents ({result.elapsed_ms} ms)")
    for hit in result.hits:
        click.echo(f"{hit.score}\t{hit.id}\t{hit.number}\t{hit.date}\t{hit.title[:80]}")


@main.command()
@click.option("--index", "index_dir", required=True, envvar="VDOC_INDEX_DIR", type=click.Path(path_type=Path), help=INDEX_HELP)
def status(index_dir: Path) -> None:
    """Say how many documents the index holds and what the last build did."""
    from indexer.index.store import open_index

    try:
        ix = open_index(index_dir)
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{ix.doc_count()} documents in {index_dir}")
    manifest = index_dir / "manifest.json"
    if manifest.exists():
        last = json.loads(manifest.read_text(encoding="utf-8"))["last_build"]
        click.echo(f"last build: {len(last['indexed'])} indexed, {len(last['updated'])} updated, "
                   f"{len(last['removed'])} removed, {len(last['skipped'])} skipped")
