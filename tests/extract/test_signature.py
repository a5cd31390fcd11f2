import pytest

from indexer.extract.signature import find_recipients, find_signer

_BODY = "Quyet dinh nay co hieu luc ke tu ngay ky./.\n\n"


@pytest.mark.parametrize(
    "tail, expected",
    [
        # The signer's title shares the "Nơi nhận" line; the list ends at "Lưu".
        ("Noi nhan: - KT. CHU TICH\n - Bo Noi vu;\n\n- TT. Tinh uy;\n- Luu: VT, NV (V-10b).\n\nPHO CHU TICH\n\n. Dao My\n",
         ["Bo Noi vu", "TT. Tinh uy", "Luu: VT, NV (V-10b)"]),
        # Wrapped items, blank lines between, joined to their item; "Huy" after "Lưu" is not taken.
        ("Noi nhan:\n- UBMTTQ Viet Nam tinh, cac Hoi, doan\nthe tinh;\n\n- Cac so, ban, nganh, GD& DBT,\n\nYT, Noi vu;\n"
         "- Luu: VT.\nHuy (23 ban)\n", ["UBMTTQ Viet Nam tinh, cac Hoi, doan the tinh", "Cac so, ban, nganh, GD& DBT, YT, Noi vu", "Luu: VT"]),
        # A lower-case line carries the item on even after a stray ";".
        ("Noi nhan:\n- Cuc Kiem tra van ban va Quan ly xu ly vi ;\n\npham hanh chinh - Bo Tu phap;\n- Luu: VT.\n",
         ["Cuc Kiem tra van ban va Quan ly xu ly vi pham hanh chinh - Bo Tu phap", "Luu: VT"]),
        # Stray marks before the dash, "+", "•", doubled dashes.
        ("Noi nhan:\n_- Cac co quan tham muu;\n_ + Nhu khoan 2 Dieu 5;\n• So Tu phap;\n-- Ban Kinh te;\n- - Nhu Dieu 2;\n'- Luu: VT.\n",
         ["Cac co quan tham muu", "Nhu khoan 2 Dieu 5", "So Tu phap", "Ban Kinh te", "Nhu Dieu 2", "Luu: VT"]),
        # The signature column after a ";": titles and the name go, "(Báo cáo)" stays.
        ("Noi nhan: TM. UY BAN NHAN DAN\n- Nhu Dieu 5; KT. CHU TICH\n- Bo Noi vu (Bao cao); . PHO CHU TICH\n"
         "- Chinh phu; Phung Thi Hong Ha\n- Bo Tai chinh; (Bao\ncao)\n- Thuong truc HDND tinh; - .\n- Luu: VT.\n",
         ["Nhu Dieu 5", "Bo Noi vu (Bao cao)", "Chinh phu", "Bo Tai chinh; (Bao cao)", "Thuong truc HDND tinh", "Luu: VT"]),
        # The signer's name run into a wrapped item is cut; a recipient named in full is kept.
        ("Noi nhan:\n- Cuc Kiem tra van ban xu ly vi Truong Cong Thai\n\npham hanh chinh;\n- PCT UBND tinh Truong Cong Thai;\n"
         "- Luu: VT.\n", ["Cuc Kiem tra van ban xu ly vi pham hanh chinh", "PCT UBND tinh Truong Cong Thai", "Luu: VT"]),
        # The signer's given names on an item line ("Bùi" two items above).
        ("Noi nhan: KT. CHU TICH\n- Nhu tren; PHO CHU TICH\n- TTUB: CT, cac PCT; Bui\n\n- VPUB: CVP, cac PVP;\n\n"
         "- Phong Do thi, TTHCC; Xuan Cuong\n\n- Luu: VT.\n", ["Nhu tren", "TTUB: CT, cac PCT", "VPUB: CVP, cac PVP", "Phong Do thi, TTHCC", "Luu: VT"]),
        # A "VP: ...;" item wraps onto a line of its own.
        ("Noi nhan:\n- VPUB: cac PCVP, NC, KT, KGVX, TH;\nTrung tam TT, DL va CNS TPHN;\n- Luu: VT.\n",
         ["VPUB: cac PCVP, NC, KT, KGVX, TH; Trung tam TT, DL va CNS TPHN", "Luu: VT"]),
        # "Nơi nhận" read as "Noinhan" after a stray mark.
        ('"Noinhan: .— - CHU TICH\n- Nhu Dieu 5;\n- Luu: VT.-\n', ["Nhu Dieu 5", "Luu: VT"]),
        # A name after ";" may spell a province ("Thanh Hóa"); ">" and "=" read for the dash; specks after ";".
        ("Noi nhan: KT. GIAM DOC\n_ > TT HDND huyen;\n- MTTQ va cac doan the xa; Trinh Thanh Hoa\n- TT Tinh uy; ee\n"
         "= Luu: VT.\n", ["TT HDND huyen", "MTTQ va cac doan the xa", "TT Tinh uy", "Luu: VT"]),
        # The first item lost its dash; "Nơi nhận" with a speck read as a letter.
        ("Noi i nhan: KT. CHANH VAN PHONG\nTT Tinh uy; PHO CHANH VAN PHONG\n- Dang uy xa;\n- Luu: VT, TH.\n",
         ["TT Tinh uy", "Dang uy xa", "Luu: VT, TH"]),
        # No signer found: nothing is cut but the specks and titles.
        ("Noi nhan:\n- Bo Noi vu; (b/c)\n- So Tu phap; PHO GIAM DOC\n- Luu: VT.\n", ["Bo Noi vu; (b/c)", "So Tu phap", "Luu: VT"]),
        # "Lưu" is closed once the signer's name after it is set aside; "_" for the dash before a capital.
        ("Noi nhan:\n- Chu tich, cac PCT UBND xa;\n_UBMTTQ va cac doan the xa;\n- Luu: VT. Pham Thuy Luan\n\n"
         "Uy ban nhan dan thi xa da ky len van ban nay!\n", ["Chu tich, cac PCT UBND xa", "UBMTTQ va cac doan the xa", "Luu: VT"]),
        ("Noi nhan:\n\nCHU TICH\n\nNguyen Van A\n", []),
        ("Khong co danh sach.\n", []),
    ],
)
def test_find_recipients(tail, expected):
    assert find_recipients(_BODY + tail) == expected


@pytest.mark.parametrize(
    "tail, signer",
    [
        ("Noi nhan:\n- Nhu tren;\n- Luu: VT.\nPHO CHU TICH\n\n. Dao. My\n", "Dao My"),
        # Ô read as 6 inside the name.
        ("Noi nhan:\n- Nhu Dieu 5; TM. UY BAN NHAN DAN\n- Bo Tu phap; CHU TICH\n- HDND tinh; V6 Tan Ditc\n- Luu: VT.\n", "Vo Tan Ditc"),
        # The surname ends one line, the given names another, blank lines between.
        ("Noi nhan: KT. CHU TICH\n- Nhu tren; PHO CHU TICH\n- TTUB: CT, cac PCT; Bui\n\n- VPUB: CVP;\n\n- Phong Do thi; Xuan Cudng\n\n- Luu: VT.",
         "Bui Xuan Cudng"),
        # "Đảng" + "Bắc Ninh;" and "Thái" + "Đắk Lắk;" are items, not a name.
        ("Noi nhan: KT. GIAM DOC\n- Nhu Dieu 5; PHO GIAM DOC\n- Bo Xay dung; Pham Van Thinh\n- Van phong Tinh uy, cac Ban cua Dang;\n"
         "- Uy ban MTTQ Viet Nam tinh\nBac Ninh;\n- Luu: VT.\n", "Pham Van Thinh"),
        ("Noi nhan:\n- Thuong truc Tinh uy; oo Truong Cong Thai\n- Thuong truc HDND tinh;\n- Uy ban MTTQ tinh\nDak Lak;\n- Luu: VT.\n",
         "Truong Cong Thai"),
        ("Noi nhan:\n- MTTQ va cac doan the xa; Trinh Thanh Hoa\n- Luu: VT.\n", "Trinh Thanh Hoa"),
        ("Noi nhan:\n- Trung tam Van hoa; , _Lam Xuan Huong\n- Luu: VT.\n", "Lam Xuan Huong"),
        ("Noi nhan:\n- So Noi vu;\n- Luu: VT, TH. Doan Ngoc Vinh —\n", "Doan Ngoc Vinh"),
        # A recipient named in full ends with ";": the signer is below.
        ("Noi nhan:\n- Nhu tren;\n- Thu truong Phung Duc Tien;\n- Luu: VT.\nBO TRUONG\n", None),
    ],
)
def test_find_signer(tail, signer):
    assert find_signer(tail) == signer
