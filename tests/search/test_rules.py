"""The ranking rules the engines share (search.rules)."""

from indexer.search import rules


def test_similar_leaves_out_the_words_most_documents_hold():
    """Weighed by how often a document uses it, a word in nearly every document still won
    (its idf floors at 1): "similar" ranked the archive by "co", "dinh", "ban"."""
    recorded = [("co", 40.0), ("dinh", 35.0), ("trudng", 6.0), ("tthc", 3.0), ("nam", 50.0)]
    df = {"co": 9886, "dinh": 9951, "trudng": 1713, "tthc": 12, "nam": 9000}
    assert rules.distinctive_terms(recorded, df, 10000, 12) == ["tthc", "trudng"]
    # A word no document holds any longer is left out too; so are the common words.
    assert rules.distinctive_terms(recorded, {**df, "tthc": 0}, 10000, 12) == ["trudng"]


def test_in_a_small_archive_every_word_may_serve():
    """Five documents: a word in three of them is common only by share, not by count."""
    recorded = [("bao", 4.0), ("tthc", 2.0)]
    assert rules.distinctive_terms(recorded, {"bao": 4, "tthc": 1}, 5, 12) == ["bao", "tthc"]
