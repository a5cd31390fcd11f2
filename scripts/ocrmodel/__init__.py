"""Pieces of scripts/build_ocr_model.py, one module per role.

- ``params``    the build's tuning constants (shipped in the model)
- ``corpus``    tokens, training pairs, corpus counts, the syllable inventory
- ``align``     clean/OCR token alignment (also used by the evaluation)
- ``charmodel`` character-segment confusions and the OCR forms they predict
- ``seeds``     self-training on the real, unlabelled seed scans
- ``context``   confusions between real syllables, resolved by neighbours
- ``table``     the repair table that combines them, and the model file
"""
