"""The searched fields of a text and what a match in each weighs, for every engine.

A document's words are indexed in three views on one sequence of positions
(``indexer.analysis.analyzer.document_views``): ``exact`` (the word with its
marks, where they are known), ``unsure`` (an OCR'd word whose marks the
restorer could not tell: the readings it found plausible, or its letters
only) and ``repaired`` (every word folded, its OCR repairs stacked at its
position).  The scores of the fields add up, so an
exact accented match outranks a folded one, and a word as read outranks an
OCR repair of it.  Each engine's schema or mapping takes its boosts from
here (``whoosh.schema``, ``opensearch.mapping``); nothing else states them.
"""

from __future__ import annotations

# The accented view: a word's marks where they are known (clean text, OCR'd
# words the restorer read with confidence).
EXACT_FIELD = "exact"
# Where they are not: an accented query matches a word here only by a reading
# the restorer found plausible, or by letters where nothing is known.
UNSURE_FIELD = "unsure"
# The folded view with OCR repairs; its positions are the ones phrases,
# proximity, chunk positions and snippet windows use.
PROXIMITY_FIELD = "repaired"

# An exact accented match.
EXACT_WEIGHT = 3.0
# A word matched as read, folded.
READ_WEIGHT = 1.5
# A word matched only as an OCR repair, where an engine cannot weigh a
# posting: Lucene's term frequencies are whole numbers, so OpenSearch indexes
# the words as read in a field of their own (READ_WEIGHT - REPAIR_ONLY_WEIGHT)
# and the repaired view at this weight.  An engine that weighs postings
# (Whoosh) gives a repair ``analysis.analyzer.REPAIR_WEIGHT`` of a reading.
REPAIR_ONLY_WEIGHT = 1.0

# The fields searched for words, with the weight of a match in each.
TEXT_FIELDS = {EXACT_FIELD: EXACT_WEIGHT, UNSURE_FIELD: READ_WEIGHT, PROXIMITY_FIELD: READ_WEIGHT}

# A document's profile for "similar documents": its key terms
# (``index.analysed.key_terms``), each repeated as often as it weighs, up to
# PROFILE_MAX_COUNT (``index.fields.profile``).  Ranking the archive by a
# few of them reads this small field's postings, not the text's, whose
# blocks carry every position (a cold document page spent half its time
# there).  Every profile holds KEY_TERMS words, so its length weighs nothing.
PROFILE_FIELD = "profile"
PROFILE_MAX_COUNT = 32
