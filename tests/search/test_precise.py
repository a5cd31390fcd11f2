"""Precise matching (issue 19): an accented word is a precise request; highlights show why.

A small archive of clean and OCR'd texts, built by the real indexer; the
OCR'd ones are read by the real restorer, so each test first checks what the
reading says, then what a search finds.
"""

from __future__ import annotations


from indexer.extract.document import document_from_text
from indexer.analysis.text import fold
from indexer.search import SearchRequest

STORM = "Báo cáo công tác phòng chống bão lũ năm 2023 của Ủy ban nhân dân xã. Cơn bão số 3 gây thiệt hại lớn.\n"
REPORT = "Báo cáo kết quả công tác tháng 9 năm 2023 của Ủy ban nhân dân xã. Bảo đảm an ninh trật tự.\n"
SCAN = ("UY BAN NHAN DAN XA AN PHU\nTHONG BAO\nVe cong tac phong, chong thien tai, bao, lu nam 2023\n"
        "Uy ban nhan dan xa da trien khai cong tac phong, chong thien tai, bao, lu, di doi cac ho dan ra khoi "
        "vung nguy hiem. Cac doan the phoi hop thuc hien tot ke hoach khac phuc hau qua mua lu sau bao.\n")
MEETING = ("THÔNG BÁO\nKết luận của Chủ tịch UBND xã tại Hội nghị phân tích, đánh giá kết quả thực hiện "
           "nhiệm vụ năm 2023. Chủ tịch giao các phòng chủ trì, phối hợp thực hiện và báo cáo kết quả.\n")


FILES = {"storm.txt": STORM, "report.txt": REPORT, "scan.txt": SCAN, "meeting.txt": MEETING}  # module_archive


def ids(service, q: str) -> list[str]:
    return sorted(row["id"] for row in service.export(SearchRequest(q=q)))


def marked(page) -> list[str]:
    shown = page.restored_text
    return [shown[a:b] for a, b in page.restored_marks]


def test_an_accented_word_finds_only_the_texts_that_hold_it(module_service):
    """"bão" (storm) is not "báo" (report) nor "bảo" (protect) where the marks are
    known; the scan whose reading says "bão" is found too."""
    reading = document_from_text("scan.txt", "scan.txt", SCAN).reading
    assert reading is not None and "thiên tai, bão, lũ" in reading.text.lower()
    assert ids(module_service, "bão") == ["scan.txt", "storm.txt"]
    assert ids(module_service, "bảo") == ["report.txt"]


def test_a_word_typed_without_marks_finds_every_accented_form(module_service):
    assert ids(module_service, "bao") == ["meeting.txt", "report.txt", "scan.txt", "storm.txt"]
    assert ids(module_service, "bao lu") == ["scan.txt", "storm.txt"]


def test_a_word_the_restorer_was_unsure_of_is_found_by_its_plausible_readings(service):
    """A real scan's words the restorer was unsure of: found by their letters and by
    every reading it found plausible (the seeds' session index)."""
    from support import CORPUS
    from indexer.extract.document import document_from_file

    doc = document_from_file(CORPUS / "001_f88072d734faeb23.txt", "001_f88072d734faeb23.txt")
    assert doc.reading is not None
    unsure = [(start, options) for start, options in doc.reading.unsure if len(options) > 1][:5]
    assert unsure, "the scan has no word the restorer hesitated over"
    for start, options in unsure:
        word = doc.text[start:].split()[0].strip(".,;:()")
        assert doc.id in ids(service, word), word
        for reading in options:
            assert doc.id in ids(service, reading), (word, reading)


def test_highlights_show_why_a_document_matched(module_service):
    """Query words standing together are one match; "tịch" of "phân tích" is not
    "tịch"; "chủ" of "chủ trì" alone is half of another word; a lone function word
    ("các", "và") is not marked."""
    page = module_service.document("meeting.txt", "kết luận của Chủ tịch")
    assert marked(page) == ["Kết luận của Chủ tịch", "Chủ tịch"]
    assert page.match_count == 2
    unaccented = module_service.document("meeting.txt", "chu tich")
    assert marked(unaccented) == ["Chủ tịch", "Chủ tịch"]  # not "tích" of "phân tích"


def test_a_quoted_phrase_marks_the_phrase_only(module_service):
    page = module_service.document("meeting.txt", '"kết quả"')
    assert marked(page) == ["kết quả", "kết quả"]
    assert "Kết luận" not in marked(page)


def test_snippets_show_the_matching_words(module_service):
    hit = module_service.search(SearchRequest(q="phòng chống bão lũ")).hits[0]
    assert hit.id == "storm.txt"
    assert [p.text[a:b] for p in hit.passages for a, b in p.marks][0] == "phòng chống bão lũ"


def test_counts_and_facets_describe_the_precise_match_set(module_service):
    result = module_service.search(SearchRequest(q="bão"))
    assert result.total == 2 == sum(f.count for f in result.facets["year"])


def test_the_page_says_what_matched_through_text_whose_marks_are_unknown(service, client):
    """An accented word found only where the restorer could not tell the marks: the
    result says how many documents matched so (issue 19: "N văn bản khớp qua chữ OCR
    chưa chắc chắn"); a query without marks asks nothing of marks and says nothing."""
    from support import CORPUS
    from indexer.extract.document import document_from_file

    doc = document_from_file(CORPUS / "001_f88072d734faeb23.txt", "001_f88072d734faeb23.txt")
    readings = [r for _, options in doc.reading.unsure for r in options if r != fold(r)]
    found = {r: service.search(SearchRequest(q=r)) for r in readings[:20]}
    assert all(0 <= f.uncertain_total <= f.strict_total for f in found.values())
    uncertain = [r for r, f in found.items() if f.uncertain_total]
    assert uncertain, "no hesitant word of the scan is found through its hesitation alone"
    word = uncertain[0]
    n = found[word].uncertain_total
    assert client.get("/api/search", query_string={"q": word}).get_json()["uncertain_total"] == n
    page = client.get("/search", query_string={"q": word}).get_data(as_text=True)
    assert f"{n} văn bản khớp qua chữ không dấu hoặc chữ OCR chưa chắc chắn" in page
    assert service.search(SearchRequest(q=fold(word))).uncertain_total == 0


def test_the_words_of_a_web_address_have_no_marks_to_guess(make_corpus, tmp_path):
    """A link's words are written without marks, in a scan as in clean text: an
    accented query does not find "dat" of "/Dat-dai/" as if it might be "đất"
    (it matched every accented reading of its letters, like scan noise); the
    letters typed without marks still find it."""
    from indexer.index.whoosh.writer import build
    from indexer.search import open_service

    scan = SCAN + "Xem them: https://thuvienphapluat.vn/van-ban/Dat-dai/Quyet-dinh-12-2023.aspx\n"
    assert document_from_text("scan.txt", "scan.txt", scan).reading is not None
    build(make_corpus({"scan.txt": scan}), tmp_path / "ix")
    svc = open_service("whoosh", index_dir=tmp_path / "ix")
    assert ids(svc, "đất") == [] and ids(svc, "đãi") == []
    assert ids(svc, "dat") == ["scan.txt"]
