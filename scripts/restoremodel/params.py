"""The build's and the decoder's tuning constants; shipped in the model."""

BUILD = {
    "min_count": 2,  # corpus words seen fewer times are UNK (unless a word list has them)
    "min_bigram": 2,  # bigrams and trigrams seen fewer times are pruned
    "min_trigram": 3,
    "min_form": 10,  # OCR forms seen this often get their own P(true | form)
}

DECODE = {
    "min_accent_share": 0.001,  # spellings rarer than this share of their folded form are never proposed
    "beam": 4.0,  # decoder states this many nats below the best are dropped (8: 0.2 % more words right, 1.7x the time)
    "rank_weight": 1.0,  # weight of log P(rank | kind) / P(true | form) against the language model
    "mark_weight": 1.0,  # weight of the marks OCR kept (é for ế)
    "min_posterior": 0.5,  # a word the model is less sure of than this keeps its OCR form
}
