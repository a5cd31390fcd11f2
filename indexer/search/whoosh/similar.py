"""Documents like this one ("Văn bản tương tự").

"More like this" takes the document's most distinctive folded words (Whoosh's
Bo1 key-term model over the stored text, analysed as the ``folded`` field
analyses it) and ranks the archive by them: one query of a few terms, so it
costs about as much as a short search whatever the document's length.
"""

from __future__ import annotations

import re

from whoosh import query as Q

from indexer.search.service import DocumentSummary

# Words every administrative text has; as key terms they would only find "any document".
_COMMON = {"ubnd", "nam", "ngay", "thang", "tinh", "huyen", "xa", "cua", "va", "cac", "nhung", "theo"}


def more_like(handle, doc_id: str, limit: int = 5, key_terms: int = 12) -> list[DocumentSummary]:
    """The ``limit`` documents sharing most of this one's distinctive words."""
    searcher, _ = handle.current()
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        return []
    text = searcher.stored_fields(docnum).get("text", "")
    terms = [t for t, _ in searcher.key_terms_from_text("repaired", text, numterms=key_terms + len(_COMMON))
             if t not in _COMMON and not re.fullmatch(r"\d{1,2}", t)][:key_terms]
    if not terms:
        return []
    q = Q.Or([Q.Term("repaired", t) for t in terms])
    out = []
    for hit in searcher.search(q, limit=limit + 1):
        if hit.docnum == docnum:
            continue
        f = hit.fields()
        out.append(DocumentSummary(f["id"], f.get("title", ""), f.get("number", ""), f.get("date", ""), f.get("unit", "")))
    return out[:limit]

