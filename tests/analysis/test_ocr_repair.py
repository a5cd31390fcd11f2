"""The OCR repairer on spellings from the real seed documents."""

from __future__ import annotations

import gzip
import json

import pytest

from indexer.analysis.ocr_repair import DEFAULT_MODEL, Repairer
from indexer.analysis.syllables import is_syllable_shaped


# (OCR token as folded from the seeds, what it most likely was)
SEED_SPELLINGS = [
    ("s6", "so"),  # số
    ("sb", "so"),
    ("dugc", "duoc"),  # được
    ("duogc", "duoc"),
    ("ciia", "cua"),  # của
    ("ctia", "cua"),
    ("cta", "cua"),
    ("x4", "xa"),  # xã
    ("x3", "xa"),
    ("nim", "nam"),  # năm
    ("ndm", "nam"),
    ("1a", "la"),  # là
    ("c6", "co"),  # có
    ("thj", "thi"),  # thị
    ("vin", "van"),  # văn
    ("pong", "dong"),  # Đồng (Tháp)
    ("ho1", "hoi"),  # hội
    ("cachhanh", "cach hanh"),  # cách hành, merged
    ("chinhnam", "chinh nam"),
    ("congbd", "cong bo"),
]


@pytest.mark.parametrize("token, expected", SEED_SPELLINGS)
def test_seed_spelling_is_repaired_first(repairer, token, expected):
    assert repairer.repair([token])[0][0] == expected


# Good syllables, digits and abbreviations keep no alternatives; so does a
# word that OCR often makes of another ("thu" for "thực") when nothing around
# it tells which (a query word).
UNTOUCHED = ["ket", "luan", "hanh", "cua", "so", "nam", "xa", "co", "la", "dong", "thi",
             "2023", "12", "6", "ubnd", "cchc", "thu", "vung", "chung", "de", "to"]


@pytest.mark.parametrize("token", UNTOUCHED)
def test_good_token_is_not_repaired(repairer, token):
    assert repairer.repair([token]) == [[]]


def test_repair_keeps_one_answer_per_token(repairer):
    tokens = ["ket", "luan", "s6", "12"]
    assert repairer.repair(tokens) == [[], [], ["so"], []]


# A lone "6" is "ở"/"ô" only next to words seen with that reading.
@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["bi", "6", "nhiem"], [[], ["o"], []]),  # bị ô nhiễm
        (["xe", "6", "to"], [[], ["o"], []]),  # xe ô tô
        (["dieu", "6", "khoan"], [[], [], []]),  # Điều 6
        (["ngay", "6", "thang"], [[], [], []]),
        (["6"], [[]]),
        (["phu", "luc", "1"], [[], [], ["i"]]),  # Phụ lục I at the end of its line
        (["muc", "1"], [[], []]),  # Mục 1
    ],
)
def test_lone_digit_depends_on_neighbours(repairer, tokens, expected):
    assert repairer.repair(tokens) == expected


# A form that is also a real syllable (or has several readings) is settled by
# its neighbours, with the clean corpus's bigrams.
@pytest.mark.parametrize(
    "tokens, expected",
    [
        (["thu", "hien"], [["thuc"], []]),  # thực hiện
        (["thu", "tuc"], [[], []]),  # thủ tục, read right
        (["kho", "khan", "vung", "mac"], [[], [], ["vuong"], []]),  # khó khăn vướng mắc
        (["chung", "il", "quy"], [["chuong"], ["ii"], []]),  # Chương II QUY ĐỊNH
        (["chung", "tu"], [[], []]),  # chứng từ
        (["te", "trinh"], [["to"], []]),  # tờ trình
        (["to", "trinh"], [[], []]),
        (["phi", "hop"], [["phu"], []]),  # phù hợp
        (["gidi", "quyet"], [["giai"], []]),  # giải quyết
        (["gidi", "thieu"], [["gioi"], []]),  # giới thiệu
        (["poc", "lap"], [["doc"], []]),  # Độc lập: Đ read "P" in the real scans only
    ],
)
def test_neighbours_settle_confusable_forms(repairer, tokens, expected):
    assert repairer.repair(tokens) == expected


def test_repair_of_nothing_is_nothing(repairer):
    assert repairer.repair([]) == []


@pytest.mark.parametrize(
    "syllable, form",
    [("so", "s6"), ("cua", "ciia"), ("la", "1a"), ("xa", "x4"), ("giai", "gidi"), ("gioi", "gidi"), ("doc", "poc")],
)
def test_variants_lists_ocr_forms(repairer, syllable, form):
    assert form in repairer.variants(syllable)


@pytest.mark.parametrize("syllable, form", [("vuong", "vung"), ("thuc", "thu"), ("to", "te")])
def test_variants_leave_out_real_syllables(repairer, syllable, form):
    # Repaired in context only; marking each "vùng" for "vướng" would mislead.
    assert form not in repairer.variants(syllable)


def test_variants_of_unknown_syllable_is_empty(repairer):
    assert repairer.variants("zzz") == frozenset()


def test_alternatives_are_folded_syllables(repairer):
    for alts in repairer.repair(["s6", "ciia", "cachhanh", "ndm", "congbd"]):
        for alt in alts:
            assert all(is_syllable_shaped(s) for s in alt.split(" ")), alt


def test_load_is_cached_per_path(repairer):
    assert Repairer.load() is repairer
    assert Repairer.load(DEFAULT_MODEL) is repairer


def test_shipped_model_carries_its_content_hash():
    # The build script writes version = sha256 of the model without it.
    import hashlib

    with gzip.open(DEFAULT_MODEL, "rt", encoding="utf-8") as fh:
        model = json.load(fh)
    version = model.pop("version")
    body = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] == version


# -- the build script's pieces (scripts/build_ocr_model.py) -----------------

@pytest.mark.parametrize(
    "clean, ocr, expected",
    [
        ("Kết luận của UBND", "Két luan ciia UBND", [(0, "ket"), (1, "luan"), (2, "cua"), (3, "ubnd")]),
        ("cải cách hành chính năm", "cai cachhanh chinhnam", [(0, "cai"), (1, "cach hanh"), (2, "chinh nam")]),
        ("số 12", "s6 12", [(0, "so"), (1, "12")]),
    ],
)
def test_alignment_of_clean_and_ocr_tokens(model_script, clean, ocr, expected):
    assert model_script.align_positions(model_script.tokens(clean), model_script.tokens(ocr)) == expected


@pytest.mark.parametrize(
    "true, ocr, expected",
    [
        ("cua", "ciia", [("u", "ii")]),
        ("duoc", "dugc", [("o", "g")]),
        ("duoc", "duogc", [("o", "og")]),
        ("so", "s6", [("o", "6")]),
        ("nam", "nam", []),
    ],
)
def test_char_segments(model_script, true, ocr, expected):
    assert model_script.char_segments(true, ocr) == expected


def test_seed_candidates_include_a_letter_read_as_two(model_script):
    from ocrmodel.seeds import candidates

    assert {"nam", "nim", "niem"} <= candidates("niim")


@pytest.mark.parametrize(
    "base, extra, expected",
    [
        ({("o", "6"): 0.1}, {("o", "6"): 0.9, ("d", "p"): 0.01}, {("o", "6"): 0.1, ("d", "p"): 0.01}),
        ({}, {("d", "p"): 0.01}, {("d", "p"): 0.01}),
        ({("u", "ii"): 0.2}, {}, {("u", "ii"): 0.2}),
    ],
)
def test_seed_rules_only_add_unseen_spellings(model_script, base, extra, expected):
    assert model_script.merge_rules(base, extra) == expected


@pytest.mark.parametrize("form, expected", [("1", True), ("il", True), ("it", True), ("iii", True), ("1v", False), ("chuong", False)])
def test_roman_like_forms(model_script, form, expected):
    from ocrmodel.table import ROMAN_LIKE

    assert (ROMAN_LIKE.fullmatch(form) is not None) == expected


def test_confusions_list_the_form_first_and_need_evidence(model_script):
    from collections import Counter

    from ocrmodel.context import confusions

    observed = {"thu": Counter(thu=90, thuc=8, thue=1), "ciia": Counter(cua=5)}
    posts = {"thu": {"thu": 0.9, "thuc": 0.08, "thue": 0.01}, "ciia": {"cua": 1.0}}
    # "thue" seen once is noise; "ciia" is never itself, and the table's reading joins.
    assert confusions(observed, posts, {"ciia": ["cua"]}, {"thu", "thuc", "thue", "cua"}) == {
        "thu": [["thu", 0.9], ["thuc", 0.08]],
        "ciia": [["ciia", 0.0], ["cua", 1.0]],
    }


# Buckets pinned so a change of the split rule (which would leak benchmark
# documents into training) cannot go unnoticed.
@pytest.mark.parametrize(
    "doc_id, expected",
    [("tnt305-a49ef8a0da1f62dd", (90, True)), ("tnt305-f004d93b21e7fc5f", (42, False)), ("tnt305-62f25a030c183151", (73, False))],
)
def test_split_rule_is_stable(model_script, doc_id, expected):
    from ocr_split import bucket, is_held_out

    assert (bucket(doc_id), is_held_out(doc_id)) == expected


@pytest.mark.parametrize(
    "tok, truth, alts, expected",
    [
        ("cachhanh", "cach hanh", [], "merge"),
        ("ng", "duong", ["no"], "wrong"),
        ("thu", "thuc", [], "syllable"),
        ("56", "so", [], "bare"),
    ],
)
def test_eval_names_why_a_token_was_missed(model_script, repairer, tok, truth, alts, expected):
    from eval_ocr_repair import miss_kind

    assert miss_kind(repairer, tok, truth, alts) == expected
