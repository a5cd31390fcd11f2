"""Vietnamese personal names as the language model should know them.

The corpus has few signatures, so "Vu Van Trung" read "Vũ Vân Trung": the
model had seen "vũ vân" (a place) more than "vũ văn".  Every common surname
followed by every common middle name, as short sentences, teaches that a
surname is usually followed by Văn, Thị, Đức ... and those by a given name.  Domain knowledge as data:
the commonest surnames and middle names of the Vietnamese civil registry.
"""

SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh "
    "Trương Đinh Lâm Phùng Mai Tô Hà Tạ Lưu Chu Cao Lương Thái Quách Kiều Hứa Triệu Châu"
).split()
MIDDLE_NAMES = (
    "Văn Thị Hữu Đức Minh Ngọc Thanh Quang Xuân Hồng Kim Công Đình Trọng Quốc Thành Hoàng Anh "
    "Thu Thùy Mạnh Tuấn Hải Bá Duy Tiến Viết Như Khánh Phương"
).split()


GIVEN_NAMES = (
    "An Anh Bình Chi Chiến Cường Dũng Dung Duy Giang Hà Hải Hạnh Hiền Hiếu Hòa Hoa Hùng Hưng Hương Huy Khánh "
    "Lan Linh Long Mai Minh Nam Nga Ngọc Nhung Phong Phúc Phương Quân Quang Sơn Tâm Thắng Thành Thảo Thu Thủy "
    "Tiến Toàn Trang Trung Tú Tuấn Tùng Vân Việt Vinh Yến"
).split()


def name_phrases() -> list[str]:
    """"Vũ Văn", "Văn Trung", ...: every surname with every middle name, every
    middle name with every given name."""
    return [f"{s} {m}" for s in SURNAMES for m in MIDDLE_NAMES] + [f"{m} {g}" for m in MIDDLE_NAMES for g in GIVEN_NAMES]
