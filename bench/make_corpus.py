"""Build a reproducible synthetic UBND archive of N documents for benchmarks.

    .venv/bin/python bench/make_corpus.py 10000 /work/benchdata/c10k

How a document is made (everything drawn from ``random.Random(f"{seed}:{i}")``,
so document i is the same in every corpus size and a 1k corpus is the first
1k documents of the 10k one):

- 75 % "clean" documents: a generated UBND header (issuing body, motto,
  ``Số: 27/KH-UBND``, place and date, type heading, trích yếu) followed by
  "Căn cứ Quyết định số ... ngày ... của ..." lines (1-4 citations, half of
  them to numbers other documents of the archive carry) and 4-40 paragraphs
  cut from random documents of legal-clean-dev.jsonl, then a signature block.
- 25 % "OCR" documents: the simulated OCR output of one ocr-sim pair (its own
  garbled header included), cut at a paragraph end to the drawn length, with
  1-3 OCR'd paragraphs of other pairs appended.
- Lengths are drawn log-normal around 4,000 characters (2-3 typed pages),
  capped at 40,000; 5 % of the files are written as simple HTML.

Files go to ``<out>/<unit>/<year>/<i>.txt``; ``<out>.json`` lists the numbers,
titles and OCR words used, so query benchmarks can ask for what exists.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")

UNITS = [
    ("TỈNH BÌNH PHƯỚC", "THỊ XÃ PHƯỚC LONG", "Phước Long"),
    ("TỈNH BÌNH PHƯỚC", "HUYỆN BÙ GIA MẬP", "Bù Gia Mập"),
    ("TỈNH ĐẮK LẮK", "THÀNH PHỐ BUÔN MA THUỘT", "Buôn Ma Thuột"),
    ("TỈNH ĐẮK LẮK", None, "Đắk Lắk"),
    ("TỈNH QUẢNG NAM", "HUYỆN ĐẠI LỘC", "Đại Lộc"),
    ("TỈNH NGHỆ AN", "HUYỆN NGHI LỘC", "Nghi Lộc"),
    ("TỈNH NGHỆ AN", None, "Nghệ An"),
    ("TỈNH THANH HÓA", "THỊ XÃ NGHI SƠN", "Nghi Sơn"),
    ("TỈNH LÂM ĐỒNG", "THÀNH PHỐ ĐÀ LẠT", "Đà Lạt"),
    ("TỈNH AN GIANG", "HUYỆN CHÂU PHÚ", "Châu Phú"),
    ("TỈNH HÀ TĨNH", "HUYỆN HƯƠNG KHÊ", "Hương Khê"),
    ("TỈNH BÌNH DƯƠNG", "THÀNH PHỐ THỦ DẦU MỘT", "Thủ Dầu Một"),
]
TYPES = [  # (code, heading, weight)
    ("KH", "KẾ HOẠCH", 25), ("BC", "BÁO CÁO", 25), ("QĐ", "QUYẾT ĐỊNH", 20),
    ("TB", "THÔNG BÁO", 10), ("CV", None, 15), ("CT", "CHỈ THỊ", 5),
]
TOPICS = [
    "cải cách hành chính", "phòng, chống dịch bệnh", "chuyển đổi số", "phòng chống thiên tai",
    "xây dựng nông thôn mới", "công tác dân tộc", "an toàn giao thông", "quản lý đất đai",
    "bảo vệ môi trường", "giảm nghèo bền vững", "thi đua khen thưởng", "phổ biến giáo dục pháp luật",
]
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Minh Đức", "Hoàng Thị Hà", "Võ Văn Lâm"]
MEDIAN_CHARS, MAX_CHARS = 4000, 40000


def load_sources() -> tuple[list[str], list[list[str]]]:
    """Paragraphs of the clean documents, and the OCR'd texts as paragraph lists."""
    paragraphs = []
    with open(DATA / "legal-clean-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            for p in json.loads(line)["text"].split("\n\n"):
                p = p.strip()
                if 80 <= len(p) <= 1500 and not p.isupper():
                    paragraphs.append(p)
    ocr = []
    with open(DATA / "ocr-sim" / "pairs.jsonl", encoding="utf-8") as f:
        for line in f:
            ocr.append([p for p in json.loads(line)["ocr"].split("\n\n") if p.strip()])
    return paragraphs, ocr


def _number(rng: random.Random, code: str, year: int) -> str:
    suffix = "UBND" if code != "CV" else rng.choice(["UBND", "UBND-VP", "UBND-KT"])
    return f"{rng.randint(1, 2999)}/{code}-{suffix}" if code != "CV" else f"{rng.randint(1, 2999)}/{suffix}"


def _citations(rng: random.Random, year: int) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 4)):
        y = rng.randint(year - 3, year)
        # A narrow number range for half of them, so many documents cite the same decision.
        n = rng.randint(1, 60) if rng.random() < 0.5 else rng.randint(61, 2999)
        prov = rng.choice(UNITS)[0].title().replace("Tỉnh", "tỉnh")
        lines.append(
            f"Căn cứ Quyết định số {n}/QĐ-UBND ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{y} "
            f"của UBND {prov} về việc {rng.choice(TOPICS)};"
        )
    return lines


def clean_document(rng: random.Random, paragraphs: list[str], length: int) -> tuple[str, dict]:
    province, district, place = rng.choice(UNITS)
    code, heading, _ = rng.choices(TYPES, weights=[t[2] for t in TYPES])[0]
    year = rng.randint(2019, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    number = _number(rng, code, year)
    topic = rng.choice(TOPICS)
    title = f"Về việc triển khai công tác {topic} năm {year}"
    body = district or province
    header = [
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"{body}          Độc lập - Tự do - Hạnh phúc",
        "",
        f"Số: {number}          {place}, ngày {day:02d} tháng {month:02d} năm {year}",
        "",
    ]
    if heading:
        header += [heading, "", title.upper() if code == "QĐ" else title, ""]
    else:
        header += [f"V/v {title[7:]}", ""]
    parts = ["\n".join(header), "\n".join(_citations(rng, year))]
    size = sum(len(p) for p in parts)
    while size < length:
        p = rng.choice(paragraphs)
        parts.append(p)
        size += len(p) + 2
    parts.append(f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n{rng.choice(SIGNERS)}")
    info = {"number": number, "title": title, "year": year, "place": place, "kind": "clean"}
    return "\n\n".join(parts), info


def ocr_document(rng: random.Random, ocr: list[list[str]], length: int) -> tuple[str, dict]:
    first = rng.randrange(len(ocr))
    parts, size = [], 0
    for p in ocr[first]:
        if size >= length and len(parts) > 3:
            break
        parts.append(p)
        size += len(p) + 2
    for _ in range(rng.randint(1, 3)):
        other = ocr[rng.randrange(len(ocr))]
        parts.append(rng.choice(other))
    words = re.findall(r"[^\W\d_]{4,}", " ".join(parts[3:]))
    info = {"kind": "ocr", "pair": first, "ocr_word": rng.choice(words) if words else ""}
    return "\n\n".join(parts), info


def make_one(seed: int, i: int, paragraphs, ocr) -> tuple[str, str, dict]:
    rng = random.Random(f"{seed}:{i}")
    length = min(MAX_CHARS, int(rng.lognormvariate(0, 0.6) * MEDIAN_CHARS))
    if rng.random() < 0.25:
        text, info = ocr_document(rng, ocr, length)
        folder = "scan"
    else:
        text, info = clean_document(rng, paragraphs, length)
        folder = f"{info['place']}/{info['year']}"
    as_html = rng.random() < 0.05
    name = f"{folder}/{i:06d}.{'html' if as_html else 'txt'}"
    if as_html:
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n"))
        text = f"<!doctype html><html><head><title>{i}</title></head><body>\n{body}</body></html>\n"
    return name, text, info


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("out", type=Path, help="folder to write (must not exist)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.out.exists():
        sys.exit(f"{args.out} exists; remove it or choose another folder")
    started = time.perf_counter()
    paragraphs, ocr = load_sources()
    manifest = {"n": args.n, "seed": args.seed, "numbers": [], "titles": [], "ocr_words": [], "bytes": 0}
    for i in range(args.n):
        name, text, info = make_one(args.seed, i, paragraphs, ocr)
        path = args.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        manifest["bytes"] += len(data)
        if info["kind"] == "clean" and len(manifest["numbers"]) < 200:
            manifest["numbers"].append(info["number"])
            manifest["titles"].append(info["title"])
        elif info["kind"] == "ocr" and info["ocr_word"] and len(manifest["ocr_words"]) < 200:
            manifest["ocr_words"].append(info["ocr_word"])
    Path(f"{args.out}.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"$ {' '.join(sys.argv)}")
    print(f"wrote {args.n} documents, {manifest['bytes'] / 1e6:.1f} MB, to {args.out} "
          f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
