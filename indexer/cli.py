"""`python -m indexer ...`: thin commands over the library.

Each command parses its options, calls one library function and turns
IndexerError into a message that says what to do next.  Options fall back to
environment variables (VDOC_INDEX_DIR, VDOC_OCR_MODEL, SEARCH_BACKEND,
OPENSEARCH_URL).  ``--backend opensearch`` reads ``--index`` as the alias
name in the cluster at ``--opensearch-url``; for whoosh it is a folder.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from indexer.errors import IndexerError

INDEX_HELP = "Index folder; with --backend opensearch, the index (alias) name (env: VDOC_INDEX_DIR)."


def _progress(total_label: str):
    """A progress bar counting pages (a scan of 40 pages is 40 steps of OCR), files beside it."""
    def wrap(items):
        from tqdm import tqdm

        with tqdm(desc=total_label, unit="page", file=sys.stderr, disable=None) as bar:
            for n, item in enumerate(items, 1):
                bar.update(getattr(item, "pages", 1))
                bar.set_postfix_str(f"{n} files", refresh=False)
                yield item

    return wrap


def _index_option(fn):
    from indexer.backends import BACKENDS

    fn = click.option("--index", "index_dir", required=True, envvar="VDOC_INDEX_DIR", help=INDEX_HELP)(fn)
    fn = click.option("--backend", type=click.Choice(list(BACKENDS)), default="whoosh",
                      envvar="SEARCH_BACKEND", show_default=True, help="The engine (env: SEARCH_BACKEND).")(fn)
    return click.option("--opensearch-url", default="http://127.0.0.1:9200", envvar="OPENSEARCH_URL",
                        show_default=True, help="The cluster, nodes separated by commas (env: OPENSEARCH_URL).")(fn)


def _service(backend: str, index: str, url: str):
    from indexer.search import open_service

    # Each engine takes what names its index: a folder, or an alias and the cluster's URL.
    return open_service(backend, index_dir=Path(index), url=url, index=index)


def _user_cache() -> str:
    """The user's OCR cache, for an engine without an index folder to keep it beside
    (a rebuild from scratch then never OCRs an unchanged scan again)."""
    return str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vdoc" / "ocr-cache")


@click.group()
def main() -> None:
    """Index and search an archive of Vietnamese administrative documents."""
    from indexer.logs import one_line_logging

    one_line_logging()


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
@click.option("--no-ocr", is_flag=True, help="Do not OCR scans and page images (they are skipped).")
@click.option("--ocr-lang", default="vie", show_default=True, help="Tesseract model for scans.")
@click.option("--ocr-cache", type=click.Path(file_okay=False), envvar="VDOC_OCR_CACHE",
              help="Folder of cached OCR results (default: INDEX/ocr-cache; with --backend opensearch "
                   "~/.cache/vdoc/ocr-cache; env: VDOC_OCR_CACHE).")
@click.option("--page-seconds", default=120.0, show_default=True, help="Time limit of OCR for one page.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--shards", default=1, show_default=True, help="OpenSearch: primary shards of a new index.")
@click.option("--full", is_flag=True, help="Rebuild into a new index (OpenSearch: and move the alias to it).")
@click.option("--database", envvar="DATABASE_URL", default=None,
              help="Accounts database whose audit log records folder-policy changes (env: DATABASE_URL; "
                   "default: var/app.sqlite when it exists).")
@click.option("--recovery-seconds", default=180.0, show_default=True,
              help="OpenSearch: how long to wait for a lost node's shards to be live again before failing.")
def build(src_dir: Path, index_dir: str, backend: str, opensearch_url: str, no_repair: bool, ocr_model: str | None,
          max_mb: int, file_seconds: float, workers: int | None, no_ocr: bool, ocr_lang: str, ocr_cache: str | None,
          page_seconds: float, as_json: bool, shards: int, full: bool, database: str | None,
          recovery_seconds: float) -> None:
    """Index every supported file below SRC_DIR (adds, updates, removes; rebuilds what it cannot trust)."""
    from indexer.analysis.analyzer import Analyzer
    from indexer.extract.loaders import OcrOptions
    from indexer.backends import backend as chosen
    from indexer.index.build import build as run_build
    from indexer.index.pipeline import PrepareOptions

    ocr = None if no_ocr else OcrOptions(lang=ocr_lang, page_seconds=page_seconds, cache_dir=ocr_cache)
    options = PrepareOptions(analyzer=Analyzer(not no_repair, ocr_model), max_bytes=max_mb * 1024 * 1024,
                             file_seconds=file_seconds, workers=workers, ocr=ocr)
    try:
        writer = chosen(backend).open_writer(index_dir, opensearch_url, shards, _user_cache(),
                                             recovery_seconds=recovery_seconds)
        report = run_build(src_dir, writer, options=options, full=full, progress=_progress("indexing"))
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if as_json else report.summary())
    from indexer.cli_accounts import remember_policies

    remember_policies(src_dir, database, quiet=as_json)


@main.command()
@click.argument("query")
@_index_option
@click.option("--limit", default=10, show_default=True)
def search(query: str, index_dir: str, backend: str, opensearch_url: str, limit: int) -> None:
    """Print the best matches for QUERY, one per line."""
    from indexer.search import SearchRequest
    from indexer.search.access import COMMAND_LINE

    try:
        req = SearchRequest(q=query, per_page=limit, snippets=False, reader=COMMAND_LINE)
        result = _service(backend, index_dir, opensearch_url).search(req)
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{result.total} documents ({result.elapsed_ms} ms)")
    for hit in result.hits:
        click.echo(f"{hit.score}\t{hit.id}\t{hit.number}\t{hit.date}\t{hit.title[:80]}")


@main.command()
@_index_option
def status(index_dir: str, backend: str, opensearch_url: str) -> None:
    """Say how many documents the index holds, what built it and what the last build did."""
    from indexer.index.report import summary_lines

    try:
        st = _service(backend, index_dir, opensearch_url).status()
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{st.documents} documents in {st.location} ({st.engine}, fingerprint {st.fingerprint})")
    if st.last_build:
        click.echo("last build:")
        click.echo("\n".join(f"  {line}" for line in summary_lines(st.last_build)))


from indexer.cli_accounts import audit, users  # noqa: E402  (accounts and the audit log)

main.add_command(users)
main.add_command(audit)


@main.command()
@_index_option
def check(index_dir: str, backend: str, opensearch_url: str) -> None:
    """Read the whole index (every term, posting, column and document) and report damage (whoosh)."""
    from indexer.backends import backend as chosen

    try:
        click.echo(chosen(backend).check_index(index_dir))
    except IndexerError as exc:
        raise click.ClickException(str(exc)) from None
