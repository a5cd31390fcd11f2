"""Every format of an archive: counts, OCR quality and speed, retrieval on vie OCR, legacy encodings.

    .venv/bin/python bench/formats.py [--out /work/benchdata/formats] [--docs 136] [--chars 4000] [--workers 2]

The archive is generated from the HELD-OUT documents of legal-clean-dev.jsonl
(scripts/ocr_split.py; the OCR-repair model never saw them), one format per
document in turn: scanned PDF, multi-page TIFF, JPEG of the first page (these
rendered by ../shared/tools/ocrsim as A4 pages of an official document, then
degraded as a grey JPEG scan: noise, blur, a skew up to 0.5°), .docx, .doc
(LibreOffice's conversion of the .docx, when soffice is installed), and
plain text in TCVN3, VNI-Windows, VISCII, VPS and Windows-1258; plus a broken
PDF, an encrypted PDF, a blank page image and a .docx that is a zip of junk.
Texts are cut to --chars characters (about two pages) to keep OCR time in
reach of a shared 2-core machine.  Printed:

  1. per-format counts, indexed / skipped (with reasons) by `indexer build`;
  2. build time and pages per minute: cold (empty OCR cache), unchanged
     (same index, nothing read), from scratch with the OCR cache warm;
  3. CER / WER against the true text: Tesseract vie (what the build used),
     script/Vietnamese and eng (the engine of the seeds) on the same scans;
     and vie / script/Vietnamese on clean 300-dpi pages (ocrsim preset
     clean); OCR resolution 200 / 300 / 400 dpi on the scanned PDFs;
  4. known-item Recall@10 / MRR@10 on the vie-OCR'd documents (queries as
     bench/ocr_retrieval.py makes them from the true text, accented and
     unaccented; the archive's other documents are distractors), repair on/off;
  5. legacy encodings on every held-out document: round-trip accuracy of
     each charset (characters) and how often a file's encoding is decided right.

Needs rapidfuzz for edit distances (`.venv/bin/pip install rapidfuzz`); the
machine is shared, so the timings are what a busy 2-core machine gives.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (a worktree under wt/ has it two levels up).
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT.parent / "shared")
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "tests"), str(ROOT / "bench"),
                str(SHARED / "tools" / "ocrsim")]

import render_ocr  # noqa: E402  (ocrsim: layout, rendering, scan degradation)
import samples  # noqa: E402
from ocr_retrieval import K, make_queries, score  # noqa: E402
from ocr_split import is_held_out  # noqa: E402

from indexer.analysis.analyzer import Analyzer  # noqa: E402
from indexer.analysis.text import normalize, strip_accents  # noqa: E402
from indexer.extract.loaders import OcrOptions, load_bytes  # noqa: E402
from indexer.extract.loaders.charsets import charsets, representable  # noqa: E402
from indexer.extract.loaders.encodings import read_bytes  # noqa: E402
from indexer.index.whoosh.writer import build  # noqa: E402
from indexer.index.pipeline import PrepareOptions  # noqa: E402
from indexer.search import SearchRequest  # noqa: E402
from indexer.search import open_service  # noqa: E402
from indexer.search.whoosh.texts import full_text  # noqa: E402

FORMATS = ("pdf", "tif", "jpg", "docx", "doc", "tcvn3.txt", "vni.txt", "viscii.txt", "vps.txt", "cp1258.txt")
SCANS = ("pdf", "tif", "jpg")
WORD = re.compile(r"\w+")


def held_out(limit: int, chars: int) -> list[dict]:
    rows = [json.loads(line) for line in (SHARED / "data" / "legal-clean-dev.jsonl").open(encoding="utf-8")]
    docs = [r for r in rows if is_held_out(r["id"])][:limit]
    for d in docs:
        d["full"] = d["text"]
        cut = d["text"][:chars]
        d["text"] = cut[: cut.rfind("\n")] if "\n" in cut[chars // 2 :] else cut
    return docs


def scan_pages(text: str, doc_id: str, preset: str, seed: int = 1):
    """ocrsim's pages of ``text``, degraded as preset ``preset`` scans them (PIL images)."""
    import io

    import numpy as np
    from PIL import Image

    params = render_ocr.Params(**{**render_ocr.PRESETS[preset], "scan_dpi": 300})
    rng = np.random.default_rng(render_ocr.doc_seed(seed, doc_id))
    drawn = render_ocr.draw_params(params, rng)
    out = []
    for page in render_ocr.render_pages(text, drawn):
        data, _, _ = render_ocr.degrade(page, drawn, rng)
        out.append(Image.open(io.BytesIO(data)).convert("L"))
    return out


def write_archive(docs: list[dict], out: Path, write: bool = True) -> dict[str, str]:
    """Write one file per document (format by turn) and the hostile four; return {file: doc id}.

    Each document's "text" becomes its true text as filed (the first page of a
    JPEG, the charset's repertoire of a legacy text); ``write=False`` only does that.
    """
    out.mkdir(parents=True, exist_ok=not write)
    owner = {}
    soffice = shutil.which("soffice")
    for n, d in enumerate(docs):
        fmt = FORMATS[n % len(FORMATS)]
        name = f"{'scans' if fmt in SCANS else 'other'}/" + (f"{n:03d}-{fmt}" if "." in fmt else f"{n:03d}.{fmt}")
        path = out / name
        path.parent.mkdir(exist_ok=True)
        if fmt == "jpg":  # one photographed page: a text that fits on it
            cut = d["text"][:1500]
            d["text"] = cut[: cut.rfind("\n")] if "\n" in cut else cut
        if fmt not in SCANS and fmt not in ("docx", "doc"):
            cs = charsets()[fmt.split(".")[0]]
            data, d["text"] = cs.encode(d["text"]), representable(cs, d["text"])
        if not write:
            owner[name] = d["id"]
            continue
        if fmt in SCANS:
            pages = scan_pages(d["text"], d["id"], "seedlike_gray")
            if fmt == "pdf":
                path.write_bytes(samples.scanned_pdf(pages))
            elif fmt == "tif":
                path.write_bytes(samples.multipage_tiff(pages))
            else:
                path.write_bytes(samples.save(pages[0], "JPEG", quality=75))
        elif fmt in ("docx", "doc"):
            paras = d["text"].split("\n")
            data = samples.docx([], [paras])
            if fmt == "doc" and soffice:
                tmp = Path(tempfile.mkdtemp())
                (tmp / f"{n:03d}.docx").write_bytes(data)
                shutil.move(samples.convert_with_soffice(tmp / f"{n:03d}.docx", "doc", tmp), path)
                shutil.rmtree(tmp)
            elif fmt == "doc":
                continue
            else:
                path.write_bytes(data)
        else:
            path.write_bytes(data)
        owner[name] = d["id"]
    if not write:
        return owner
    page = samples.page_image(["Tài liệu mật"])
    (out / "other" / "x-broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (out / "other" / "x-locked.pdf").write_bytes(samples.encrypted_pdf(page))
    (out / "other" / "x-blank.png").write_bytes(samples.save(samples.blank_image(), "PNG"))
    (out / "other" / "x-junk.docx").write_bytes(samples.junk_docx())
    return owner


def kind(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.split("-", 1)[1] if base[3] == "-" and not base.startswith("x-") else Path(base).suffix[1:]


def timed_build(src: Path, index_dir: Path, workers: int, cache: Path, analyzer: Analyzer | None = None):
    started = time.perf_counter()
    report = build(src, index_dir, options=PrepareOptions(analyzer or Analyzer(), workers=workers,
                                                          ocr=OcrOptions(cache_dir=str(cache))))
    return report, time.perf_counter() - started


def error_rates(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """CER, WER and the bag-of-words error over (truth, OCR) pairs (whitespace collapsed, NFC, case kept).

    The bag-of-words error (true words not found among the OCR's words, counted
    with multiplicity) ignores reading order: Tesseract reads the two-column
    header block column by column, the true text has it row by row.
    """
    from rapidfuzz.distance import Levenshtein

    chars = cerr = words = werr = missed = 0
    for truth, ocr in pairs:
        t, o = " ".join(normalize(truth).split()), " ".join(normalize(ocr).split())
        chars += len(t)
        cerr += Levenshtein.distance(t, o)
        tw, ow = t.split(), o.split()
        words += len(tw)
        werr += Levenshtein.distance(tw, ow)
        missed += sum((Counter(tw) - Counter(ow)).values())
    return cerr / max(1, chars), werr / max(1, words), missed / max(1, words)


def tesseract(image, lang: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.png"
        image.save(path, dpi=(300, 300))
        done = subprocess.run(["tesseract", str(path), "stdout", "-l", lang, "--psm", "3", "--oem", "1", "--dpi", "300"],
                              capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
        return done.stdout.decode("utf-8", "replace")


def model_table(docs: list[dict], owner: dict[str, str], stored: dict[str, str], limit: int) -> None:
    by_id = {d["id"]: d for d in docs}
    pdfs = [n for n in owner if kind(n) == "pdf"][:limit]
    truth = [by_id[owner[n]]["text"] for n in pdfs]
    print(f"\n## 3. OCR error rates against the true text ({len(pdfs)} scanned PDFs)")
    print(f"{'pages':28} {'model':18} {'CER':>7} {'WER':>7} {'bag WER':>7} {'speed':>13}  (Vietnamese = tesseract-ocr-script-viet)")
    print(f"{'grey scan, noise, skew':28} {'vie (the build)':18} " + "{:7.2%} {:7.2%} {:7.2%}".format(*error_rates(list(zip(truth, [stored[n] for n in pdfs])))))
    for preset, label in (("seedlike_gray", "grey scan, noise, skew"), ("clean", "clean, 300 dpi")):
        pages = [scan_pages(by_id[owner[n]]["text"], owner[n], preset) for n in pdfs]
        print(f"{label:28} {'(pages)':18} {sum(map(len, pages)):7d}")
        for lang in ("vie", "Vietnamese", "eng"):
            if preset == "seedlike_gray" and lang == "vie":
                continue
            started = time.perf_counter()
            ocr = ["\n".join(tesseract(p, lang) for p in doc) for doc in pages]
            per_page = (time.perf_counter() - started) / max(1, sum(map(len, pages)))
            print(f"{label:28} {lang:18} " + "{:7.2%} {:7.2%} {:7.2%}".format(*error_rates(list(zip(truth, ocr))))
                  + f" {per_page:7.2f} s/page")


def dpi_table(owner: dict[str, str], docs: list[dict], src: Path, limit: int) -> None:
    by_id = {d["id"]: d for d in docs}
    pdfs = [n for n in owner if kind(n) == "pdf"][:limit]
    print(f"\n## 3b. OCR resolution for scanned PDFs (vie, {len(pdfs)} PDFs, no cache, 1 process)")
    print(f"{'dpi':>4} {'CER':>7} {'WER':>7} {'bag WER':>7} {'s/page':>7}")
    for dpi in (200, 300, 400):
        started, pages, pairs = time.perf_counter(), 0, []
        for n in pdfs:
            loaded = load_bytes((src / n).read_bytes(), ".pdf", OcrOptions(dpi=dpi))
            pages += loaded.ocr_pages
            pairs.append((by_id[owner[n]]["text"], loaded.text))
        cer, wer, bag = error_rates(pairs)
        print(f"{dpi:4d} {cer:7.2%} {wer:7.2%} {bag:7.2%} {(time.perf_counter() - started) / max(1, pages):7.2f}")


def retrieval(owner: dict[str, str], docs: list[dict], src: Path, work: Path, cache: Path, per_doc: int) -> None:
    by_id = {d["id"]: d for d in docs}
    scans = {n: owner[n] for n in owner if kind(n) in SCANS}
    # Every document's true text decides whether a span is too common to find
    # its document; only the scans ask queries.
    pairs = [{"id": n, "clean": by_id[i]["text"]} for n, i in owner.items()]
    accented = _queries(pairs, per_doc, set(scans))
    unaccented = [(d, strip_accents(q)) for d, q in accented]
    print(f"\n## 4. known-item retrieval on the vie-OCR'd documents ({len(scans)} scans among {len(owner)} "
          f"documents, {len(accented)} queries per form)")
    print(f"{'system':22} {'queries':11} {'Recall@10':>9} {'MRR@10':>7}")
    for repair in (True, False):
        index_dir = work / f"retrieval-{repair}"
        timed_build(src, index_dir, 2, cache, Analyzer(repair=repair))
        svc = open_service("whoosh", index_dir=index_dir)
        run = lambda q: [h.id for h in svc.search(SearchRequest(q=q, per_page=K, snippets=False)).hits]  # noqa: E731
        for form, queries in (("accented", accented), ("unaccented", unaccented)):
            recall, mrr = score(queries, run)
            print(f"{'ours, repair ' + ('on' if repair else 'off'):22} {form:11} {recall:9.3f} {mrr:7.3f}")


def _queries(pairs: list[dict], per_doc: int, asking: set[str]) -> list[tuple[str, str]]:
    """bench/ocr_retrieval.py's queries from the documents ``asking`` (all held out already)."""
    import ocr_retrieval

    real = ocr_retrieval.is_held_out
    ocr_retrieval.is_held_out = lambda name: name in asking
    try:
        return make_queries(pairs, per_doc, seed=7)
    finally:
        ocr_retrieval.is_held_out = real


def legacy(docs: list[dict]) -> None:
    print(f"\n## 5. legacy encodings, every held-out document in full ({len(docs)} documents, "
          f"{sum(len(d['full']) for d in docs)} characters)")
    print(f"{'charset':22} {'round trip':>11} {'repertoire':>11} {'decided right':>14} {'uncertain':>10} {'as typed':>9}")
    for name, cs in charsets().items():
        chars = same = covered = right = unsure = typed = 0
        for d in docs:
            text = d["full"]
            target = representable(cs, text)
            back = cs.decode(cs.encode(text))
            chars += len(text)
            same += sum(a == b for a, b in zip(back, target)) if len(back) == len(target) else 0
            covered += sum(a == b for a, b in zip(target, text))
            reading = read_bytes(cs.encode(text))
            right += name in reading.encoding.split("/") and reading.uncertain is None
            unsure += reading.uncertain is not None
            typed += sum(a == b for a, b in zip(reading.text, text)) if len(reading.text) == len(text) else 0
        print(f"{cs.label:22} {same / chars:11.4%} {covered / chars:11.4%} {right:>9}/{len(docs)} {unsure:>10} "
              f"{typed / chars:9.4%}")
    print("round trip: decode(encode(text)) against the charset's repertoire; repertoire: the share of characters the "
          "charset can hold; as typed: the file's text as read by the indexer against the original (TCVN3: capital "
          "lines restored)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("/work/benchdata/formats"))
    ap.add_argument("--docs", type=int, default=136)
    ap.add_argument("--chars", type=int, default=4000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--models", type=int, default=8, help="scanned PDFs for the model and dpi tables")
    ap.add_argument("--per-doc", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="keep the archive of the last run (only indexes are redone)")
    ap.add_argument("--sections", default="12345", help="which tables to print (1-5); without 2 a reused OCR cache is kept")
    args = ap.parse_args()
    print(f"# command: {' '.join(sys.argv)}")
    print("# a shared 2-core machine: other engineers' builds and tests run at the same time")
    docs = held_out(args.docs, args.chars)
    src, cache = args.out / "archive", args.out / "ocr-cache"
    if args.reuse and src.is_dir():
        owner = write_archive(docs, src, write=False)
        for leftover in args.out.glob("index*"):
            shutil.rmtree(leftover)
        if "2" in args.sections:
            shutil.rmtree(cache, ignore_errors=True)
    else:
        shutil.rmtree(args.out, ignore_errors=True)
        owner = write_archive(docs, src)
    # Speed on the scans alone (an OCR'd archive), then the whole archive with the cache warm.
    if "2" in args.sections:
        scans, cold = timed_build(src / "scans", args.out / "index-scans", args.workers, cache)
        again, unchanged = timed_build(src / "scans", args.out / "index-scans", args.workers, cache)
        fresh, warm = timed_build(src / "scans", args.out / "index-scans-fresh", args.workers, cache)
    first, whole = timed_build(src, args.out / "index", args.workers, cache)
    if "1" in args.sections:
        per_format(owner, first)
    if "2" in args.sections:
        print(f"\n## 2. build of the scans ({len(scans.indexed)} files, {scans.ocr_pages} pages), {args.workers} workers")
        print(f"cold (empty OCR cache)     {cold:8.1f} s   {scans.ocr_pages / cold * 60:6.1f} pages/min")
        print(f"unchanged, same index      {unchanged:8.2f} s   {cold / unchanged:6.0f}x faster  (nothing read: {again.unchanged} unchanged)")
        print(f"from scratch, cache warm   {warm:8.2f} s   {cold / warm:6.0f}x faster  ({fresh.ocr_cached}/{fresh.ocr_pages} pages "
              f"from the cache, {fresh.ocr_pages / warm * 60:.0f} pages/min)")
        print(f"whole archive, cache warm  {whole:8.2f} s   ({len(first.indexed)} files, {first.ocr_cached}/{first.ocr_pages} OCR pages cached)")
    svc = open_service("whoosh", index_dir=args.out / "index")
    searcher, _ = svc.handle.current()
    stored = {i: full_text(searcher, i) for i in owner if kind(i) == "pdf"}
    if "3" in args.sections:
        model_table(docs, owner, stored, args.models)
        dpi_table(owner, docs, src, max(1, args.models // 2))
    if "4" in args.sections:
        retrieval(owner, docs, src, args.out, cache, args.per_doc)
    if "5" in args.sections:
        legacy(docs)


def per_format(owner: dict[str, str], first) -> None:
    counts = Counter((kind(p), "indexed") for p in first.indexed) + Counter((kind(p), "skipped") for p, _ in first.skipped)
    print(f"\n## 1. per format ({len(owner)} documents + 4 hostile files)")
    for fmt in sorted({k for k, _ in counts}):
        print(f"{fmt:11} indexed {counts[(fmt, 'indexed')]:3}  skipped {counts[(fmt, 'skipped')]:3}")
    for path, reason in first.skipped:
        print(f"  skipped {path}: {reason}")
    print(f"  flagged: {len(first.flagged)} files; converted: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(e.split(' ')[0] for _, e in first.converted).items())))


if __name__ == "__main__":
    main()
