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
        ("nam:", "nam: không có giá trị (năm có bốn chữ số, ví dụ nam:2023) — đã tìm từ \"nam\"."),
        ("kết nam:abc", 'Không hiểu nam:abc (năm có bốn chữ số, ví dụ nam:2023) — đã tìm cụm từ "nam abc".'),
        ("ngay:32/13/2023", "Không hiểu ngay:32/13/2023 (ngày dạng ngay:08/02/2023 hoặc khoảng"),
        ("so:", "so: không có giá trị (ví dụ so:173/QĐ-UBND)"),
    ],
)
def test_malformed_syntax_is_read_as_words_with_a_note(text, note_part):
    pq = parse(text)
    assert any(note_part in n for n in pq.notes), pq.notes
    assert pq.groups  # something is still searched


@pytest.mark.parametrize("text, filters", [
    ("nam: 2023", {"year": ["2023"]}),
    ("loại: KH cải", {"type": ["KH"]}),
    ("kết luận: cải", {}),  # not a field name: words, as typed
])
def test_a_space_after_a_field_colon_is_allowed(text, filters):
    assert (parse(text).filters, parse(text).notes) == (filters, [])


def test_unknown_field_is_plain_words():
    pq = parse("foo:bar")
    assert shape(pq)[0] == [[("phrase", "foo bar")]]


def test_describe_says_how_the_query_was_read():
    assert parse('"kết luận" -covid loai:TB').describe() == '"kết luận"; không có covid; loại: TB'
    assert (parse("nam:2021 trich:173/QĐ-UBND so:64/BC-UBND donvi:Long ngay:2023-01-01..2023-06-30").describe()
            == "năm: 2021; trích dẫn: 173/QĐ-UBND; số ký hiệu: 64/BC-UBND; đơn vị: Long; ngày: 01/01/2023 – 30/06/2023")


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
