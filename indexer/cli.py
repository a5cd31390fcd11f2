"""`python -m indexer ...`: thin commands over the library.

Each command parses its options, calls one library function and turns
IndexerError into a message that says what to do next.  Options fall back to
environment variables (VDOC_INDEX_DIR, VDOC_OCR_MODEL).
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


def _index_option(fn):
    return click.option("--index", "index_dir", required=True, envvar="VDOC_INDEX_DIR",
                        type=click.Path(path_type=Path), help=INDEX_HELP)(fn)


@click.group()
def main() -> None:
    """Index and search an archive of Vietnamese administrative documents."""


@main.command()
@click.argument("src_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_index_option
@click.option("--no-repair", is_flag=True, help="Index without OCR repair (for comparisons).")
@click.option("--ocr-model", type=click.Path(exists=True, dir_okay=False), envvar="VDOC_OCR_MODEL",
              help="OCR-repair model to analyse with (default: the shipped one; env: VDOC_OCR_MODEL).")
@click.option("--max-mb", default=20, show_default=True, help="Skip files larger than this many MB.")
@click.option("--file-seconds", default=60.0, show_default=True,
              help="Skip a file that takes longer than this (plus 10 s per MB) to read.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def build(src_dir: Path, index_dir: Path, no_repair: bool, ocr_model: str | None, max_mb: int,
          file_seconds: float, workers: int | None, as_json: bool) -> None:
    """Index every supported file below SRC_DIR (adds, updates, removes; rebuilds what it cannot trust)."""
    from indexer.analysis.analyzer import Analyzer
    from indexer.index.build import build as run_build
    from indexer.index.pipeline import PrepareOptions

    options = PrepareOptions(analyzer=Analyzer(not no_repair, ocr_model), max_bytes=max_mb * 1024 * 1024,
                             file_seconds=file_seconds, workers=workers)
    try:
        report = run_build(src_dir, index_dir, options=options, progress=_progress("indexing"))
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if as_json else report.summary())


@main.command()
@click.argument("query")
@_index_option
@click.option("--limit", default=10, show_default=True)
def search(query: str, index_dir: Path, limit: int) -> None:
    """Print the best matches for QUERY, one per line."""
    from indexer.search import SearchRequest, open_service

    try:
        result = open_service("whoosh", index_dir=index_dir).search(SearchRequest(q=query, per_page=limit, snippets=False))
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{result.total} documents ({result.elapsed_ms} ms)")
    for hit in result.hits:
        click.echo(f"{hit.score}\t{hit.id}\t{hit.number}\t{hit.date}\t{hit.title[:80]}")


@main.command()
@_index_option
def status(index_dir: Path) -> None:
    """Say how many documents the index holds, what built it and what the last build did."""
    from indexer.search import open_service

    try:
        st = open_service("whoosh", index_dir=index_dir).status()
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{st.documents} documents in {st.location} ({st.engine}, fingerprint {st.fingerprint})")
    last = st.last_build
    if last:
        if last.get("rebuilt"):
            click.echo(f"last build rebuilt it from scratch: {last['rebuilt']}")
        click.echo(f"last build: {len(last['indexed'])} indexed, {len(last['updated'])} updated, "
                   f"{len(last['removed'])} removed, {len(last['skipped'])} skipped")


@main.command()
@_index_option
def check(index_dir: Path) -> None:
    """Read the whole index (every term, posting, column and document) and report damage."""
    from indexer.index.store import full_check, open_current

    try:
        ix, manifest = open_current(index_dir)
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    problems, count = full_check(ix)
    if problems:
        raise click.ClickException(
            f"the index in {index_dir} is damaged: {'; '.join(problems)}; "
            f"run `python -m indexer build SRC_DIR --index {index_dir}` to rebuild it"
        )
    click.echo(f"ok: {count} documents, every file of {manifest.index_name} read")
