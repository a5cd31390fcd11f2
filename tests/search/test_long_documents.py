"""A long document is shown a section at a time, in the page, the API and the browser."""

from __future__ import annotations

import re


from indexer.index.chunks import CHUNK_CHARS, SECTION_CHUNKS
from searchapp import create_app

HEADER = "ỦY BAN NHÂN DÂN\nXÃ HƯƠNG LONG\nSố: 12/BC-UBND Hương Long, ngày 11 tháng 12 năm 2023\nBÁO CÁO\nKết quả năm 2023\n\n"
FILLER = "Tiếp tục triển khai các nhiệm vụ của địa phương theo kế hoạch đã đề ra.\n"
SECTION = CHUNK_CHARS * SECTION_CHUNKS  # characters in a section, about


def long_text() -> str:
    """About four sections; "chuyển đổi" twice in the first, once in the third, nowhere else."""
    lines = SECTION // len(FILLER)
    half, third = FILLER * (lines // 2), FILLER * (lines // 3)
    return (HEADER + "Đẩy mạnh chuyển đổi số.\n" + half + "Chuyển đổi số tiếp.\n" + half
            + FILLER * lines + third + "Hoàn thành chuyển đổi số.\n" + FILLER * (lines - lines // 3))


def FILES() -> dict:  # the archive of module_archive and module_server
    return {"long.txt": long_text(), "short.txt": HEADER + "Một báo cáo ngắn.\n"}


def test_the_api_gives_one_section_and_where_the_matches_are(module_archive):
    src, index_dir = module_archive
    client = create_app({"INDEX_DIR": str(index_dir), "SOURCE_DIR": str(src), "TESTING": True}).test_client()
    first = client.get("/api/documents/long.txt?q=chuyển+đổi").get_json()
    # "chuyển đổi" standing together is one match, as a reader reads it: twice here,
    # once in the third section (counted from positions, no text read).
    assert (first["section"], first["sections"], first["match_count"]) == (1, 4, 2)
    assert [first["text"][a:b] for a, b in first["marks"]] == ["chuyển đổi", "Chuyển đổi"]
    assert first["section_matches"] == [2, 0, 1, 0]
    second = client.get("/api/documents/long.txt?part=2").get_json()
    assert second["section_start"] > 0 and second["text"] and second["text"] not in first["text"]
    whole = "".join(client.get(f"/api/documents/long.txt?part={n}").get_json()["text"] for n in range(1, 5))
    assert whole == long_text()
    assert client.get("/api/documents/long.txt?part=99").get_json()["section"] == 4  # past the end: the last
    assert client.get("/api/documents/long.txt?part=0").status_code == 400
    short = client.get("/api/documents/short.txt").get_json()
    assert (short["sections"], short["text"]) == (1, HEADER + "Một báo cáo ngắn.\n")


def test_the_search_snippet_comes_from_the_part_with_the_words(module_archive):
    src, index_dir = module_archive
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    hit = client.get("/api/search?q=hoàn+thành+chuyển+đổi+số").get_json()["hits"][0]
    assert hit["id"] == "long.txt"
    assert [p["text"][a:b] for p in hit["passages"] for a, b in p["marks"]] == ["Hoàn thành chuyển đổi số"]


def test_next_match_goes_on_to_the_next_section_with_matches(page, module_server):
    page.goto(module_server + "/documents/long.txt?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i")
    assert page.locator(".part-position").inner_text() == "Phần 1 / 4"
    assert page.locator(".part-hits a").all_inner_texts() == ["1 (2)", "3 (1)"]
    for _ in range(2):
        page.keyboard.press("n")
    assert page.locator(".hitnav .position").inner_text() == "Chỗ khớp 2 / 2"
    with page.expect_navigation():
        page.keyboard.press("n")  # past the last match here: section 3, skipping 2 that has none
    assert re.search(r"part=3#hit-1$", page.url)
    assert page.locator(".part-position").inner_text() == "Phần 3 / 4"
    assert page.locator("mark.current").inner_text() == "chuyển đổi"
    with page.expect_navigation():
        page.keyboard.press("p")  # before the first: back to the last match of section 1
    assert re.search(r"part=1#hit-2$", page.url)  # landed on #hit-end: the last match, named
    assert page.locator(".hitnav .position").inner_text() == "Chỗ khớp 2 / 2"
