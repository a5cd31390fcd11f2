"""The Whoosh commit's field lengths, read a column at a time (index/whoosh/writer.field_lengths)."""

from whoosh import index as whoosh_index

from indexer.index.whoosh import store
from indexer.index.whoosh.writer import field_lengths


def test_each_fields_lengths_read_at_once_are_whooshs_own(corpus_index):
    manifest = store.read_manifest(corpus_index)
    ix = whoosh_index.open_dir(str(corpus_index), indexname=manifest.index_name)
    with ix.reader() as reader:
        segments = [r for r, _ in reader.leaf_readers()]
        seen = 0
        for segment in segments:
            per_doc = segment._perdoc  # the segment's per-document reader, as the commit has it
            for name in ix.schema.scorable_names():
                got = field_lengths(per_doc, name)
                # Whoosh answers None where a document has no length; the commit treats it as 0
                assert got == [per_doc.doc_field_length(d, name, 0) or 0 for d in range(per_doc.doc_count_all())]
                seen += sum(1 for n in got if n)
    assert seen > 0  # some field of some document has a length: the check read real values
