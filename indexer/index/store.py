"""Open and create the on-disk index, always with our schema."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import Schema

from indexer.errors import IndexMissingError
from indexer.index.schema import SCHEMA_VERSION

# The schema version is part of the index name: an index built by another
# version is left alone (and never mixed with new documents); a build creates
# the new one beside it, and readers switch when its first commit lands.
INDEX_NAME = f"docs_v{SCHEMA_VERSION}"


def open_or_create(index_dir: Path, schema: Schema):
    """Open the index for writing, creating folder and index when missing."""
    index_dir.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME, schema=schema)
    return whoosh_index.create_in(str(index_dir), schema, indexname=INDEX_NAME)


def open_index(index_dir: Path):
    """Open an existing index for reading; IndexMissingError says what to do."""
    if not whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
        raise IndexMissingError(
            f"no index (version {SCHEMA_VERSION}) in {index_dir}: "
            f"run `python -m indexer build SRC_DIR --index {index_dir}` first"
        )
    # The schema stored in the index was pickled with the analyzers of the
    # build; passing ours keeps reader and writer on the same code.
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    return ix


def read_states(ix) -> dict[str, tuple[str, float, int, int]]:
    """Map each indexed id to (checksum, mtime, size, extraction version), from columns only.

    Entries written before the version was recorded read as version 1.
    """
    states: dict[str, tuple[str, float, int, int]] = {}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return states
        ids = reader.column_reader("id", translate=True)
        filestate = reader.column_reader("filestate")
        for docnum in reader.all_doc_ids():
            checksum, mtime, size, *version = filestate[docnum].decode().split(" ")
            states[ids[docnum]] = (checksum, float(mtime), int(size), int(version[0]) if version else 1)
    return states
