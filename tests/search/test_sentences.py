"""What a citing sentence says of the decision it cites (search.sentences): read as
written, with or without accents, and nothing when it does not say it."""

from indexer.search.sentences import said_of

SEED = ("Sau khi UBND tỉnh ban hành Quyết định số 173/QĐ-UBND ngày 08/02/2023 Về việc phê duyệt và công bố "
        "Chỉ số cải cách hành chính năm 2022 của các cơ quan chuyên môn thuộc UBND tỉnh. Ngày 16/02/2023,UBND thị "
        "xã Phước Long đã ban hành Kế hoạch số 27/KH-UBND về Tổ chức Hội nghị công bố kết quả chỉ số CCHC năm 2022")


def test_the_trich_yeu_after_the_number_and_its_date():
    said = said_of(SEED, "173/QĐ-UBND")
    assert said == {"date": "2023-02-08", "title": "phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 "
                                                   "của các cơ quan chuyên môn thuộc UBND tỉnh"}


def test_the_date_and_issuer_before_it():
    said = said_of(SEED, "27/KH-UBND")
    assert said["date"] == "2023-02-16" and said["issuer"] == "UBND thị xã Phước Long"
    assert said["title"].startswith("Tổ chức Hội nghị công bố kết quả chỉ số CCHC năm 2022")


def test_ocr_text_without_accents_is_read_as_written():
    said = said_of("Quyet dinh so 173/QD-UBND ngay 08/02/2023 cua UBND tinh ve viec phe duyet Chi so CCHC; "
                   "Quyet dinh so 90/QD-UBND", "173/QĐ-UBND")
    assert said == {"date": "2023-02-08", "title": "phe duyet Chi so CCHC"}


def test_nothing_is_said_when_the_sentence_says_nothing():
    listed = "Các văn bản: Quyết định số 173/QĐ-UBND ngày 08/02/2023 của UBND tỉnh; Quyết định số 90/QĐ-UBND"
    assert said_of(listed, "173/QĐ-UBND") == {}
    assert said_of(listed, "1173/QĐ-UBND") == {}  # another number is not this one
    assert said_of("Ngày 31/02/2023, UBND huyện ban hành Quyết định số 5/QĐ-UBND", "5/QĐ-UBND") == \
        {"issuer": "UBND huyện"}  # no such day: no date
    assert said_of("Ngày 01/02/2023, trên cơ sở đó ban hành Quyết định số 5/QĐ-UBND", "5/QĐ-UBND") == \
        {"date": "2023-02-01"}  # "trên cơ sở đó" names no issuer
