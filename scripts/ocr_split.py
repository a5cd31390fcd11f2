"""The train/held-out split of OCR pairs, by document id.

A document is held out when the SHA-1 of its id (UTF-8), read as a big
integer, falls in the last 20 % of 100 buckets:

    int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 100 >= 80

The rule is on the id of legal-clean-dev.jsonl, so it holds for
ocr-sim/pairs.jsonl and for any pairs generated later from the same corpus:
the OCR model never trains on a held-out document, and the benchmark uses
exactly these documents.  Deliberately independent of ``indexer``.
"""

from __future__ import annotations

import hashlib

HELD_OUT_FROM_BUCKET = 80


def bucket(doc_id: str) -> int:
    """The document's bucket, 0-99, stable across Python versions and runs."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 100


def is_held_out(doc_id: str) -> bool:
    """True for documents the OCR model must never train on."""
    return bucket(doc_id) >= HELD_OUT_FROM_BUCKET


if __name__ == "__main__":
    import json
    import sys

    # Print the held-out ids of a JSONL file: `python scripts/ocr_split.py pairs.jsonl`.
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            doc_id = json.loads(line)["id"]
            if is_held_out(doc_id):
                print(doc_id)
