"""Pieces of scripts/build_restore_model.py, one module per role.

- ``params``  the build's and the decoder's constants (shipped in the model)
- ``corpus``  clean training text as token streams (held-out documents skipped)
- ``lm``      trigram counts, interpolated Kneser-Ney, pruning, backoff tables
- ``align``   OCR words aligned to true words by index
- ``channel`` what OCR makes of a true syllable: rank and mark tables
- ``write``   the reproducible model file
"""
