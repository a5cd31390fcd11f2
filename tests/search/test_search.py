"""Search over the real index of corpus/ (the five OCR'd seeds)."""

import pytest

from indexer.search import SearchRequest

PHONG_THO = "001_f88072d734faeb23.txt"
DONG_THAP = "004_07f2e8074de5ea75.txt"


def ranked(service, q, **kw):
    return [h.id for h in service.search(SearchRequest(q=q, **kw)).hits]


@pytest.mark.parametrize(
    "q",
    ["ket luan chu tich", "kết luận của Chủ tịch", "KẾT LUẬN CỦA CHỦ TỊCH", "Két luan ciia Cha tich"],
)
def test_conclusion_of_the_chairman_comes_first(service, q):
    assert ranked(service, q)[0] == PHONG_THO


@pytest.mark.parametrize(
    "q, expected_first",
    [("Phong Thổ", PHONG_THO), ("phong tho", PHONG_THO), ("Đồng Tháp", DONG_THAP), ("dong thap", DONG_THAP)],
)
def test_place_names_find_their_documents(service, q, expected_first):
    assert ranked(service, q)[0] == expected_first


def test_year_facet_for_administrative_reform(service):
    result = service.search(SearchRequest(q="cải cách hành chính"))
    assert {f.value: f.count for f in result.facets["year"]} == {"2021": 1, "2022": 1, "2023": 3}


def test_exact_accented_match_ranks_above_folded(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({"accented.txt": "Kết luận của hội nghị.", "folded.txt": "Ket luan cua hoi nghi."})
    build(src, tmp_path / "ix")
    svc = open_service("whoosh", index_dir=tmp_path / "ix")
    assert ranked(svc, "kết luận") == ["accented.txt", "folded.txt"]
    # An unaccented query does not prefer either spelling over the other's accents.
    assert sorted(ranked(svc, "ket luan")) == ["accented.txt", "folded.txt"]


def test_compound_ranks_above_scattered_syllables(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({
        "scattered.txt": "Hoạch định mục tiêu. Kế toán trưởng báo cáo.",
        "compound.txt": "Kế hoạch năm nay. Những việc khác.",
    })
    build(src, tmp_path / "ix")
    svc = open_service("whoosh", index_dir=tmp_path / "ix")
    assert ranked(svc, "kế hoạch") == ["compound.txt", "scattered.txt"]
    assert ranked(svc, "ke hoach") == ["compound.txt", "scattered.txt"]


def test_single_syllables_are_never_dropped(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({"an.txt": "Bảo đảm an ninh trật tự.", "other.txt": "Bảo đảm trật tự."})
    build(src, tmp_path / "ix")
    svc = open_service("whoosh", index_dir=tmp_path / "ix")
    assert ranked(svc, "an ninh") == ["an.txt"]
    assert ranked(svc, "an") == ["an.txt"]


def test_facet_filter_and_disjunctive_counts(service):
    all_years = service.search(SearchRequest(q="cải cách hành chính"))
    picked = service.search(SearchRequest(q="cải cách hành chính", filters={"year": ["2021"]}))
    assert picked.total == 1
    # The year facet ignores its own selection; the others apply it.
    assert [(f.value, f.count) for f in picked.facets["year"]] == [(f.value, f.count) for f in all_years.facets["year"]]
    assert sum(f.count for f in picked.facets["type"]) == 1


def marked(passages) -> list[str]:
    return [p.text[a:b] for p in passages for a, b in p.marks]


def test_snippets_mark_the_restored_reading_for_an_accented_query(service):
    # An OCR'd document's snippets are cut from its restored reading ("Két luan" reads "Kết luận"),
    # and the two words standing together are one match.
    hit = service.search(SearchRequest(q="kết luận")).hits[0]
    assert "Kết luận" in marked(hit.passages)


def test_snippets_are_data_and_the_page_escapes_them(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service
    from searchapp.marks import passage_html

    src = make_corpus({"x.txt": "Kết luận <script>alert(1)</script> & kế hoạch"})
    build(src, tmp_path / "ix")
    hit = open_service("whoosh", index_dir=tmp_path / "ix").search(SearchRequest(q="kết luận")).hits[0]
    assert "<script>alert(1)</script>" in hit.snippet  # the text as it is: no HTML in the library's answer
    html = str(passage_html(hit.passages[0]))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<mark>Kết luận</mark>" in html


PHUOC_LONG_BC = "000_471e60a1ddf59a91.txt"


@pytest.mark.parametrize("q", ["173/QĐ-UBND", "173/QD-UBND", "qd 173", "173 qđ ubnd", "173/Qb-UBND", "Quyết định số 173"])
def test_any_spelling_of_a_decision_number_finds_its_citing_document(service, q):
    result = service.search(SearchRequest(q=q))
    assert result.hits[0].id == PHUOC_LONG_BC
    assert "173/QĐ-UBND" in result.hits[0].matched_numbers


def test_decision_number_ranks_citing_documents_above_mere_digits(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({
        "digits.txt": "Có 173 hộ dân và 2023 người; UBND xã báo cáo.",
        "cites.txt": "Căn cứ Quyết định số 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh Bình Phước.",
    })
    build(src, tmp_path / "ix")
    assert ranked(open_service("whoosh", index_dir=tmp_path / "ix"), "173/QD-UBND")[0] == "cites.txt"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("quyết định 173", "173/QĐ"),
        ("173 qđ ubnd", "173/QĐ-UBND"),
        ("kết luận 2023 ubnd", None),
        ("ubnd 2023", None),
        ("kế hoạch cải cách 27", None),
    ],
)
def test_whole_query_number_detection(text, expected):
    from indexer.search.parse import whole_number

    assert whole_number(text) == expected


def test_rare_words_found_together_outrank_common_ones(make_corpus, tmp_path):
    """Regression: Whoosh's block-quality pruning dropped the only document
    holding every word once the query mixed boosted fields and phrases."""
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    filler = {f"f{i:02}.txt": f"Thời hạn giải quyết {i} ngày theo quy định. Thời hạn thẩm tra." for i in range(30)}
    filler["target.txt"] = "Cấp giấy phép (1.014466.H50) Thời hạn thẩm định kết quả thăm dò."
    src = make_corpus(filler)
    build(src, tmp_path / "ix")
    result = open_service("whoosh", index_dir=tmp_path / "ix").search(SearchRequest(q="1 014466 H50 Thời hạn thẩm"))
    assert result.hits[0].id == "target.txt"


def test_fewer_than_a_page_of_full_matches_is_followed_by_near_matches(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({
        "all.txt": "Kế hoạch cải cách hành chính năm 2023.",
        "most.txt": "Kế hoạch cải cách thủ tục năm 2023.",  # OCR lost "hành chính"
        "none.txt": "Biên bản họp chi bộ.",
    })
    build(src, tmp_path / "ix")
    result = open_service("whoosh", index_dir=tmp_path / "ix").search(SearchRequest(q="kế hoạch cải cách hành chính"))
    assert (result.relaxed, result.strict_total, [h.id for h in result.hits]) == (True, 1, ["all.txt", "most.txt"])


def test_two_word_queries_are_never_relaxed(service):
    result = service.search(SearchRequest(q="Phong Thổ"))
    assert (result.relaxed, result.strict_total, result.hits[0].id) == (False, result.total, PHONG_THO)


@pytest.mark.parametrize("q", ["Nghị định số 58", "nghi dinh 58", "58/NĐ-CP", "58/2024/NĐ-CP"])
def test_partial_numbers_match_numbers_with_a_year(make_corpus, tmp_path, q):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({
        "cites.txt": "Thực hiện theo quy định tại Điều 10 Nghị định số 58/2024/NĐ-CP của Chính phủ.",
        "other.txt": "Có 58 hộ dân được hỗ trợ theo nghị định của Chính phủ.",
    })
    build(src, tmp_path / "ix")
    assert ranked(open_service("whoosh", index_dir=tmp_path / "ix"), q)[0] == "cites.txt"


def test_an_accented_word_is_a_precise_request(make_corpus, tmp_path):
    """Clean text's marks are known: "của" is not "cua" (a crab), and OCR repairs
    ("ciia" -> "cua") apply to OCR'd text only; a word typed without marks finds
    every accented form."""
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({"read.txt": "Ý kiến cua hội nghị.", "repaired.txt": "Ý kiến ciia hội nghị.", "exact.txt": "Ý kiến của hội nghị."})
    build(src, tmp_path / "ix")
    svc = open_service("whoosh", index_dir=tmp_path / "ix")
    assert ranked(svc, "của") == ["exact.txt"]
    assert sorted(ranked(svc, "cua")) == ["exact.txt", "read.txt"]


OCR_LINE = ("Uy ban nhan dan xa da to chuc hoi nghi trien khai ke hoach cai cach hanh chinh nam 2023 "
            "va giao nhiem vu cho cac phong ban chuyen mon thuc hien theo quy dinh. ")


def test_a_word_as_read_ranks_above_an_ocr_repair_of_it(make_corpus, tmp_path):
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    src = make_corpus({"read.txt": OCR_LINE + "Y kien cua hoi nghi.", "repaired.txt": OCR_LINE + "Y kien ciia hoi nghi."})
    build(src, tmp_path / "ix")
    assert ranked(open_service("whoosh", index_dir=tmp_path / "ix"), "y kien cua") == ["read.txt", "repaired.txt"]


# Seventy syllables, each said three times: they fill a long text's profile.
_FILLER = [f"{a}{b}" for a in ("gi", "ha", "khe", "ma", "nu", "su", "xo") for b in ("nh", "ng", "m", "n", "c", "t", "p",
                                                                                  "y", "i", "e")]


def test_similar_documents_are_about_the_same_words(make_corpus, tmp_path):
    """"Similar" ranks the archive by the documents' profiles (their key terms):
    a text that is about the same words is similar; one that names them once in
    passing, among many words it says more often, is not."""
    from indexer.analysis.text import fold
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    topic = "Tu bổ đê điều, nạo vét kênh mương thủy lợi, phòng chống lụt bão. "
    assert not set(_FILLER) & set(fold(topic).split())
    passing = " ".join(f"{w} {w} {w}." for w in _FILLER) + " Tu bổ đê điều, kênh mương thủy lợi, lụt bão."
    src = make_corpus({
        "dyke-plan.txt": "Kế hoạch. " + topic * 6,
        "dyke-report.txt": "Báo cáo kết quả. " + topic * 4 + "Đã hoàn thành.",
        "passing.txt": passing,
        "schools.txt": "Kế hoạch tuyển sinh trường học năm học mới. " * 5,
    })
    build(src, tmp_path / "ix")
    svc = open_service("whoosh", index_dir=tmp_path / "ix")
    assert [d.id for d in svc.similar("dyke-plan.txt")] == ["dyke-report.txt"]
