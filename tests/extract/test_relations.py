"""What a citing sentence says the citing document does: the traps, one table."""

import pytest

from indexer.extract.citations import extract_citations
from indexer.extract.records import Metadata
from indexer.extract.relations import read_relations

PROVINCE = Metadata(number="60/2025/QĐ-UBND", type_code="QĐ", unit="UBND tỉnh Bình Phước", province="Bình Phước")
LAW = Metadata(number="31/2024/QH15", type_code="L")
LETTER = Metadata(number="19046/BTC-TCHQ", type_code="CV")


def read(text: str, meta: Metadata = PROVINCE) -> list[tuple]:
    cits = extract_citations(text, meta)
    got = read_relations(text, [(c.start, c.end) for c in cits], meta)
    return [(c.number, r.kind, r.partial, r.articles) for c, r in zip(cits, got)]


@pytest.mark.parametrize("text, meta, expected", [
    # One sentence citing several documents with different roles.
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký, bãi bỏ Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của "
     "UBND tỉnh và thay thế Quyết định số 18/2021/QĐ-UBND ngày 02/6/2021 của UBND tỉnh.", PROVINCE,
     [("12/2020/QĐ-UBND", "bai_bo", False, []), ("18/2021/QĐ-UBND", "thay_the", False, [])]),
    # "Căn cứ Quyết định ... về việc sửa đổi ...": a basis; the amended one named in its title too.
    ("Căn cứ Quyết định số 30/2022/QĐ-UBND ngày 10/8/2022 của UBND tỉnh về việc sửa đổi, bổ sung Quyết định số "
     "12/2020/QĐ-UBND ngày 16/3/2020 của UBND tỉnh;", PROVINCE,
     [("30/2022/QĐ-UBND", "can_cu", False, []), ("12/2020/QĐ-UBND", "can_cu", False, [])]),
    ("Thực hiện Kế hoạch số 119/KH-UBND ngày 18/12/2023 của UBND tỉnh, UBND thị xã ban hành Kế hoạch như sau:", PROVINCE,
     [("119/KH-UBND", "thuc_hien", False, [])]),
    # "Thực hiện theo quy định tại ...": a reference, not an implementation.
    ("Nguồn kinh phí: Thực hiện theo quy định tại khoản 1 Điều 13 Nghị định số 66/2025/NĐ-CP của Chính phủ.", PROVINCE,
     [("66/2025/NĐ-CP", "dan_chieu", False, [])]),
    ("Thông tư này hướng dẫn thi hành một số điều của Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ.",
     Metadata(number="02/2021/TT-BLĐTBXH", type_code="TT"), [("20/2021/NĐ-CP", "huong_dan", False, [])]),
    ("Nghị định này quy định chi tiết Điều 11 của Luật Dẫn độ số 100/2025/QH15.", Metadata(number="5/2026/NĐ-CP", type_code="NĐ"),
     [("100/2025/QH15", "huong_dan", False, ["Điều 11"])]),
    # The title says the document amends; named parts normalised.
    ("QUYẾT ĐỊNH\nSửa đổi, bổ sung một số điều của Quyết định số 12/2020/QĐ-UBND ngày 16 tháng 3 năm 2020 của "
     "Ủy ban nhân dân tỉnh\n\nĐiều 1. Sửa đổi khoản 2, khoản 6 Điều 1 và điểm a khoản 1 Điều 2 Quyết định số "
     "12/2020/QĐ-UBND như sau:", PROVINCE,
     [("12/2020/QĐ-UBND", "sua_doi", False, []),
      ("12/2020/QĐ-UBND", "sua_doi", False, ["khoản 2 Điều 1", "khoản 6 Điều 1", "điểm a khoản 1 Điều 2"])]),
    ("Bãi bỏ Điều 3 Quyết định số 07/2019/QĐ-UBND ngày 11/4/2019 của UBND tỉnh.", PROVINCE,
     [("07/2019/QĐ-UBND", "bai_bo", True, ["Điều 3"])]),
    ("Bãi bỏ Mẫu số 02 ban hành kèm theo Quyết định số 07/2019/QĐ-UBND ngày 11/4/2019 của UBND tỉnh.", PROVINCE,
     [("07/2019/QĐ-UBND", "bai_bo", True, [])]),
    # The subject says it, after the documents: replacement.
    ("2. Quyết định số 25/2019/QĐ-UBND ngày 11/7/2019 của Ủy ban nhân dân tỉnh ban hành Quy chế tiếp nhận kiến "
     "nghị hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.", PROVINCE,
     [("25/2019/QĐ-UBND", "thay_the", False, [])]),
    # A list opened by its verb.
    ("2. Các Quyết định sau hết hiệu lực thi hành kể từ ngày Quyết định này có hiệu lực thi hành:\n"
     "a) Quyết định số 68/2024/QĐ-UBND ngày 31 tháng 10 năm 2024 của Ủy ban nhân dân tỉnh;\n"
     "b) Quyết định số 41/2017/QĐ-UBND ngày 12 tháng 5 năm 2017 của Ủy ban nhân dân tỉnh.", PROVINCE,
     [("68/2024/QĐ-UBND", "thay_the", False, []), ("41/2017/QĐ-UBND", "thay_the", False, [])]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;\nLuật sửa đổi, bổ sung một số điều của Luật "
     "Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;", PROVINCE,
     [("64/2025/QH15", "can_cu", False, []), ("87/2025/QH15", "can_cu", False, [])]),
    # Passive: another document did it.
    ("[Khoản này được sửa đổi bởi Khoản 16 Điều 1 Nghị định 59/2018/NĐ-CP có hiệu lực từ ngày 05/6/2018]", LAW,
     [("59/2018/NĐ-CP", "dan_chieu", False, [])]),
    # A proposal is not the act; nor is the new wording inside quotes.
    ("Xét Tờ trình số 382/TTr-UBND ngày 12/11/2025 của UBND thành phố đề nghị ban hành Nghị quyết thay thế Nghị "
     "quyết số 32/2024/NQ-HĐND ngày 19/11/2024 của HĐND thành phố;", Metadata(number="83/2025/NQ-HĐND", type_code="NQ"),
     [("382/TTr-UBND", "dan_chieu", False, []), ("32/2024/NQ-HĐND", "dan_chieu", False, [])]),
    ("1. Sửa đổi, bổ sung Điều 5 như sau:\n“Điều 5. Thông tư này quy định chi tiết khoản 6 Điều 13 Luật Quản lý "
     "thuế số 108/2025/QH15.”", Metadata(number="20/2026/TT-BTC", type_code="TT"),
     [("108/2025/QH15", "dan_chieu", False, [])]),
    # A province cannot amend a decree: "Kiến nghị thực thi: Sửa đổi ..." proposes.
    ("1.2. Kiến nghị thực thi\nSửa đổi Điều 109 của Nghị định số 65/2023/NĐ-CP ngày 23 tháng 8 năm 2023.", PROVINCE,
     [("65/2023/NĐ-CP", "dan_chieu", False, [])]),
    # "Luật này" in a letter is the law's act, not the letter's.
    ("Luật hải quan có hiệu lực thi hành từ ngày 01/01/2015. Luật này thay thế Luật Hải quan số 29/2001/QH10.", LETTER,
     [("29/2001/QH10", "dan_chieu", False, [])]),
    ("QUYẾT ĐỊNH\nĐính chính Thông tư số 15/2024/TT-BKHĐT ngày 30 tháng 9 năm 2024 của Bộ Kế hoạch và Đầu tư",
     Metadata(number="2416/QĐ-BKHĐT", type_code="QĐ"), [("15/2024/TT-BKHĐT", "dinh_chinh", False, [])]),
    # OCR's strays: a mark after "Căn cứ", a period and a blank line before the number, a blank
    # line inside a sentence, an opening quote never closed.
    ("Căn cứ? Quyết định số .\n\n43/2018/QĐ-TTg ngày 01/11/2018 của Thủ tướng Chính phủ.", LETTER,
     [("43/2018/QĐ-TTg", "can_cu", False, [])]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật Sửa đổi, bổ sung một số điều của\n\n"
     ". Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;", PROVINCE,
     [("64/2025/QH15", "can_cu", False, []), ("87/2025/QH15", "can_cu", False, [])]),
    ("Điều 3.\n\nQuyết định này có “hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 1704/QĐ-CT ngày "
     "15/10/2007 của Chủ tịch UBND tỉnh.", Metadata(number="1056/QĐ-CT", type_code="QĐ"),
     [("1704/QĐ-CT", "thay_the", False, [])]),
    # A footnote's quotation cut by the page ("có căn cứ ban hành như sau: “Căn cứ ..." never
    # closed) ends where new wording opens: the article between is the document's own act,
    # and what the new wording says stays quoted.
    ("1 Thông tư số 26/2026/TT-BCT có căn cứ ban hành như sau:\n“Căn cứ Luật Tổ chức Chính phủ;\n"
     "CÔNG BÁO/Số 321\n\nĐiều 1. Sửa đổi, bổ sung khoản 2 Điều 1 Thông tư số 38/2025/TT-BCT như sau:\n"
     "“2. Thay thế Điều 4 Thông tư số 23/2024/TT-BCT.”", Metadata(number="40/VBHN-BCT", type_code="VBHN"),
     [("26/2026/TT-BCT", "dan_chieu", False, []), ("38/2025/TT-BCT", "sua_doi", False, ["khoản 2 Điều 1"]), ("23/2024/TT-BCT", "dan_chieu", False, [])]),
    # Compounds that start with an amendment amend, whatever they go on to repeal or replace:
    # the document stays in force, changed.
    ("Điều 31. Sửa đổi, bãi bỏ một số điều của Thông tư số 09/2021/TT-BKHĐT ngày 16 tháng 11 năm 2021 của Bộ "
     "trưởng Bộ Kế hoạch và Đầu tư", Metadata(number="10/2022/TT-BKHĐT", type_code="TT"),
     [("09/2021/TT-BKHĐT", "sua_doi", False, [])]),
    ("Điều 66. Sửa đổi, bổ sung và bãi bỏ một số điều của Nghị định số 23/2024/NĐ-CP ngày 27 tháng 02 năm 2024 "
     "của Chính phủ", Metadata(number="115/2024/NĐ-CP", type_code="NĐ"), [("23/2024/NĐ-CP", "sua_doi", False, [])]),
    ("Điều 20. Bổ sung, thay thế một số biểu mẫu tại Phụ lục ban hành kèm theo Nghị định số 124/2020/NĐ-CP",
     Metadata(number="155/2026/NĐ-CP", type_code="NĐ"), [("124/2020/NĐ-CP", "sua_doi", False, [])]),
    ("2. Bổ sung, bỏ một số cụm từ tại Nghị định số 128/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ",
     Metadata(number="90/2023/NĐ-CP", type_code="NĐ"), [("128/2020/NĐ-CP", "sua_doi", False, [])]),
    # ... but "bổ sung và bố trí" is no compound.
    ("Bổ sung và bố trí kinh phí theo Nghị quyết số 12/2024/NQ-HĐND ngày 05/7/2024 của HĐND tỉnh.", PROVINCE,
     [("12/2024/NQ-HĐND", "dan_chieu", False, [])]),
    # A consolidated text's footnote mark after the item's number.
    ("quy hoạch.”.\n6.[50] Bổ sung khoản 5 vào Điều 82 của Luật Khám bệnh, chữa bệnh số 40/2009/QH12 như sau:",
     Metadata(number="131/VBHN-VPQH", type_code="VBHN"), [("40/2009/QH12", "sua_doi", False, ["khoản 5 Điều 82"])]),
    # A type's name inside a title in capitals ("QUY ĐỊNH") is no heading to cut at.
    ("NGHỊ QUYẾT\nVỀ\nVIỆC SỬA ĐỔI, BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH LỊCH\nSỬ TRÊN ĐỊA BÀN THÀNH PHỐ TẠI "
     "NGHỊ QUYẾT SỐ\n16/2023/NQ-HĐND NGÀY 06 THÁNG 12 NĂM 2023 CỦA HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ",
     Metadata(number="66/2025/NQ-HĐND", type_code="NQ"), [("16/2023/NQ-HĐND", "sua_doi", False, [])]),
    # The document amended is the object, not the agent of another verb inside the clause.
    ("[Sửa đổi hồ sơ mời thầu qua mạng đối với dự án có sử dụng đất được hướng dẫn bởi Điểm b, c Khoản 2 Điều 16 "
     "Thông tư 15/2024/TT-BKHĐT có hiệu lực từ ngày 30/12/2024]", Metadata(number="115/2024/NĐ-CP", type_code="NĐ"),
     [("15/2024/TT-BKHĐT", "dan_chieu", False, [])]),
    # OCR: a law's name with a letter read as a digit, alone or glued ("Nhà ở", "Tố tụng").
    ("Điều 75. Sửa đổi, bổ sung một số điều của các luật có liên quan\n\n1. Sửa đổi, bổ sung một số điều của Luat Nha 6 "
     "sé 65/2014/QH13 da dugc sta doi;", Metadata(number="61/2020/QH14", type_code="L"), [("65/2014/QH13", "sua_doi", False, [])]),
    # OCR's marks: a period and a blank line inside the sentence ("kể từ ngày.\n\nký"), an item's
    # number read "4," for "4.".
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày.\n\nký, thay thế Quyết định số 1234/QĐ-TTPVHCC ngày 29/8/2025 "
     "của Giám đốc Trung tâm.", Metadata(number="1610/QĐ-TTPVHCC", type_code="QĐ"), [("1234/QĐ-TTPVHCC", "thay_the", False, [])]),
    ("3. Sửa đổi khoản 1 Điều 2;\n4, Thay thế: Mẫu số 04, Mẫu số 06 Phụ lục I ban hành kèm theo Thông tư số "
     "21/2021/TT-BLĐTBXH bằng Mẫu số 04, Mẫu số 06 Phụ lục I ban hành kèm theo Thông tư này;",
     Metadata(number="09/2026/TT-BNV", type_code="TT"), [("21/2021/TT-BLĐTBXH", "thay_the", True, ["Phụ lục I"])]),
    # A consolidated text's note inside the clause is not the clause's ("bởi", its period), and a
    # quotation OCR closed with "’" ends there.
    ("2. Sửa đổi, bổ sung một số điều của [Khoản này hết hiệu lực bởi Khoản 2 Điều 82.\nLuật Kinh doanh bất động sản "
     "2023 có hiệu lực từ ngày 01/08/2024] Luật Kinh doanh bất động sản số 66/2014/QH13 như sau:",
     Metadata(number="61/2020/QH14", type_code="L"), [("66/2014/QH13", "sua_doi", False, [])]),
    ("1. Sửa đổi khoản 2 Điều 50 của Luật Công nghệ thông tin số 67/2006/QH11 như sau:\n\n“2. Bộ Thông tin và Truyền "
     "thông công bố danh mục sản phẩm công nghệ thông tin.’\n\n2. Sửa đổi, bổ sung một số điều của Luật Tổ chức chính "
     "quyền địa phương số 77/2015/QH13 như sau:\n\na) Bãi bỏ điểm g khoản 3 Điều 19;\n\nb) Sửa đổi, bổ sung điểm a "
     "khoản 2 Điều 128 như sau: a.\n\n“a) Phù hợp với các quy hoạch có liên quan đã được cấp có thẩm quyền quyết định "
     "hoặc phê duyệt; và bảo đảm các yêu cầu khác theo quy định của pháp luật về quy hoạch, đầu tư, xây dựng và đất đai "
     "tại địa phương, trong thời hạn và theo trình tự mà Chính phủ quy định chi tiết;”.",
     Metadata(number="28/2018/QH14", type_code="L"),
     [("67/2006/QH11", "sua_doi", False, ["khoản 2 Điều 50"]), ("77/2015/QH13", "sua_doi", False, [])]),
    ("Bãi bỏ, sửa đổi, bổ sung một số điều của Luật Tài nguyên nước số 17/2012/QH13 như sau:",
     Metadata(number="72/2020/QH14", type_code="L"), [("17/2012/QH13", "sua_doi", False, [])]),
    # ... and one whose "]" OCR read as ")" after the date it takes effect.
    ("7. Sửa đổi, bổ sung một số điều của [Khoản này hết hiệu lực bởi Khoản 2 Điều 72\nLuật Viễn thông 2023 có hiệu "
     "lực từ ngày 01/07/2024) Luật Viễn thông số 41/2009/QH12\nnhư sau:", Metadata(number="64/2020/QH14", type_code="L"),
     [("41/2009/QH12", "sua_doi", False, [])]),
    # "ban hành kèm theo" names the document the parts belong to, with a scan's blank line or
    # speck inside it too (not "theo" of a reference: "Bổ sung ... theo Nghị quyết ...").
    ("1. Bãi bỏ các Mẫu số 1A, Mẫu số 1B, Mẫu số 05 ban hành kèm\n\ntheo Thông tư liên tịch số "
     "08/2012/TTLT-BLĐTBXH-BNV-BTC ngày 16 tháng 4 năm 2012", Metadata(number="08/2023/TT-BLĐTBXH", type_code="TT"),
     [("08/2012/TTLT-BLĐTBXH-BNV-BTC", "bai_bo", True, [])]),
    ("d) Ví dụ về việc áp dụng phương pháp thặng dư tại Phụ lục III ban hành kèm °\ntheo Nghị định số 12/2024/NĐ-CP "
     "hết hiệu lực kể từ ngày ký Nghị định này;", Metadata(number="71/2024/NĐ-CP", type_code="NĐ"),
     [("12/2024/NĐ-CP", "thay_the", True, ["Phụ lục III"])]),
    # An item lettered "A." (OCR's "a)") after a table's rule starts its clause.
    ("36 | Dịch vụ vận chuyển hành khách | Ủy ban nhân dân cấp tỉnh định giá cụ thể\n\n--- | --- | ---\n\nA. Sửa đổi, "
     "bổ sung một số khoản của Điều 209 của Luật Đất đai số 31/2024/QH15 như sau:", Metadata(number="95/2025/QH15", type_code="L"),
     [("31/2024/QH15", "sua_doi", False, ["Điều 209"])]),
    # "sửa đổi, bổ sung" as OCR writes it when the restorer could not read it back.
    ("THONG TU\nSia di, bé sung m6t s6 diéu cia Thong tv s6 13/2015/TT-BTC ngay 30 thang 01 nam 2015",
     Metadata(number="06/2026/TT-BTC", type_code="TT"), [("13/2015/TT-BTC", "sua_doi", False, [])]),
    ("3. BG sung, thay thé mot s6 biéu mau tai Phy luc ban hanh kem theo Nghi dinh s6 124/2020/ND-CP",
     Metadata(number="155/2026/NĐ-CP", type_code="NĐ"), [("124/2020/NĐ-CP", "sua_doi", False, [])]),
    # A merged header: the heading after the place and date on one line still starts the title.
    ("QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 76/2025/QH15\nHà Nội, ngày 17 tháng 6 năm 2025 LUẬT SỬA "
     "ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT DOANH NGHIỆP SỐ 59/2020/QH14\nCăn cứ Hiến pháp;",
     Metadata(number="76/2025/QH15", type_code="L"), [("59/2020/QH14", "sua_doi", False, [])]),
    # Said nowhere: a mention.
    ("Đối tượng bảo trợ xã hội theo quy định tại Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ.",
     PROVINCE, [("20/2021/NĐ-CP", "dan_chieu", False, [])]),
])
def test_relation_kinds(text, meta, expected):
    assert read(text, meta) == expected


@pytest.mark.parametrize("text, number", [    # "Căn cứ" as OCR writes it, before a law, a decree, a number.
    ("Can cv’ Luat Dat dai s6 31/2024/QH15;", "31/2024/QH15"),
    ("C&n civ Nghi dinh s6 08/2015/ND-CP ngay 21/01/2015 cua Chinh phu;", "08/2015/NĐ-CP"),
    ("Canc? Quyét dinh s6 4255/QD-BNN-KHCN ngay 17/10/2017;", "4255/QĐ-BNN-KHCN"),
    # A mark alone between the verb's words, or between "số" and the number, parts nothing.
    ("Can ;\n\ncir Thong tu s6 38/2015/TT-BTC ngay 25/3/2015 cua Bo Tai chinh;", "38/2015/TT-BTC"),
    ("Can cir Nghi dinh so . ;\n\n45/2020/ND-CP ngay 08/4/2020 cua Chinh phu;", "45/2020/NĐ-CP"),
    ("Can cv Quyét dinh s6\n- 816/QD-UBND ngay 13/5/2025 cua UBND tinh;", "816/QĐ-UBND"),
    # A type's words joined by a period; a part's number after a stray mark.
    ("Can civ Nghi.quyét s6 76/2025/UBTVQH15 ngay 14/4/2025;", "76/2025/UBTVQH15"),
    ("Can ct? khoan .\n\n6 Diéu 1 Nghi dinh so 100/2016/ND-CP ngay 01/7/2016;", "100/2016/NĐ-CP"),
    ("Can cu diém ,\n\nc khoan 4 Diéu 9 Nghi dinh s6 123/2020/ND-CP ngay 19/10/2020;", "123/2020/NĐ-CP"),
])
def test_a_basis_line_as_ocr_writes_it(text, number):
    """The OCR text is read beside its reading: its own forms of "Căn cứ" are verbs there."""
    assert read(text) == [(number, "can_cu", False, [])]


def test_stray_quote_marks_around_basis_lines_are_no_quotation():
    """Two marks a scan left around a line that ends with ";" do not hide the next basis line
    as quoted text."""
    text = ("Can cv Quyét dinh s6 3068/QD-UBND vé “danh muc thi tuc hanh chinh thuéc pham vi quan ly cla So;\n"
            "Can ct? Quyét dinh s6\n3280/QD-UBND ngay 21/10/2025 vé viéc cong bo\" thu tuc;")
    assert [k for _, k, _, _ in read(text)] == ["can_cu", "can_cu"]


def test_a_repeal_whose_words_a_mark_parts():
    text = ("Diéu 1. Bai .\n\nbé toan bO cac van ban sau:\n1. Quyét dinh sé 104/2000/QD-TTg ngay 25 thang 8 nam 2000;\n"
            "2. Quyét dinh s6 63/2002/QD-TTg ngay 20/5/2002.")
    assert [k for _, k, _, _ in read(text, Metadata(number="12/2026/QĐ-TTg", type_code="QĐ"))] == ["bai_bo", "bai_bo"]


UNIT = Metadata(number="55/2025/QĐ-UBND", type_code="QĐ")


@pytest.mark.parametrize("text, expected", [
    # "a)." for "a)": the item of the list the replaced documents open.
    ("2. Cac Quyét dinh sau day hét hiéu luc ké tir ngay Quyét dinh nay co hiéu luc thi hanh:\n"
     "a). Quyét dinh sé 12/2018/QD-UBND ngay 16 thang 5 nam 2018;\nb). Quyét dinh s6 27/2022/QD-UBND ngay 29 thang 9 nam 2022.",
     ["thay_the", "thay_the"]),
    # A ";" standing alone before a lower-case word is a speck: the title's "triển khai thực hiện" is no verb.
    ("Diéu 2. Quyét dinh nay co hiéu luc ké tir ngay ky. Thay thé Quyét dinh so 3089/QD-UBND ngay 24/8/2021 vé ban hanh "
     "Ké hoach ;\n\ntrién khai thuc hién Dé an phong chong thién tai;\n\nQuyét dinh s6 1397/QD-UBND ngay 08/6/2022.",
     ["thay_the", "thay_the"]),
    # A type's words joined by a hyphen; "s6" for "số" starting the next item of a list.
    ("Diéu 3. Bai bo cac Quyét dinh sau:\n1. Quyét dinh s6 12/2013/QD-UBND ngay 13/9/2013.\n2. Quyét-dinh sé\n\n"
     "40/2013/QD-UBND ngay 13/9/2013.", ["bai_bo", "bai_bo"]),
    ("Diéu 3. Thay thé Quyét dinh s6 23/2016/QD-UBND ngay 05 thang 8 nam 2016; s6 48/2023/QD-UBND ngay 08/12/2023.",
     ["thay_the", "thay_the"]),
    # A colon before a line that goes on in lower case is OCR's: the sentence goes on.
    ("Thuc hién Nghi quyét s6 68-NQ/TW ngay 04/5/2025 cua Bo Chinh tri vé phat trién kinh té tu nhan:\n"
     "va Nghi quyét s6 198/2025/QH15 ngay 17/5/2025 cua Quoc hoi, Uy ban nhan dan tinh ban hanh Ké hoach.",
     ["thuc_hien", "thuc_hien"]),
])
def test_a_list_of_acts_as_ocr_writes_it(text, expected):
    assert [k for _, k, _, _ in read(text, UNIT)] == expected


@pytest.mark.parametrize("text, expected", [
    # The enactment formula with OCR's hyphen: the law enacted amends the one it names.
    ("LUAT SUA DOI, BO SUNG MOT SO DIEU CUA LUAT XU LY VI PHAM HANH CHINH\n\n"
     "Can cw’ Hién phap nudc Cong hoa xa hdi chu nghia Viét Nam;\n\n"
     "Quéc héi ban hanh-Luat stra déi, b6 sung mét s6 diéu cua Luat Xtr ly vi pham hanh\n"
     "chinh s6 15/2012/QH13 da duoc sta ddi, b6 sung mot so dieu.\n", [("15/2012/QH13", "sua_doi")]),
    # "bai bé" for "bãi bỏ", which the restorer read as "bởi bộ": the OCR's own form is the verb.
    ("Diéu 2. Diéu khoan thi hanh\n\n1. Théng tu nay c6 hiéu luc thi hanh ké tw ngay 15 thang 5 nam 2022.\n\n"
     "2. Ké tir ngay Thong tu nay co hiéu lc, bai bé Thong tu s6 02/2019/TT-BLDTBXH ngay 08 thang 01 nam 2019 "
     "cua Bo Lao dong.\n", [("02/2019/TT-BLĐTBXH", "bai_bo")]),
])
def test_an_act_as_ocr_writes_it(text, expected):
    from indexer.extract.document import document_from_text

    doc = document_from_text("ocr.txt", "ocr.txt", text)
    assert doc.reading is not None
    assert [(c.number, c.relation) for c in doc.citations] == expected


def test_ocr_sentence_is_read_on_its_reading():
    """"Can cv", "Stra doi": the OCR text alone says nothing; its restored reading does, and
    the OCR letters agree with the words that decided."""
    from indexer.extract.document import document_from_text

    text = ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\nTINH BINH PHUOC Doc lap - Tu do - Hanh phuc\n"
            "S6: 61/2025/QD-UBND Binh Phuoc, ngay 25 thang 11 nam 2025\nQUYET DINH\n"
            "Ve viéc bai bé Quyét dinh s6 07/2019/QD-UBND\n\n"
            "Can cv Luat T6 chirc chinh quyén dia phuong ngay 19 thang 6 nam 2015;\n"
            "Can cv Nghi dinh s6 30/2020/ND-CP ngay 05 thang 3 nam 2020 cua Chinh phu;\n"
            "QUYET DINH:\nDiéu 1. Stra doi khoan 2 Diéu 5 Quyét dinh s6 18/2021/QD-UBND ngay 02/6/2021 cta UBND tinh.\n")
    doc = document_from_text("ocr.txt", "ocr.txt", text)
    assert doc.reading is not None
    assert [(c.number, c.relation, c.articles) for c in doc.citations] == [
        ("07/2019/QĐ-UBND", "bai_bo", []), ("30/2020/NĐ-CP", "can_cu", []), ("18/2021/QĐ-UBND", "sua_doi", ["khoản 2 Điều 5"]),
    ]
