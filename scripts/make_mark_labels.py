"""Build labelled OCR'd headers with and without secrecy, urgency and circulation marks
(tests/data/marks/, reproducible): what bench/marks.py measures the mark reader on.

Documents come from make_synthetic_labels.Maker (a People's Committee's
header, heading, trích yếu, body from the clean corpus, signature), cut to
about one page, and then marked the way Nghị định 30/2020 lays marks out:

* ô 10a, the secrecy mark ("MẬT", "TỐI MẬT", "TUYỆT MẬT") on its own row
  under the số ký hiệu, sometimes sharing the row with the place-date
  (the date moved down), so OCR merges them into one line;
* ô 10b, the urgency mark ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC") under it;
* ô 11, the circulation note ("LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI",
  "TRẢ LẠI SAU KHI HỌP (HỘI NGHỊ)") in the right column under the date;

and with traps a reader must not take for marks: a trích yếu in capitals
wrapped before "MẬT NHÀ NƯỚC" or "KHẨN TRƯƠNG", "mật độ", "bí mật nhà
nước", "Mật khẩu" and "khẩn trương" in the body.  About 40 % carry no mark.

ocrsim draws text only (black, no stamp frame, no red ink): real stamps are
harder.  Two parts by seed: "dev" (read its errors while writing the rules)
and "check" (only its totals).

Usage: python scripts/make_mark_labels.py [--n 60] [--out tests/data/marks] [--work /tmp/marks]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from make_synthetic_labels import OCR_PYTHON, OCRSIM, TYPES, Maker, filler, load_units  # noqa: E402

HEADINGS = {h for h, *_ in TYPES if h}

SECRECY = [("mat", "MẬT", 5), ("toi-mat", "TỐI MẬT", 3), ("tuyet-mat", "TUYỆT MẬT", 2)]
URGENCY = [("khan", "KHẨN", 5), ("thuong-khan", "THƯỢNG KHẨN", 2), ("hoa-toc", "HỎA TỐC", 2)]
CIRCULATION = [("luu-hanh-noi-bo", "LƯU HÀNH NỘI BỘ", 4), ("xem-xong-tra-lai", "XEM XONG TRẢ LẠI", 2),
               ("tra-lai-sau-khi-hop", "TRẢ LẠI SAU KHI HỌP (HỘI NGHỊ)", 1)]
TRAP_TITLES = ["QUY CHẾ BẢO VỆ BÍ\nMẬT NHÀ NƯỚC TRÊN ĐỊA BÀN", "VỀ VIỆC\nKHẨN TRƯƠNG KHẮC PHỤC HẬU QUẢ MƯA LŨ",
               "VỀ ĐIỀU CHỈNH\nMẬT ĐỘ XÂY DỰNG KHU DÂN CƯ", "VỀ VIỆC THỰC HIỆN NHIỆM VỤ\nHỎA TỐC PHÒNG CHÁY RỪNG"]
TRAP_SENTENCES = ["Mật độ dân số của xã tăng nhanh trong những năm gần đây.",
                  "Các đơn vị thực hiện nghiêm quy định về bảo vệ bí mật nhà nước.",
                  "Mật khẩu hộp thư công vụ phải được thay đổi định kỳ.",
                  "Đề nghị các phòng, ban khẩn trương triển khai thực hiện.",
                  "Tài liệu mật được quản lý theo quy định."]


def pick(rng: random.Random, table):
    return rng.choices(table, [w for *_, w in table])[0][:2]


def marked(rng: random.Random, text: str) -> tuple[str, dict]:
    """The document cut to one page, with marks (or traps) written in, and its labels."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("Số:"))
    tabbed = "\t" in lines[at]
    label = {"secrecy": None, "urgency": None, "circulation": None}
    rows = []
    if rng.random() < 0.45:
        label["secrecy"], word = pick(rng, SECRECY)
        rows.append([word, ""])
    if rng.random() < 0.3:
        label["urgency"], word = pick(rng, URGENCY)
        rows.append([word, ""])
    if rng.random() < 0.2:
        label["circulation"], note = pick(rng, CIRCULATION)
        rows.append(["", note]) if tabbed else rows.insert(0, [note, ""])
    if tabbed and rows and rows[0][0] and rng.random() < 0.4:
        # The place-date moved down a row: OCR reads "MẬT Phước Long, ngày ..." as one line.
        number, date = lines[at].split("\t")
        lines[at] = number + "\t"
        rows[0][1] = rows[0][1] or date
    new = [f"{a}\t{b}" if tabbed else (a or b) for a, b in rows]
    if not tabbed:
        # The renderer builds an untabbed header from its first lines (body, motto, Số, date) and
        # drops what stands between them: the marks go under the date line.
        at = next(i for i in range(at, at + 3) if ", ngày" in lines[i])
    lines[at + 1 : at + 1] = new
    # One page: the header, the heading and title, two body paragraphs, the signature.
    sig = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    body_start = at + 1 + len(new) + 4
    lines = lines[:body_start + 2] + lines[sig:]
    if rng.random() < 0.2:
        heading = next((i for i in range(at + 1, len(lines)) if lines[i].strip() in HEADINGS), None)
        if heading is not None and heading + 1 < len(lines):
            lines[heading + 1] = rng.choice(TRAP_TITLES)
    if rng.random() < 0.3:
        lines.insert(min(body_start + 1, len(lines) - 1), rng.choice(TRAP_SENTENCES))
    return "\n".join(lines) + "\n", label


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=60, help="documents per part")
    ap.add_argument("--out", type=Path, default=ROOT / "tests/data/marks")
    ap.add_argument("--work", type=Path, default=Path("/tmp/marks"))
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    units, paras = load_units(), filler(random.Random(0))
    jobs = []
    for part, seed in (("dev", 55), ("check", 66)):
        maker, rng = Maker(random.Random(seed), units, paras), random.Random(seed + 1)
        for i in range(args.n):
            doc_id = f"marks-{part}-{i:03d}"
            text, label = marked(rng, maker.document(doc_id)[0])
            jobs.append((doc_id, text, dict(label, id=doc_id, split=part)))
    inp = args.work / "input.jsonl"
    before = {}
    if inp.exists():
        before = {d["id"]: d["text"] for d in map(json.loads, inp.read_text(encoding="utf-8").splitlines())}
    with inp.open("w", encoding="utf-8") as fh:
        for doc_id, text, _ in jobs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            if before.get(doc_id) != text:  # ocrsim resumes: a changed text is rendered again
                for old in (args.work / "out").glob(f"{doc_id}.*"):
                    old.unlink()
    subprocess.run([str(OCR_PYTHON), str(OCRSIM), "--preset", "seedlike", "--langs", "eng", "--workers", "2",
                    "--seed", "9", str(inp), str(args.work / "out")], check=True)
    with (args.out / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for doc_id, text, label in jobs:
            ocr = (args.work / "out" / f"{doc_id}.eng.txt").read_text(encoding="utf-8")
            (args.out / f"{doc_id}.txt").write_text(ocr, encoding="utf-8")
            (args.out / f"{doc_id}.clean.txt").write_text(text, encoding="utf-8")
            fh.write(json.dumps(label, ensure_ascii=False) + "\n")
    print(f"{len(jobs)} documents in {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
