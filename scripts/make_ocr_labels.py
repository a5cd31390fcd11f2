"""Build the labelled simulated-OCR set in tests/data/ocr_labelled/ (reproducible).

Two kinds of documents, both from /work/shared/data (nothing is hand-labelled):

* rendered: a local document of legal-clean-dev.jsonl (tnt305 source: UBND,
  HĐND, Sở, Văn phòng) is re-laid out in the official two-column layout
  (TAB-separated header and signature rows), its body cut to the first
  ~2300 and last ~500 characters, and run through the OCR simulator:

      .venv-ocr/bin/python /work/shared/tools/ocrsim/render_ocr.py \
          --preset seedlike --langs eng --workers 1 --seed 1 INPUT.jsonl OUT

  (documents already rendered in OUT are kept, so a rerun renders only new ones)

  Provincial UBND documents also yield *header variants*, because the corpus
  has almost no district, Sở, Văn phòng or Báo cáo documents: the issuing
  body lines (and the số ký hiệu's issuer code, the signature title) are
  replaced by a district of the same province, a Sở or the Văn phòng UBND,
  or the heading by "BÁO CÁO".  The label then follows the replacement.
* pairs: documents of ocr-sim/pairs.jsonl (every source: tnt305, hrm,
  dvhcvn, jp02), whose OCR side is stored as it is (first ~7000 characters).

Labels always come from the clean side: the header paragraphs (number, date,
heading, trích yếu), the issuer field of the corpus for the unit, the last
name under "Nơi nhận" for the signer, the "- ..." items for the recipients,
and "Quyết định số ... ngày ... của ..." for the cited QĐ.  A field we cannot
read from the clean side is left out of the label (not evaluated).

Split: a third is held out, by the SHA-1 of the corpus id (variants follow
their source document, so no document is on both sides).

Usage: python scripts/make_ocr_labels.py [--out tests/data/ocr_labelled] [--work /tmp/ocrlabels]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.legal.bodies import central_bodies, code_of  # noqa: E402

DATA = Path("/work/shared/data")
OCRSIM = Path("/work/shared/tools/ocrsim/render_ocr.py")
CODES = {"Quyết định": "QĐ", "Nghị quyết": "NQ", "Kế hoạch": "KH", "Công văn": "CV", "Chỉ thị": "CT",
         "Thông báo": "TB", "Công điện": "CĐ", "Báo cáo": "BC", "Nghị định": "NĐ", "Thông tư": "TT"}
DATE = re.compile(r"^(.*?),\s*ngày\s+(\d+)\s+tháng\s+(\d+)\s+năm\s+(\d{4})")
PEOPLE = re.compile(r"^(?:CHỦ TỊCH\s+)?(ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s+(THÀNH PHỐ|TỈNH)\s+(.+?)\s*$")
# The Sở a header variant may name (a sample of the bodies table; codes from the table).
VARIANT_SO = ("Nội vụ", "Tài chính", "Y tế", "Tư pháp", "Xây dựng", "Giáo dục và Đào tạo", "Công Thương",
              "Nông nghiệp và Môi trường")
SO_FIELDS = {f: code_of(f"Sở {f}") for f in VARIANT_SO}
CITED = re.compile(
    r"Quyết định(?: số:?)? (\d+[\d/A-Za-z.]*/QĐ- ?[A-Za-zĐđ0-9.&-]*[A-Za-zĐđ0-9])"
    r"(?: ngày (\d{1,2})[/ -](\d{1,2})[/ -](\d{4})| ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4}))?"
)
NAME = re.compile(r"(?:[A-ZĐÀ-Ỹ][^\s\d.,:;()/|]*\s){1,4}[A-ZĐÀ-Ỹ][^\s\d.,:;()/|]*")
N_RENDERED, N_VARIANTS, N_PAIRS = 30, 30, 51
# Added later, dev side only (the held-out third stays the same 34 documents):
# more real documents, so that rules are judged on documents they were not written for.
N_EXTRA_RENDERED, N_EXTRA_PAIRS = 40, 150


def held_out(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0


def paras(text: str) -> list[str]:
    return [re.sub(r"\s*\n\s*", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


# Central bodies, as the unit label names them (the bodies table's).  A department's issuer
# field names its ministry first ("BỘ TÀI CHÍNH CỤC THUẾ"): the label is the department.
CENTRAL = tuple(dict.fromkeys(name for _, name, _ in central_bodies()))
UNKNOWN = "?"  # an issuer we cannot name: the label leaves the unit out


def _letters(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return " ".join(re.sub(r"[^a-z]+", " ", "".join(c for c in s if not unicodedata.combining(c)).lower()).split())


def central_of(issuer: str) -> str | None:
    """The CENTRAL name an issuer field ends with ("PAGE 1 BỘ Y TẾ" -> Bộ Y tế), or None."""
    key = _letters(issuer)
    hits = [n for n in CENTRAL if key == _letters(n) or key.endswith(" " + _letters(n))]
    return max(hits, key=len) if hits else None


def unit_of(issuer: str) -> tuple[str | None, str | None]:
    """(unit label, province) of a corpus issuer field: a local body, a CENTRAL one (no
    province) or UNKNOWN."""
    parts = re.match(r"^(UBND (?:THÀNH PHỐ|TỈNH) .+?) (SỞ .+)$", issuer)
    if parts:
        unit, prov = unit_of(parts.group(1))
        field = {k.upper(): k for k in SO_FIELDS}.get(parts.group(2)[3:])
        return (f"Sở {field} {unit.split(' ', 1)[1]}" if unit and field else None), prov
    m = PEOPLE.match(issuer)
    if not m:
        return central_of(issuer) or UNKNOWN, None
    if len(m.group(3).replace("-", " ").split()) > 4:
        return UNKNOWN, None  # "UBND THÀNH PHỐ HÀ NỘI TRUNG TÂM PHỤC VỤ ...": a body under the UBND
    body = "UBND" if m.group(1) in ("ỦY BAN NHÂN DÂN", "UBND") else "HĐND"
    name = m.group(3).title()
    return f"{body} {m.group(2).lower()} {name}", name


def cited_qd(clean: str, own: str, own_date: str | None = None) -> list[dict]:
    """Cited QĐ of the clean text; the document itself is not one: its own number, or
    "kèm theo Quyết định số X ngày <its own date>" (X mistyped in the source)."""
    out = []
    flat = re.sub(r"\s+", " ", clean)
    for m in CITED.finditer(flat):
        g = m.groups()
        if m.end(1) < len(clean) and re.match(r"[a-zà-ỹđ]", m.string[m.end(1) : m.end(1) + 1]):
            # "QĐ-TTgcủa": running text glued to the code; keep the code
            g = (re.sub(r"((?:TTg)|[A-ZĐ0-9])[a-zà-ỹđ]+$", r"\1", g[0]),) + g[1:]
        g = (g[0].replace(" ", ""),) + g[1:]  # "66/2018/QĐ- UBND" in the source
        d = f"{g[3]}-{int(g[2]):02d}-{int(g[1]):02d}" if g[1] else (
            f"{g[6]}-{int(g[5]):02d}-{int(g[4]):02d}" if g[4] else None)
        if g[0] == own or (d and d == own_date and "kèm theo" in flat[max(0, m.start() - 40) : m.start()].lower()):
            continue
        out.append({"number": g[0], "date": d})
    return out


def signature(tail: str) -> tuple[list[str], list[str], str | None] | None:
    """(recipient items, right-column lines, signer) of the part from "Nơi nhận"."""
    lines = [l.strip() for l in tail.split("\n") if l.strip()]
    marks = [j for j, l in enumerate(lines) if l.startswith("-") or l.startswith("Nơi nhận")]
    if not marks or not lines[0].startswith("Nơi nhận"):
        return None
    items = lines[: marks[-1] + 1]
    if any(not (l.startswith("-") or l.startswith("Nơi nhận")) for l in items):
        return None  # an item wrapped onto two lines: its text is uncertain
    right = [r for r in lines[marks[-1] + 1 :] if not re.match(r"^\d+ \w+$|^\W+$", r)]
    merged: list[str] = []
    for r in right:  # "TM. ỦY BAN NHÂN" + "DÂN"
        if merged and r.isupper() and merged[-1].isupper() and len(r) < 6:
            merged[-1] += " " + r
        else:
            merged.append(r)
    if not merged or len(merged) > 6 or merged[-1].isupper() or not NAME.fullmatch(merged[-1]):
        return None
    name = merged[-1]
    if len(merged) > 1 and re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+", merged[-2]):
        name = f"{merged[-2]} {name}"  # the surname on a line of its own: "Bùi" / "Xuân Cường"
    return items, merged, name


def recipients(items: list[str]) -> list[str]:
    out = [i.lstrip("- ").strip(" ;.,") for i in items if i.startswith("-")]
    return [o for o in out if o]


def parse(d: dict, need_sig: bool = True) -> dict | None:
    """The header and signature parts of a tnt305-layout clean document.

    With ``need_sig`` False a signature we cannot read is left out (sig None):
    the document is rendered without it and its signer is not labelled.
    """
    ps = paras(d["text"])
    k = next((i for i, p in enumerate(ps[:8]) if p.startswith("CỘNG HÒA")), None)
    if not k:
        return None
    agency = " ".join(ps[:k])
    if agency != d["issuer"]:
        return None
    i = k + 1
    so = ps[i] if ps[i].startswith("Số") else None
    if not so:
        return None
    i += 1
    vv = None
    if so.find("V/v") > 0:
        so, vv = so[: so.find("V/v")].strip(), so[so.find("V/v") :]
    dm = DATE.match(ps[i])
    if not dm:
        return None
    dateline = re.sub(r"\s*\*$", "", ps[i])
    i += 1
    heading = ps[i] if ps[i].isupper() and len(ps[i]) < 40 else None
    if heading:
        i += 1
        title = ps[i]
        i += 1
        if title.startswith(("Căn cứ", "Thực hiện")):
            return None
    elif vv:
        title = vv
    else:
        return None
    text_body = "\n".join(ps[i:])
    at = text_body.rfind("Nơi nhận")
    sig = signature(d["text"][d["text"].rfind("Nơi nhận") :]) if at >= 0 else None
    if sig is None and need_sig:
        return None
    return {"agency": agency, "so": so, "vv": vv, "dateline": dateline, "heading": heading,
            "title": title, "main": text_body[:at], "sig": sig}


def layout(p: dict, agency_lines: tuple[str, str]) -> str:
    """The renderer's input: TAB-separated header rows, cut body, signature rows."""
    main = p["main"]
    if len(main) > 2600:
        head = main[:2300]
        head = head[: head.rfind("\n")] if head.rfind("\n") > 1000 else head
        tail = main[-500:]
        main = head + "\n" + tail[tail.find("\n") + 1 :]
    items, right, _ = p["sig"] or ([], [""], None)
    col = right[:-1] + ["", right[-1]]
    rows = []
    for j in range(max(len(items), len(col))):
        a = items[j] if j < len(items) else ""
        b = col[j] if j < len(col) else ""
        rows.append(f"{a}\t{b}" if b else a)
    out = [f"{agency_lines[0]}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
           f"{agency_lines[1]}\tĐộc lập - Tự do - Hạnh phúc", f"{p['so']}\t{p['dateline']}"]
    if p["vv"]:
        out.append(p["vv"])
    if p["heading"]:
        out += [p["heading"], p["title"], ""]
    return "\n".join(out + main.strip().split("\n") + rows)


def split_agency(agency: str) -> tuple[str, str] | None:
    m = re.match(r"^(ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|UBND (?:THÀNH PHỐ|TỈNH) .+?(?= SỞ )|VĂN PHÒNG)\s+(.+)$", agency)
    return (m.group(1), m.group(2)) if m else None


def label(doc_id: str, p: dict, clean: str, number: str, type_code: str, unit, province, **extra) -> dict:
    dm = DATE.match(p["dateline"])
    title = p["title"][3:].strip() if p["title"].startswith("V/v") else p["title"]
    iso = f"{dm.group(4)}-{int(dm.group(3)):02d}-{int(dm.group(2)):02d}"
    lab = {"id": doc_id, "number": number, "type_code": type_code, "date": iso,
           "unit": unit, "province": province, "title": title}
    if unit == UNKNOWN:
        del lab["unit"], lab["province"]
    if p["sig"]:
        items, _, signer = p["sig"]
        lab |= {"signer": signer, "recipients": recipients(items)}
    return lab | {"cited": cited_qd(clean, number, iso), **extra}


def rendered(docs: list[dict]) -> list[tuple[str, str, dict]]:
    """(id, clean layout, label) of real documents and header variants."""
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    provinces = {p["name"]: p for p in json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))}
    ok, loose = [], []
    for d in docs:
        if not d["id"].startswith("tnt305") or d["type"] not in CODES or not d["issuer"]:
            continue
        p = parse(d)
        strict = p is not None
        if p is None and not held_out(d["id"]):
            p = parse(d, need_sig=False)
        lines = split_agency(p["agency"]) if p else None
        if p and lines and canon(p["so"]) == d["number"]:
            (ok if strict else loose).append((d, p, lines))
    rng = random.Random(7)
    ok.sort(key=lambda x: x[0]["id"])
    rng.shuffle(ok)
    loose.sort(key=lambda x: x[0]["id"])
    random.Random(13).shuffle(loose)
    out, variants, extra = [], [], []
    for d, p, lines in ok + loose:
        unit, prov = unit_of(d["issuer"])
        if unit in (None, UNKNOWN) and re.search(r"NHÂN DÂN|\bSỞ\b", d["issuer"]):
            continue
        code = "CV" if p["vv"] and not p["heading"] else CODES[d["type"]]
        if len(out) < N_RENDERED:
            clean = layout(p, lines)
            out.append((d["id"], clean, label(d["id"], p, clean, d["number"], code, unit, prov)))
        elif len(extra) < N_EXTRA_RENDERED and not held_out(d["id"]):
            clean = layout(p, lines)
            extra.append((d["id"], clean, label(d["id"], p, clean, d["number"], code, unit, prov)))
        if unit and unit.startswith("UBND tỉnh") and code != "CV" and p["sig"]:
            for _ in range(2):  # two of the four kinds per document, in turn
                if len(variants) < N_VARIANTS:
                    variants.append(variant(d, p, code, prov, provinces, rng, len(variants) % 4))
    return out + [v for v in variants if v] + extra


def variant(d, p, code, prov, provinces, rng, kind):
    """A header variant: district UBND, Sở, Văn phòng UBND, or a Báo cáo heading."""
    p = dict(p)
    serial = re.match(r"Số:?\s*(\S+?)/", p["so"]).group(1)
    year = re.search(r"/((?:19|20)\d\d)/", p["so"])
    y = f"{year.group(1)}/" if year else ""
    items, right, signer = p["sig"]
    prov_rec = provinces.get(f"Tỉnh {prov}")
    if kind == 0 and prov_rec:
        dist = rng.choice(sorted(prov_rec["districts"], key=lambda x: x["name"]))
        level, name = re.match(r"^(Huyện|Quận|Thị xã|Thành phố)\s+(.+)$", dist["name"]).groups()
        lines, unit, number, tag = ("ỦY BAN NHÂN DÂN", f"{level.upper()} {name.upper()}"), f"UBND {level.lower()} {name}", f"{serial}/{y}{code}-UBND", "district"
        p["dateline"] = f"{name}, ngày" + p["dateline"].split(", ngày", 1)[1]
    elif kind == 1:
        field, sc = rng.choice(sorted(SO_FIELDS.items()))
        lines, unit, number, tag = (f"UBND TỈNH {prov.upper()}", f"SỞ {field.upper()}"), f"Sở {field} tỉnh {prov}", f"{serial}/{y}{code}-{sc}", "so"
        p["sig"] = (items, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", signer], signer)
    elif kind == 2:
        lines, unit, number, tag = (f"UBND TỈNH {prov.upper()}", "VĂN PHÒNG"), f"Văn phòng UBND tỉnh {prov}", f"{serial}/{code}-VP", "vp"
        p["sig"] = (items, ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", signer], signer)
    else:
        if not p["heading"]:
            return None
        lines, unit, number, tag = split_agency(p["agency"]), f"UBND tỉnh {prov}", f"{serial}/{y}BC-UBND", "bc"
        p["heading"], code = "BÁO CÁO", "BC"
    p["so"] = f"Số: {number}"
    vid = f"{d['id']}~{tag}"
    clean = layout(p, lines)
    return vid, clean, label(vid, p, clean, number, code, unit, prov, variant=tag)


def canon(so: str) -> str:
    return re.sub(r"^Số:?\s*", "", so).replace(" ", "")


def pairs(docs: dict[str, dict]) -> list[tuple[str, str, dict]]:
    """Documents of ocr-sim/pairs.jsonl whose header the corpus fields confirm."""
    rows = [json.loads(l) for l in (DATA / "ocr-sim/pairs.jsonl").open(encoding="utf-8")]
    rng = random.Random(11)
    rng.shuffle(rows)
    by_source: dict[str, int] = {}
    out = []
    for r in rows:
        d = docs.get(r["id"])
        src = r["id"].split("-")[0]
        if not d or d["type"] not in CODES or not d["number"] or not d["date"] or by_source.get(src, 0) >= N_PAIRS // 3:
            continue
        lab = pair_label(d, r["clean"])
        if lab is None:
            continue
        by_source[src] = by_source.get(src, 0) + 1
        out.append((r["id"] + "~pair", r["ocr"], lab))
        if len(out) >= N_PAIRS:
            break
    chosen = {i for i, _, _ in out}
    extra = []
    for r in rows:  # the extra dev pairs: the next ones in the same order, any source
        d = docs.get(r["id"])
        if len(extra) >= N_EXTRA_PAIRS or held_out(r["id"]) or r["id"] + "~pair" in chosen:
            continue
        if not d or d["type"] not in CODES or not d["number"] or not d["date"]:
            continue
        lab = pair_label(d, r["clean"])
        if lab is not None:
            extra.append((r["id"] + "~pair", r["ocr"], lab))
    return out + extra


def pair_label(d: dict, clean: str) -> dict | None:
    head = re.sub(r"\s+", " ", clean[:1500])
    y, mth, day = d["date"].split("-")
    if d["number"] not in head.replace(" ", "") and d["number"] not in head:
        return None
    if not re.search(rf"ngày 0?{int(day)} tháng 0?{int(mth)} năm {y}", head):
        return None
    unit, prov = unit_of(d["issuer"] or "")
    if unit in (None, UNKNOWN) and re.search(r"NHÂN DÂN|\bSỞ\b|VĂN PHÒNG UBND", d["issuer"] or ""):
        return None  # a local body we cannot name from the issuer field
    code = CODES[d["type"]]
    lab = {"id": d["id"], "number": d["number"], "type_code": code, "date": d["date"], "unit": unit,
           "province": prov, "cited": cited_qd(clean, d["number"], d["date"])}
    if unit == UNKNOWN:
        del lab["unit"], lab["province"]
    if not re.search(rf",\s*ngày 0?{int(day)} tháng 0?{int(mth)} năm {y}", head):
        # The date stands only in a citation ("Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm
        # 2025"), not as the header's "Hà Nội, ngày ...": the header has no date to read.
        del lab["date"]
    if d["title"] and code != "CV":
        lab["title"] = d["title"]
    at = clean.rfind("Nơi nhận")
    sig = signature(clean[at:]) if at >= 0 else None
    if sig:
        lab["signer"], lab["recipients"] = sig[2], recipients(sig[0])
    return lab


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "tests/data/ocr_labelled"))
    ap.add_argument("--work", default="/tmp/ocrlabels")
    args = ap.parse_args(argv)
    out, work = Path(args.out), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    docs = [json.loads(l) for l in (DATA / "legal-clean-dev.jsonl").open(encoding="utf-8")]
    rend = rendered(docs)
    with (work / "input.jsonl").open("w", encoding="utf-8") as fh:
        for doc_id, clean, _ in rend:
            fh.write(json.dumps({"id": doc_id.replace("~", "_"), "text": clean}, ensure_ascii=False) + "\n")
    subprocess.run([str(ROOT / ".venv-ocr/bin/python"), str(OCRSIM), "--preset", "seedlike", "--langs", "eng",
                    "--workers", "1", "--seed", "1", str(work / "input.jsonl"), str(work / "out")], check=True)
    todo = [(i, (work / "out" / f"{i.replace('~', '_')}.eng.txt").read_text(encoding="utf-8"), lab) for i, _, lab in rend]
    todo += pairs({d["id"]: d for d in docs})
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.json")) + list(out.glob("*.txt")):
        old.unlink()
    for doc_id, ocr, lab in todo:
        stem = doc_id.replace("~", "_")
        serial = lab["number"].split("/")[0].split("-")[0]
        if not re.search(rf"(?<!\d){re.escape(serial)}\s*[/-]", ocr[:2000]):
            del lab["number"]  # the simulated scan lost the "Số:" line: nothing to read
        lab = {"path": f"tests/data/ocr_labelled/{stem}.txt", **lab,
               "split": "heldout" if held_out(doc_id.split("~")[0]) else "dev"}
        (out / f"{stem}.txt").write_text(ocr, encoding="utf-8")
        (out / f"{stem}.json").write_text(json.dumps(lab, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_held = sum(held_out(i.split("~")[0]) for i, _, _ in todo)
    print(f"{len(todo)} documents ({len(rend)} rendered, {len(todo) - len(rend)} from pairs), {n_held} held out")


if __name__ == "__main__":
    main(sys.argv[1:])
