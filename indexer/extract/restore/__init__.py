"""A restored reading of OCR'd text: OCR errors repaired, accents restored.

``Restorer.restore(text)`` reads each word in context (candidates from the
OCR repairer and the accented spellings a model of clean administrative
Vietnamese knows, a trigram language model, Viterbi); ``needs_restoring``
tells OCR'd text from clean text, which is never changed; its spans
(``indexer.analysis.alignment``) tie the reading to the OCR text, offset for
offset.  The model
(data/restore_model.bin.gz, built by scripts/build_restore_model.py) is
read on first use, never at import.
"""

from indexer.extract.restore.detect import needs_restoring
from indexer.extract.restore.restorer import Restoration, Restorer, cased

__all__ = ["needs_restoring", "Restoration", "Restorer", "cased"]
