import pytest

from indexer.search.parse import parse


def shape(pq):
    return (
        [[(c.kind, c.text) for c in g] for g in pq.groups],
        [(c.kind, c.text) for c in pq.excluded],
        pq.filters,
        (pq.date_from, pq.date_to),
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kết luận", ([[("word", "kết")], [("word", "luận")]], [], {}, (None, None))),
        ('"cải cách hành chính" 2023', ([[("phrase", "cải cách hành chính")], [("word", "2023")]], [], {}, (None, None))),
        ("ke hoach -covid", ([[("word", "ke")], [("word", "hoach")]], [("word", "covid")], {}, (None, None))),
        ("báo OR thông báo", ([[("word", "báo"), ("word", "thông")], [("word", "báo")]], [], {}, (None, None))),
        ("loai:KH nam:2023 cải cách", ([[("word", "cải")], [("word", "cách")]], [], {"type": ["KH"], "year": ["2023"]}, (None, None))),
        ('donvi:"Phước Long"', ([], [], {"unit": ["Phước Long"]}, (None, None))),
        ("ngay:2023-01-01..2023-06-30", ([], [], {}, ("2023-01-01", "2023-06-30"))),
        ("thuỷ lợi", ([[("word", "thủy")], [("word", "lợi")]], [], {}, (None, None))),
    ],
)
def test_parse(text, expected):
    assert shape(parse(text)) == expected


@pytest.mark.parametrize(
    "text, note_part",
    [
        ('"kết luận', "ngoặc kép"),
        ("kết - luận", "Dấu trừ"),
        ("nam: 2023", "không có giá trị"),
        ("nam:abc", "Không hiểu"),
    ],
)
def test_malformed_syntax_is_read_as_words_with_a_note(text, note_part):
    pq = parse(text)
    assert any(note_part in n for n in pq.notes), pq.notes
    assert pq.groups  # something is still searched


def test_unknown_field_is_plain_words():
    pq = parse("foo:bar")
    assert shape(pq)[0] == [[("phrase", "foo bar")]]


def test_describe_says_how_the_query_was_read():
    assert parse('"kết luận" -covid loai:TB').describe() == '"kết luận"; không có covid; type: TB'


def test_very_long_query_is_bounded():
    pq = parse("từ " * 5000)
    assert len(pq.groups) <= 32


def test_repeated_phrases_and_alternatives_are_asked_once():
    pq = parse('"cải cách" "hành chính" ' * 16 + " OR ".join(["kết", "luận"] * 20) + " -x" * 50)
    assert [[(c.kind, c.text) for c in g] for g in pq.groups] == [
        [("phrase", "cải cách")], [("phrase", "hành chính")], [("word", "kết"), ("word", "luận")],
    ]
    assert [c.text for c in pq.excluded] == ["x"]


def test_phrases_beyond_the_limit_are_read_as_words():
    pq = parse('"a b" "c d" "e f" "g h" "i k"')
    assert [[(c.kind, c.text) for c in g] for g in pq.groups] == [
        [("phrase", "a b")], [("phrase", "c d")], [("phrase", "e f")], [("phrase", "g h")], [("word", "i")], [("word", "k")],
    ]
    assert any("cụm từ đầu tiên" in n for n in pq.notes)


def test_repeated_words_are_kept_in_order():
    assert [g[0].text for g in parse("theo quy định của pháp luật theo").groups] == ["theo", "quy", "định", "của", "pháp", "luật", "theo"]
